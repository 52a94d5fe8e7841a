import Checks
import Foundation
import Pipeline
import Reports
import TestSupport
import Testing

/// What `check --format csv|html` writes, made in process by the Pipeline and Reports libraries:
/// whole outputs against golden files in `Samples/reports/golden/` (`JUESUAN_UPDATE_GOLDEN=1`
/// rewrites them; review the diff). The command's options (`--severity`, `-o`, `--format`) are
/// tested in CLITests and CommandsTests.
@Suite("check --format csv and html")
struct CheckOutputTests {
    static let s01 = "tokenizer/s01_education_2020_reportlab.pdf"

    static func expectGolden(_ name: String, _ actual: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Golden.expect(actual, matchesSample: "reports/golden/" + name, sourceLocation: sourceLocation)
    }

    @Test func csvOfAPDF() throws {
        let findings = CheckPipeline.findings(try Read.pdf(Self.s01))
        #expect(findings.contains { $0.severity != .info })
        let csv = FindingsReport.csv(findings)
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        try Self.expectGolden("check_s01.csv", Data(csv.utf8))
        // One row per finding, in the same order.
        let rows = try CSVReportTests.parse(csv)
        #expect(rows.count == findings.count + 1)
        for (row, finding) in zip(rows.dropFirst(), findings) {
            let fields = Dictionary(uniqueKeysWithValues: zip(rows[0], row))
            #expect(fields["rule"] == finding.rule)
            #expect(fields["message"] == finding.message)
            #expect(fields["page"] == finding.page.map(String.init) ?? "")
        }
    }

    /// The whole page, except that each crop's PNG bytes are replaced by the image's size: the
    /// bytes depend on the poppler, cairo and zlib versions (the crops' pixels are tested in
    /// EvidencePlacementTests), and the golden file stays small enough to review.
    @Test func htmlOfAPDF() throws {
        let source = try Read.pdf(Self.s01)
        let html = HTMLReport.render(source, findings: CheckPipeline.findings(source))
        let pieces = html.components(separatedBy: "data:image/png;base64,")
        var normalized = pieces[0]
        for piece in pieces.dropFirst() {
            let end = try #require(piece.firstIndex(of: "\""))
            let png = try #require(Data(base64Encoded: String(piece[..<end])), "a crop is not base64")
            normalized += "data:image/png;base64,[\(Self.pngSize(png))]" + piece[end...]
        }
        #expect(pieces.count == 8)  // 9 findings with a crop, two pairs of them sharing one
        try Self.expectGolden("check_s01.html", Data(normalized.utf8))
        #expect(html.contains("<td class=\"hash\"><code>"))
    }

    /// `PNG WIDTH×HEIGHT` from a PNG's header chunk.
    static func pngSize(_ png: Data) -> String {
        let bytes = Array(png)
        guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            return "not a PNG"
        }
        let number = { (at: Int) in bytes[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return "PNG \(number(16))×\(number(20))"
    }

    @Test func htmlOfFactsHasNoCrops() throws {
        let source = try Read.facts("checks/s01_education_2020.facts.csv")
        let findings = CheckPipeline.findings(source)
        #expect(findings.contains { $0.severity != .info })
        let html = HTMLReport.render(source, findings: findings)
        try Self.expectGolden("check_s01_facts.html", Data(html.utf8))
        #expect(!html.contains("<img"))
    }
}

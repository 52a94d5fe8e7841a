import Foundation
import TestSupport
import Testing

/// `juesuan check --format csv|html`: whole outputs against golden files in
/// `Samples/reports/golden/` (`JUESUAN_UPDATE_GOLDEN=1` rewrites them; review the diff).
@Suite("check --format csv and html", .tags(.processes))
struct CheckOutputTests {
    static let s01 = "Samples/tokenizer/s01_education_2020_reportlab.pdf"

    static func expectGolden(_ name: String, _ actual: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try Golden.expect(actual, matchesSample: "reports/golden/" + name, sourceLocation: sourceLocation)
    }

    @Test func csvOfAPDF() async throws {
        let run = try await Juesuan.run("check", Self.s01, "--format", "csv")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(Array(run.stdout.prefix(3)) == [0xEF, 0xBB, 0xBF])
        try Self.expectGolden("check_s01.csv", run.stdout)
        // One row per finding of the JSON output, in the same order.
        let json = try await Juesuan.run("check", Self.s01, "--format", "json")
        let findings = try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]] ?? []
        let rows = try CSVReportTests.parse(run.text)
        #expect(rows.count == findings.count + 1)
        for (row, finding) in zip(rows.dropFirst(), findings) {
            let fields = Dictionary(uniqueKeysWithValues: zip(rows[0], row))
            #expect(fields["rule"] == finding["rule"] as? String)
            #expect(fields["message"] == finding["message"] as? String)
            #expect(fields["page"] == (finding["page"] as? Int).map(String.init) ?? "")
        }
    }

    /// The whole page, except that each crop's PNG bytes are replaced by the image's size: the
    /// bytes depend on the poppler, cairo and zlib versions (the crops' pixels are tested in
    /// EvidencePlacementTests), and the golden file stays small enough to review.
    @Test func htmlOfAPDF() async throws {
        let run = try await Juesuan.run("check", Self.s01, "--format", "html")
        #expect(run.status == 1, "\(run.stderr)")
        let pieces = run.text.components(separatedBy: "data:image/png;base64,")
        var normalized = pieces[0]
        for piece in pieces.dropFirst() {
            let end = try #require(piece.firstIndex(of: "\""))
            let png = try #require(Data(base64Encoded: String(piece[..<end])), "a crop is not base64")
            normalized += "data:image/png;base64,[\(Self.pngSize(png))]" + piece[end...]
        }
        #expect(pieces.count == 8)  // 9 findings with a crop, two pairs of them sharing one
        try Self.expectGolden("check_s01.html", Data(normalized.utf8))
        #expect(run.text.contains("<td class=\"hash\"><code>"))
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

    @Test func htmlOfFactsHasNoCrops() async throws {
        let run = try await Juesuan.run(
            "check", "Samples/checks/s01_education_2020.facts.csv", "--facts", "--format", "html")
        #expect(run.status == 1)
        try Self.expectGolden("check_s01_facts.html", run.stdout)
        #expect(!run.text.contains("<img"))
    }

    @Test func severityFilterAppliesToCSV() async throws {
        let all = try await CSVReportTests.parse(Juesuan.run("check", Self.s01, "--format", "csv").text)
        let errors = try await CSVReportTests.parse(
            Juesuan.run("check", Self.s01, "--format", "csv", "--severity", "error").text)
        #expect(errors.count < all.count)
        #expect(errors.dropFirst().allSatisfy { $0[1] == "error" })
    }

    @Test func outputFileAndBadOutputPath() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "juesuan-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("findings.csv")
        let written = try await Juesuan.run(
            "check", "Samples/checks/s01_education_2020.facts.csv", "--facts", "--format", "csv", "-o",
            file.path)
        #expect(written.status == 1 && written.stdout.isEmpty)
        #expect(Array(try Data(contentsOf: file).prefix(3)) == [0xEF, 0xBB, 0xBF])
        let bad = try await Juesuan.run(
            "check", "Samples/checks/s01_education_2020.facts.csv", "--facts", "--format", "html", "-o",
            folder.path + "/no/such/x.html")
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("error: ") && bad.stderr.split(separator: "\n").count == 1)
    }

    @Test func unknownFormatIsBadUsage() async throws {
        let run = try await Juesuan.run("check", Self.s01, "--format", "pdf")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: "))
    }
}

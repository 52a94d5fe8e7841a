import Foundation
import TestSupport
import Testing

/// The options `check --format csv|html` adds to what the Reports library writes (tested in
/// ReportsTests): the severity filter, `-o`, and a format that does not exist.
@Suite("juesuan check --format csv and html", .tags(.processes))
struct CheckOutputCLITests {
    static let s01 = "Samples/tokenizer/s01_education_2020_reportlab.pdf"

    @Test func csvHasARowPerJSONFinding() async throws {
        let run = try await Run.juesuan("check", Self.s01, "--format", "csv")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(Array(run.stdout.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let json = try await Run.juesuan("check", Self.s01, "--format", "json")
        let findings = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        let rows = try CSVRows.parse(run.stdout)
        #expect(rows.count == findings.count + 1)
        for (row, finding) in zip(rows.dropFirst(), findings) {
            let fields = Dictionary(uniqueKeysWithValues: zip(rows[0], row))
            #expect(fields["rule"] == finding["rule"] as? String)
            #expect(fields["page"] == (finding["page"] as? Int).map(String.init) ?? "")
        }
    }

    @Test func severityFilterAppliesToCSV() async throws {
        let all = try await CSVRows.parse(Run.juesuan("check", Self.s01, "--format", "csv").stdout)
        let errors = try await CSVRows.parse(
            Run.juesuan("check", Self.s01, "--format", "csv", "--severity", "error").stdout)
        #expect(errors.count < all.count)
        #expect(errors.dropFirst().allSatisfy { $0[1] == "error" })
    }

    @Test func outputFileAndBadOutputPath() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "juesuan-out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("findings.csv")
        let written = try await Run.juesuan(
            "check", "Samples/checks/s01_education_2020.facts.csv", "--facts", "--format", "csv", "-o",
            file.path)
        #expect(written.status == 1 && written.stdout.isEmpty)
        #expect(Array(try Data(contentsOf: file).prefix(3)) == [0xEF, 0xBB, 0xBF])
        let bad = try await Run.juesuan(
            "check", "Samples/checks/s01_education_2020.facts.csv", "--facts", "--format", "html", "-o",
            folder.path + "/no/such/x.html")
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("error: ") && bad.errorLines.count == 1)
    }

    @Test func unknownFormatIsBadUsage() async throws {
        let run = try await Run.juesuan("check", Self.s01, "--format", "pdf")
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: "))
    }

    /// The HTML page as the command writes it (its content is ReportsTests' golden file).
    @Test func htmlOfAPDF() async throws {
        let run = try await Run.juesuan("check", Self.s01, "--format", "html")
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(run.stdout.contains("s01_education_2020_reportlab.pdf"))
    }
}

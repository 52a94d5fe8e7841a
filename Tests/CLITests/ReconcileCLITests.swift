import Foundation
import TestSupport
import Testing

@Suite("juesuan reconcile", .tags(.processes))
struct ReconcileCLITests {
    private let pdf = "Samples/tokenizer/s01_education_2020_reportlab.pdf"
    private let records = "Samples/reconcile/s01_education_2020_reportlab.records.csv"

    private struct Key: Hashable, Decodable {
        var kind: String
        var entity: String
        var table: String
        var row: String
        var col: String
    }

    /// Exactly the generator's expected mismatches, keys and kinds: every one found, nothing else.
    @Test func reportsExactlyTheExpectedMismatches() async throws {
        let run = try await Run.juesuan("reconcile", pdf, "--records", records, "--format", "json")
        #expect(run.status == 1, "\(run.stderr)")
        let got = try JSONDecoder().decode([Key].self, from: Data(run.stdout.utf8))
        let truth = try JSONDecoder().decode(
            [Key].self,
            from: Data(
                contentsOf: URL(
                    fileURLWithPath: Samples.path(
                        "reconcile/s01_education_2020_reportlab.expected_mismatches.json"))))
        #expect(got.count == 15)
        #expect(Set(got) == Set(truth))
        let kinds = Set(got.map(\.kind))
        #expect(
            kinds == [
                "value_changed", "transposed_digits", "unit_scale", "missing_in_records",
                "extra_in_records", "sign",
            ])
    }

    @Test func jsonCarriesBothValuesUnitsAndPage() async throws {
        let run = try await Run.juesuan("reconcile", pdf, "--records", records, "--format", "json")
        let items = try #require(
            try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]])
        let scale = try #require(items.first { $0["kind"] as? String == "unit_scale" })
        #expect(
            scale["published"] as? String == "384932.12" && scale["publishedUnit"] as? String == "元")
        #expect(scale["recorded"] as? String == "38.49" && scale["recordedUnit"] as? String == "元")
        #expect(scale["page"] as? Int != nil && scale["box"] is [String: Any])
        let extra = try #require(items.first { $0["kind"] as? String == "extra_in_records" })
        #expect(
            extra["published"] is NSNull && extra["page"] is NSNull && extra["recordLine"] as? Int != nil)
    }

    @Test func goldenTextAndJSON() async throws {
        for format in ["text", "json"] {
            let run = try await Run.juesuan("reconcile", pdf, "--records", records, "--format", format)
            try Golden.expect(run.stdout, matches: "reconcile-s01.\(format)")
        }
    }

    /// Records imported into an SQLite store (`juesuan records import`) reconcile as the CSV does.
    @Test func recordsFromTheStoreReconcileTheSame() async throws {
        let db = FileManager.default.temporaryDirectory.path + "/juesuan-records-\(UUID().uuidString).sqlite"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        }
        let imported = try await Run.juesuan("records", "import", records, "--db", db)
        #expect(imported.status == 0, "\(imported.stderr)")
        let fromStore = try await Run.juesuan("reconcile", pdf, "--records", db, "--format", "json")
        let fromFile = try await Run.juesuan("reconcile", pdf, "--records", records, "--format", "json")
        #expect(fromStore.status == 1, "\(fromStore.stderr)")
        let keys = { (text: String) in try JSONDecoder().decode([Key].self, from: Data(text.utf8)) }
        #expect(try keys(fromStore.stdout).count == 15)
        #expect(try Set(keys(fromStore.stdout)) == Set(keys(fromFile.stdout)))
    }

    @Test func factsFilesReconcileTheSame() async throws {
        let fromPDF = try await Run.juesuan("reconcile", pdf, "--records", records, "--format", "json")
        let fromFacts = try await Run.juesuan(
            "reconcile", "Samples/tokenizer/s01_education_2020_reportlab.facts.csv", "--facts",
            "--records", records,
            "--format", "json")
        let keys = { (text: String) in try JSONDecoder().decode([Key].self, from: Data(text.utf8)) }
        #expect(try Set(keys(fromPDF.stdout)) == Set(keys(fromFacts.stdout)))
    }

    @Test(arguments: [
        ("missing-column.csv", "line 1: field col: missing column"),
        ("bad-number.csv", "line 3: field value: “12.3.4” is not a number"),
        ("unknown-unit.csv", "line 3: field unit: unknown unit “千元”"),
        ("duplicate-key.csv", "line 4: field value: duplicate key"),
        ("no-such-file.csv", "no such file"),
    ])
    func badRecordsExitTwoWithOneLine(name: String, message: String) async throws {
        let run = try await Run.juesuan("reconcile", pdf, "--records", "Samples/reconcile/records/" + name)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.errorLines.count == 1)
        #expect(run.stderr.hasPrefix("error: Samples/reconcile/records/\(name): "))
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func recordsOfAnotherDepartmentAreNamedNotSilentlyIgnored() async throws {
        let run = try await Run.juesuan(
            "reconcile", pdf, "--records", "Samples/reconcile/records/excel-utf8.csv", "--format", "json")
        #expect(run.status == 1)
        #expect(run.stderr.contains("warning: no records for 云溪县教育局"))
        #expect(run.stderr.contains("3 records of other departments or years left aside"))
    }
}

@Suite("juesuan reconcile on the real report", .tags(.processes))
struct ReconcileRealTests {
    /// The Putuo report's 195 figures filed in 元 with cents, each within ±49.99 元 of the printed
    /// 万元 figure: rounding alone, so nothing to report. Its tables name no department; the records'
    /// only department stands for them.
    @Test func recordsInYuanThatDifferOnlyByRoundingRaiseNothing() async throws {
        let run = try await Run.juesuan(
            "reconcile", "Samples/real/putuo_caizhengju_2024_juesuan.pdf", "--records",
            "Samples/reconcile/putuo-yuan.records.csv")
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.hasPrefix("0 mismatches, 195 figures agree"))
        #expect(run.stderr.contains("reconciling with the records of 上海市普陀区财政局"))
    }
}

@Suite("juesuan reconcile reports", .tags(.processes))
struct ReconcileReportTests {
    private let arguments = [
        "reconcile", "Samples/tokenizer/s01_education_2020_reportlab.pdf", "--records",
        "Samples/reconcile/s01_education_2020_reportlab.records.csv",
    ]

    @Test func csvHasABOMAndARowPerMismatch() async throws {
        let run = try await Run.juesuan(arguments: arguments + ["--format", "csv"])
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("\u{FEFF}kind,severity,entity,table,row,col,"))
        let lines = run.stdout.split(separator: "\r\n", omittingEmptySubsequences: true)
        #expect(lines.count == 16)
        #expect(lines.dropFirst().allSatisfy { !$0.contains("\n") })
    }

    /// Every mismatch is a row; every one with a page has its crop.
    @Test func htmlHasARowAndACropPerPublishedMismatch() async throws {
        let run = try await Run.juesuan(arguments: arguments + ["--format", "html"])
        #expect(run.status == 1)
        #expect(run.stdout.components(separatedBy: "class=\"mismatch error\"").count - 1 == 15)
        // 14 have a page (the extra record has none), and each gets its evidence.
        #expect(run.stdout.components(separatedBy: "class=\"evidence\"").count - 1 == 14)
        #expect(
            run.stdout.contains("<td class=\"file\">s01_education_2020_reportlab.pdf</td>")
                || run.stdout.contains("s01_education_2020_reportlab.pdf"))
    }
}

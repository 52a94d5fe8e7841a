import Foundation
import TestSupport
import Testing

@Suite("juesuan check", .tags(.processes))
struct CheckCLITests {
    /// s01 carries two deliberate table defects; the errors they cause are reported at the cells
    /// most likely altered (both defects' own keys among them), so the exit code is 1.
    @Test func findingsAsJSON() async throws {
        let run = try await Run.juesuan(
            "check", "Samples/checks/s01_education_2020.facts.csv", "--facts", "--format", "json")
        #expect(run.status == 1)
        try Golden.expect(run.stdout, matches: "cli/check_s01.json")
        let findings = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(findings.count == 4)
        let keys = findings.map {
            "\($0["table"] as? String ?? "")|\($0["row"] as? String ?? "")|\($0["col"] as? String ?? "")"
        }
        #expect(keys.contains("支出决算表|合计|项目支出"))
        #expect(keys.contains("一般公共预算财政拨款支出决算表|2080502|本年支出/小计"))
        for finding in findings {
            for key in ["rule", "severity", "table", "row", "col", "page", "printed", "expected", "message"] {
                #expect(finding[key] != nil, "\(key)")
            }
        }
    }

    /// The real Putuo report: its table inconsistencies are all rounding (info), so exit 0.
    @Test func roundingIsNotAnError() async throws {
        let run = try await Run.juesuan("check", "Samples/checks/putuo_caizhengju_2024.facts.csv", "--facts", "--all")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("0 errors, 0 warnings, 10 info"))
        #expect(run.stdout.contains("301 = Σ its 8 items (决算数): printed 2082.85, the printed parts add up to 2082.86"))
        // 208 is 326.72 in the detail tables and 326.71 in both 总表.
        #expect(run.stdout.contains("[tie-class-01-03] p10 支出决算表 | 208 | 本年支出合计"))
        #expect(run.stdout.contains("[tie-class-04-05] p15 一般公共预算财政拨款支出决算表 | 208 | 合计"))
    }

    @Test func badRulesFile() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = folder.appendingPathComponent("bad.rules")
        try Data("# mine\nx | columns | 表 | a + b\n".utf8).write(to: rules)
        let run = try await Run.juesuan(
            "check", "Samples/checks/s01_education_2020.facts.csv", "--facts", "--rules", rules.path)
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("error: ") && run.stderr.contains("rules line 2"))
        #expect(run.errorLines.count == 1)
    }

    @Test func badFactsFile() async throws {
        let run = try await Run.juesuan("check", "Samples/bad/README.txt", "--facts")
        #expect(run.status == 2)
        #expect(run.stderr.contains("not a facts.csv"))
    }

    @Test func rulesCommandPrintsRulesThatParse() async throws {
        let printed = try await Run.juesuan("rules")
        #expect(printed.status == 0)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("copy.rules")
        try Data(printed.stdout.utf8).write(to: copy)
        let run = try await Run.juesuan(
            "check", "Samples/checks/s01_education_2020.facts.csv", "--facts", "--rules", copy.path)
        #expect(run.status == 1)
        #expect(run.stdout.hasPrefix("4 errors"))
    }
}

@Suite("juesuan claims and check on a PDF", .tags(.processes))
struct ClaimsCLITests {
    /// The real Putuo report: its two narrative errors, and nothing else, are inconsistent.
    @Test func putuoClaims() async throws {
        let run = try await Run.juesuan("claims", "Samples/real/putuo_caizhengju_2024_juesuan.pdf", "--format", "json")
        #expect(run.status == 1)
        let claims = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(claims.count > 50)
        let inconsistent = claims.filter { $0["verdict"] as? String == "inconsistent" }
        #expect(inconsistent.compactMap { $0["value"] as? String }.sorted() == ["0.3", "71.73"])
        #expect(inconsistent.compactMap { $0["expected"] as? String }.sorted() == ["2961.68", "71.65"])
        for claim in claims {
            for key in ["page", "sentence", "value", "unit", "refersTo", "verdict"] {
                #expect(claim[key] != nil, "\(key)")
            }
        }
    }

    /// check on the PDF: the table checks find only rounding, the claims the two errors.
    @Test func putuoCheck() async throws {
        let run = try await Run.juesuan("check", "Samples/real/putuo_caizhengju_2024_juesuan.pdf", "--format", "json")
        #expect(run.status == 1)
        let findings = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        let errors = findings.filter { $0["severity"] as? String == "error" }
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { ($0["rule"] as? String)?.hasPrefix("narrative-") ?? false })
        #expect(errors.allSatisfy { $0["sentence"] is String })
    }

    /// --severity shows what is at least that severe; the exit code still speaks of everything.
    @Test func severityFilterAndEvidence() async throws {
        let errors = try await Run.juesuan(
            "check", "Samples/tokenizer/s01_education_2020_reportlab.pdf", "--format", "json", "--severity", "error")
        #expect(errors.status == 1)
        let shown = try JSONSerialization.jsonObject(with: Data(errors.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(!shown.isEmpty && shown.allSatisfy { $0["severity"] as? String == "error" })
        // Every finding from a PDF carries the box of its cell or sentence, for the evidence crop.
        for finding in shown {
            let box = finding["box"] as? [String: Double]
            #expect(box != nil, "\(finding["rule"] ?? "")")
            #expect((box?["x1"] ?? 0) > (box?["x0"] ?? 0))
        }
        let all = try await Run.juesuan(
            "check", "Samples/tokenizer/s01_education_2020_reportlab.pdf", "--format", "json")
        let every = try JSONSerialization.jsonObject(with: Data(all.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(every.count > shown.count)
        // A claim linked to no printed figure is an info finding, not dropped.
        #expect(every.contains { $0["rule"] as? String == "narrative-unlinked" && $0["severity"] as? String == "info" })
    }

    /// base.pdf (the corpus's intact document) holds no defect: nothing above info.
    @Test func cleanReport() async throws {
        let run = try await Run.juesuan("check", "Samples/bad/base.pdf")
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("0 errors, 0 warnings"))
        let claims = try await Run.juesuan("claims", "Samples/bad/base.pdf")
        #expect(claims.status == 0)
        #expect(claims.stdout.contains(" 0 inconsistent"))
    }

    @Test func scannedHasNoClaims() async throws {
        let run = try await Run.juesuan("claims", "Samples/bad/scanned.pdf")
        #expect(run.status == 2)
        #expect(run.stderr.contains("no text layer"))
    }
}

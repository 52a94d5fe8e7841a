import Checks
import Layout
import PDF
import ReportModel

/// Every finding `check` reports on one document, for `check` itself and for the batch worker.
enum CheckPipeline {
    /// The findings of a PDF: rules on its facts, its claims, empty tables, department and year
    /// consistency; sorted by page, then severity.
    static func findings(_ loaded: LoadedReport, checker: Checker = .standard()) -> [Finding] {
        var printed: [String: [String]] = [:]
        for table in loaded.report.tables { printed[table.entity, default: []].append(table.key) }
        let texts =
            loaded.report.tables.map { YearConsistency.Text(page: $0.pages.first ?? 0, text: $0.title) }
            + loaded.sentences.map { YearConsistency.Text(page: $0.page, text: $0.text) }
        let claims = Claims.claims(loaded)
        // A claim that cannot be linked is reported as info, not dropped.
        let unlinked = claims.filter { $0.verdict == .unlinked }.map { claim in
            Finding(
                rule: "narrative-unlinked", severity: .info, entity: loaded.report.entity, table: nil,
                row: nil,
                col: nil, page: claim.page, printed: claim.value, expected: nil,
                message:
                    "\(claim.value)\(claim.unit) (\(claim.quantity)) is linked to no printed figure: \(claim.message)",
                sentence: claim.sentence)
        }
        let boxes = Check.SentenceBoxes(loaded.sentences)
        let narrative = (ClaimChecker().findings(for: claims) + unlinked).map { finding in
            var located = finding
            located.box = located.box ?? boxes.box(of: finding)
            return located
        }
        let empty = EmptyTables.findings(loaded.report.tables, facts: loaded.report.facts)
        let facts = loaded.report.facts
        var findings = checker.check(facts, printedTables: printed) + narrative + empty
        findings += DepartmentConsistency.findings(texts, entities: Set(facts.map(\.entity)))
        // The claims judge the year of headings too (narrative-year); where they have not, the
        // headings and titles are compared here.
        if let year = YearConsistency.reportYear(texts) {
            let reported = Set(narrative.filter { $0.rule == "narrative-year" }.map(\.page))
            findings += YearConsistency.findings(texts, year: year, entity: facts.first?.entity ?? "")
                .filter { !reported.contains($0.page) }
        }
        return sorted(findings)
    }

    /// The findings of a facts.csv: the rules alone (no tables printed empty, no text).
    static func findings(facts: [Fact], checker: Checker = .standard()) -> [Finding] {
        sorted(checker.check(facts, printedTables: nil))
    }

    private static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted { ($0.page ?? .max, $0.severity) < ($1.page ?? .max, $1.severity) }
    }
}

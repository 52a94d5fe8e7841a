import Basics
import Checks
import FoundationEssentials
import Layout
import PDF
import ReportModel

/// Every finding `check` reports on one document, for `check` itself, the batch worker and the
/// web server.
public enum CheckPipeline {
    /// The findings of what was read: ``findings(_:checker:)`` for a PDF,
    /// ``findings(facts:checker:)`` for a facts.csv.
    public static func findings(_ source: DocumentSource, checker: Checker = .standard()) -> [Finding] {
        switch source {
        case .pdf(let loaded): findings(loaded, checker: checker)
        case .facts(_, let facts): findings(facts: facts, checker: checker)
        }
    }

    /// The findings of a PDF: rules on its facts, its claims, empty tables, department and year
    /// consistency; sorted by page, then severity.
    public static func findings(_ loaded: LoadedReport, checker: Checker = .standard()) -> [Finding] {
        var printed: [String: [String]] = [:]
        for table in loaded.report.tables { printed[table.entity, default: []].append(table.key) }
        let texts =
            loaded.report.tables.map { YearConsistency.Text(page: $0.pages.first ?? 0, text: $0.title) }
            + loaded.sentences.map { YearConsistency.Text(page: $0.page, text: $0.text) }
        let claims = ClaimsPipeline.claims(loaded)
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
        let boxes = SentenceBoxes(loaded.sentences)
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
    public static func findings(facts: [Fact], checker: Checker = .standard()) -> [Finding] {
        sorted(checker.check(facts, printedTables: nil))
    }

    /// The checker of `check --rules FILE`: the built-in rules when `rulesFile` is nil, else the
    /// rules that file holds (the format `juesuan rules` prints).
    public static func checker(rulesFile: String?) throws(PipelineError) -> Checker {
        guard let rulesFile else { return Checker.standard() }
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: rulesFile)), as: UTF8.self)
        } catch {
            throw PipelineError("\(rulesFile): cannot read the rules file; check the path")
        }
        do {
            return Checker(rules: try RuleParser.parse(text))
        } catch {
            throw PipelineError("\(rulesFile): \(error)")
        }
    }

    /// Findings in the order every output lists them: by page (findings without one last), then
    /// by severity.
    private static func sorted(_ findings: [Finding]) -> [Finding] {
        findings.sorted { ($0.page ?? .max, $0.severity) < ($1.page ?? .max, $1.severity) }
    }
}

/// Where narrative findings' sentences stand on their pages: the union of the sentence's line
/// boxes there (a claim's text is its sentence or a clause of it).
public struct SentenceBoxes: Sendable {
    private var byPage: [Int: [(text: String, box: Rect)]] = [:]

    /// The boxes of `sentences`, page by page.
    public init(_ sentences: [Sentence]) {
        for sentence in sentences {
            let compact = String(sentence.text.filter { !$0.isWhitespace })
            for page in Set(sentence.boxes.map(\.page)) {
                let boxes = sentence.boxes.filter { $0.page == page }.map(\.box)
                byPage[page, default: []].append((compact, boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }))
            }
        }
    }

    /// The box of the first sentence on the finding's page that contains the finding's sentence
    /// (spaces ignored); nil for a finding without sentence or page.
    public func box(of finding: Finding) -> Rect? {
        guard let text = finding.sentence, let page = finding.page else { return nil }
        let compact = String(text.filter { !$0.isWhitespace })
        return byPage[page]?.first { $0.text.contains(compact) }?.box
    }
}

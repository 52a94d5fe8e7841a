import ArgumentParser
import Basics
import Checks
import FoundationEssentials
import Layout
import ReportModel
import Reports
import Tokenizer

/// `juesuan check FILE.pdf`: every place where the report disagrees with itself.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a report against itself: roll-ups, row identities, balances, ties between tables.",
        discussion: """
            Every comparison is made on rounding intervals: a printed value with d decimals stands \
            for ±½·10⁻ᵈ. A difference that rounding cannot explain is an error; one that rounding \
            explains (the 尾数误差 note) is info. Exit code 1 when there is an error or a warning.
            Rules: `juesuan rules` prints the rules in force; --rules FILE reads an edited copy.
            """
    )

    /// `text` and `json` are rendered here; `csv` and `html` by the Reports module.
    typealias Format = ReportFormat

    @Argument(help: "The PDF report to check (or, with --facts, a facts.csv file).")
    var file: String

    @Option(help: "The password of an encrypted PDF.")
    var password: String?

    @Flag(help: "FILE is a facts.csv (FACTS.md) rather than a PDF.")
    var facts = false

    @Option(help: "Read the rules from this file instead of the built-in ones.")
    var rules: String?

    @Option(
        help:
            "Output format: text, json, csv (UTF-8 with a BOM, for Excel) or html (one self-contained page with evidence crops)."
    )
    var format: Format = .text

    @Flag(help: "Also list info findings (differences within rounding, unlinked claims) in text output.")
    var all = false

    @Option(
        help:
            "Show only findings at least this severe: error, warning or info (default: all in JSON; error and warning in text unless --all)."
    )
    var severity: Severity?

    @OptionGroup var output: OutputOptions

    func run() throws {
        let checker = try loadChecker()
        let findings: [Finding]
        let source: ReportOutput.Source
        if facts {
            let factList = try FactsFile.read(file)
            source = .facts(path: file, factList)
            findings = CheckPipeline.findings(facts: factList, checker: checker)
        } else {
            let loaded = try LoadedReport(path: file, password: password)
            source = .pdf(loaded)
            findings = CheckPipeline.findings(loaded, checker: checker)
        }
        let shown = severity.map { minimum in findings.filter { $0.severity <= minimum } } ?? findings
        switch format {
        case .json:
            try output.emit(JSONOutput.encode(shown))
        case .text:
            try output.emit(FindingText.render(shown, includeInfo: all || severity == .info))
        case .csv:
            try ReportOutput.emit(FindingsReport.csv(shown), to: output)
        case .html:
            try ReportOutput.emit(ReportOutput.html(source, findings: shown), to: output)
        }
        // The exit code speaks of every finding, whatever is shown.
        if findings.contains(where: { $0.severity != .info }) { throw ExitCode(1) }
    }

    private func loadChecker() throws -> Checker {
        guard let rules else { return Checker.standard() }
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: rules)), as: UTF8.self)
        } catch {
            throw CLIFailure(message: "\(rules): cannot read the rules file; check the path")
        }
        do {
            return Checker(rules: try RuleParser.parse(text))
        } catch {
            throw CLIFailure(message: "\(rules): \(error)")
        }
    }
}

extension Check {
    /// Where narrative findings' sentences stand on their pages: the union of the sentence's line
    /// boxes there (a claim's text is its sentence or a clause of it).
    struct SentenceBoxes {
        private var byPage: [Int: [(text: String, box: Rect)]] = [:]

        init(_ sentences: [Sentence]) {
            for sentence in sentences {
                let compact = String(sentence.text.filter { !$0.isWhitespace })
                for page in Set(sentence.boxes.map(\.page)) {
                    let boxes = sentence.boxes.filter { $0.page == page }.map(\.box)
                    byPage[page, default: []].append((compact, boxes.dropFirst().reduce(boxes[0]) { $0.union($1) }))
                }
            }
        }

        func box(of finding: Finding) -> Rect? {
            guard let text = finding.sentence, let page = finding.page else { return nil }
            let compact = String(text.filter { !$0.isWhitespace })
            return byPage[page]?.first { $0.text.contains(compact) }?.box
        }
    }
}

/// `juesuan rules`: the rules `check` applies, to read or to copy and extend.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the check rules in force.")

    func run() throws {
        Terminal.raw(DefaultRules.text + "\n")
    }
}

/// Reads a facts.csv file (FACTS.md) with a one-line error for a bad one.
enum FactsFile {
    static func read(_ path: String) throws -> [Fact] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIFailure(message: "\(path): no such file or not readable; check the path")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = FactsCSV.parseRecords(text)
        guard let header = records.first, header.joined(separator: ",") == FactsCSV.header else {
            throw CLIFailure(message: "\(path): not a facts.csv; the first line must be \(FactsCSV.header)")
        }
        var facts: [Fact] = []
        for (offset, record) in records.dropFirst().enumerated() where !(record.count == 1 && record[0].isEmpty) {
            let line = offset + 2
            guard record.count == 8 else {
                throw CLIFailure(message: "\(path): line \(line): expected 8 fields, found \(record.count)")
            }
            guard let page = Int(record[7]), page >= 1 else {
                throw CLIFailure(message: "\(path): line \(line): page \(record[7]) is not a page number")
            }
            guard Amount.parse(record[5]) != nil else {
                throw CLIFailure(message: "\(path): line \(line): value \(record[5]) is not a number")
            }
            facts.append(
                Fact(
                    entity: record[0], table: record[1], row: record[2], col: record[3], name: record[4],
                    value: record[5], unit: record[6], page: page))
        }
        return facts
    }
}

/// Findings for a reader.
enum FindingText {
    static func render(_ findings: [Finding], includeInfo: Bool) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let infos = findings.filter { $0.severity == .info }.count
        var lines = [
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info (within rounding, or claims linked to no figure)"
        ]
        for finding in findings where includeInfo || finding.severity != .info {
            let place =
                finding.table == nil
                ? "“\(finding.sentence ?? "")”"
                : [finding.table, finding.row, finding.col].compactMap { $0 }.joined(separator: " | ")
            lines.append(
                "\(finding.severity.rawValue.uppercased()) [\(finding.rule)] p\(finding.page.map(String.init) ?? "-") \(place)"
            )
            lines.append("    \(finding.message)")
        }
        if !includeInfo && infos > 0 { lines.append("(--all lists the \(infos) info findings)") }
        return lines.joined(separator: "\n")
    }
}

extension Severity: ExpressibleByArgument {}

import ArgumentParser
import Checks
import Pipeline
import Reports

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
        let checker = try CheckPipeline.checker(rulesFile: rules)
        let source: DocumentSource =
            facts
            ? .facts(path: file, try FactsFile.read(file)) : .pdf(try LoadedReport.reading(file, password: password))
        let findings = CheckPipeline.findings(source, checker: checker)
        let shown = severity.map { minimum in findings.filter { $0.severity <= minimum } } ?? findings
        switch format {
        case .json:
            try output.emit(JSONOutput.encode(shown))
        case .text:
            try output.emit(FindingText.render(shown, includeInfo: all || severity == .info))
        case .csv:
            try output.write(FindingsReport.csv(shown))
        case .html:
            try output.write(HTMLReport.render(source, findings: shown))
        }
        // The exit code speaks of every finding, whatever is shown.
        if findings.contains(where: { $0.severity != .info }) { throw ExitCode(1) }
    }
}

/// `juesuan rules`: the rules `check` applies, to read or to copy and extend.
struct Rules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the check rules in force.")

    func run() throws {
        Terminal.raw(DefaultRules.text + "\n")
    }
}

extension Severity: ExpressibleByArgument {}

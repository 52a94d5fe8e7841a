import ArgumentParser
import FoundationEssentials
import Pipeline
import Reconciler
import Reports

/// `juesuan reconcile FILE.pdf --records RECORDS.csv`: does the published report say what was filed?
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Compare every published figure with the filed records and classify every difference.",
        discussion: """
            Records: a CSV file with the header department,year,table,row,col,unit,value (keys as in \
            FACTS.md, unit 元 or 万元; UTF-8 with or without a BOM, or GB18030/GBK as saved by Chinese \
            Excel). Only the records of the document's departments and year are compared.
            A record agrees with a published figure when it lies within the printed value's rounding \
            interval (a record of 18357412.34 元 agrees with 1835.74 万元). Kinds: value_changed, \
            transposed_digits, unit_scale, sign, missing_in_records, extra_in_records. A leaf one unit \
            of its last digit away whose total balances (舍位平衡) is an info note (rounding_balance), \
            listed with --all. Exit code 1 when there is a mismatch.
            """
    )

    typealias Format = ReportFormat

    @Argument(help: "The PDF report (or, with --facts, a facts.csv file).")
    var file: String

    @Option(
        help:
            "The filed records: a CSV file (department,year,table,row,col,unit,value), or a store they were imported into (juesuan records import): an SQLite file or a postgres:// URL."
    )
    var records: String

    @Option(help: "The records file's character set (UTF-8, GB18030, GBK); detected when omitted.")
    var encoding: String?

    @Option(help: "The password of an encrypted PDF.")
    var password: String?

    @Flag(help: "FILE is a facts.csv (FACTS.md) rather than a PDF.")
    var facts = false

    @Option(help: "The report's year, when it cannot be read from the report (or to override it).")
    var year: Int?

    @Option(help: "The department that tables naming none belong to (default: the report's).")
    var department: String?

    @Option(help: "Output format: text, json, csv (UTF-8 with a BOM, for Excel) or html (with evidence crops).")
    var format: Format = .text

    @Flag(help: "Also list the rounding notes (舍位平衡), which are never mismatches.")
    var all = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let filed = try await readRecords()
        let source: DocumentSource =
            facts
            ? .facts(path: file, try FactsFile.read(file))
            : .pdf(try LoadedReport.reading(file, password: password, narrative: false))
        let reconciliation = Reconciliation(
            source, records: filed, department: department, year: year, recordsName: records)
        Terminal.report(reconciliation.diagnostics)
        let outcome = reconciliation.outcome
        let mismatches = reconciliation.mismatches
        let shown = all ? outcome.mismatches : mismatches
        switch format {
        case .json:
            try output.emit(JSONOutput.encode(shown))
        case .csv:
            try output.write(MismatchReport.csv(shown))
        case .html:
            try output.write(HTMLReport.render(source, mismatches: shown))
        case .text:
            try output.emit(
                MismatchText.render(shown, agreed: outcome.agreed, notes: reconciliation.roundingNotes, all: all))
        }
        if !mismatches.isEmpty { throw ExitCode(1) }
    }

    /// The records: a CSV file, or the store they were imported into.
    private func readRecords() async throws -> [Record] {
        try await FiledRecords.read(records, encoding: encoding, environment: ProcessInfo.processInfo.environment)
    }
}

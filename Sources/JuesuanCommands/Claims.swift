import ArgumentParser
import Pipeline
import Reports

/// `juesuan claims FILE.pdf`: every numeric claim of the narrative, linked to the tables and judged.
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and judge the numeric claims of the narrative (情况说明).",
        discussion: """
            Every amount, share, change and budget comparison in the running text is linked to the \
            table cells it repeats and judged on rounding intervals: consistent, inconsistent (with \
            the expected figure) or unlinked. Exit code 1 when a claim is inconsistent.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var document: DocumentOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Judge against the facts of this facts.csv instead of the tables read from the PDF.")
    var facts: String?

    @Flag(help: .hidden)
    var sentences = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let loaded = try LoadedReport.reading(document.file, password: document.password)
        let factList = try facts.map(FactsFile.read) ?? loaded.report.facts
        if sentences {
            try output.emit(ClaimText.sentences(ClaimsPipeline.sentences(loaded, facts: factList)))
            return
        }
        let claims = ClaimsPipeline.claims(loaded, facts: factList)
        switch format {
        case .json:
            try output.emit(try JSONOutput.encode(claims))
        case .text:
            try output.emit(ClaimText.render(claims))
        }
        if claims.contains(where: { $0.verdict == .inconsistent }) { throw ExitCode(1) }
    }
}

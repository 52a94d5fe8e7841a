import ArgumentParser
import Pipeline
import Reports

/// `juesuan inspect FILE`: what an auditor runs first on a strange file.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show pages, producer, fonts, glyphs per page and pages without a text layer."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var document: DocumentOptions
    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: "Only these pages, e.g. 3, 2-5 or 1,4-6.") var pages: PageSelection?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try InspectReport(try document.open(), pages: pages)
        switch format {
        case .json:
            try output.emit(try JSONOutput.encode(report))
        case .text:
            try output.emit(InspectText.render(report))
        }
        Terminal.report(report.diagnostics)
    }
}

extension PageSelection: ExpressibleByArgument {}

import ArgumentParser
import Foundation
import Pipeline
import ReportModel
import Reports

/// `juesuan extract FILE`: the document's content in a chosen form.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the report's content.",
        discussion: """
            --format tables prints the recognised tables, a line per row with its code, name and \
            amounts under the column paths. --format facts prints every figure of every table as facts.csv (entity, table, row, col, \
            name, value, unit, page; see FACTS.md). --format json prints the whole structured report: \
            document, department, year, unit, tables with header, rows and cells (page and box), \
            problems and facts. --format text prints the pages' text rebuilt from glyph geometry, in \
            reading order, each word at the column its position gives (pages are separated by a form \
            feed). Rotated pages read upright. --format debug -o DIR writes, for each page that holds \
            a table, DIR/page-NNN.png: the page with the ruling lines found (red), the ruled cells \
            (green, header cells shaded blue), whitespace columns (blue), the header paths and each \
            fact's key over its figure.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, tables, facts, json, debug
    }

    @OptionGroup var document: DocumentOptions
    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text
    @Option(help: "Only these pages, e.g. 3, 2-5 or 1,4-6 (text format only).") var pages: PageSelection?
    @OptionGroup var output: OutputOptions

    func run() throws {
        switch format {
        case .text:
            let text = try DocumentText(try document.open(), pages: pages)
            Terminal.report(text.diagnostics)
            try output.emit(text.text)
        case .debug:
            guard let folder = output.output else {
                throw CLIFailure(message: "--format debug writes pictures: name their folder with -o DIR")
            }
            let loaded = try LoadedReport.reading(document.file, password: document.password, narrative: false)
            Terminal.report(loaded.diagnostics)
            let pictures = try DebugPictures.pictures(loaded.report, document: loaded.document)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                for picture in pictures {
                    let number = String(picture.page)
                    let name = "page-" + String(repeating: "0", count: max(0, 3 - number.count)) + number + ".png"
                    let path = folder + "/" + name
                    try Data(picture.png).write(to: URL(fileURLWithPath: path), options: .atomic)
                    Terminal.raw(path + "\n")
                }
            } catch {
                throw CLIFailure(
                    message: "\(folder): cannot write the pictures; check the folder can be made and written")
            }
        case .tables, .facts, .json:
            let loaded = try LoadedReport.reading(
                document.file, password: document.password, narrative: format == .json)
            switch format {
            case .facts: try output.emit(FactsCSV.write(loaded.report.facts))
            case .tables: try output.emit(TablesText.render(loaded.report))
            default: try output.emit(try JSONOutput.encode(ExtractedReport(loaded)))
            }
        }
    }
}

import ArgumentParser
import Checks
import FoundationEssentials
import Layout
import PDF
import ReportModel
import Tokenizer

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
            feed). Rotated pages read upright.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, tables, facts, json
    }

    @OptionGroup var document: DocumentOptions
    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text
    @Option(help: "Only these pages, e.g. 3, 2-5 or 1,4-6 (text format only).") var pages: PageSelection?
    @OptionGroup var output: OutputOptions

    func run() throws {
        switch format {
        case .text: try runText(try document.open())
        case .tables, .facts, .json: try runReport()
        }
    }

    private func runText(_ pdf: PDFDocument) throws {
        let numbers = try pages?.pages(in: pdf) ?? Array(1...max(pdf.pageCount, 1)).filter { $0 <= pdf.pageCount }
        var texts: [String] = []
        var withoutText: [Int] = []
        for number in numbers {
            let page = try pdf.page(number)
            if !page.hasTextLayer { withoutText.append(number) }
            texts.append(LayoutText.render(LayoutBuilder.layout(page)))
        }
        if withoutText.count == numbers.count {
            throw PDFError.noTextLayer(path: pdf.info.path)
        }
        if !withoutText.isEmpty {
            Terminal.warning("no text layer on pages \(PageList.describe(withoutText)): their text is missing")
        }
        try output.emit(texts.joined(separator: "\n\u{0C}"))
    }

    private func runReport() throws {
        let loaded = try LoadedReport(path: document.file, password: document.password, narrative: format == .json)
        let report = loaded.report
        switch format {
        case .facts:
            try output.emit(FactsCSV.write(report.facts))
        case .tables:
            try output.emit(TablesText.render(report))
        default:
            let extracted = ExtractedReport(
                document: loaded.info, department: report.entity, year: report.year, unit: report.unit,
                roundingNote: report.roundingNote, tables: report.tables, sentences: loaded.sentences,
                claims: Claims.claims(loaded), problems: report.problems, facts: report.facts)
            try output.emit(try JSONOutput.encode(extracted))
        }
    }
}

/// The `--format json` document.
struct ExtractedReport: Encodable {
    var document: DocumentInfo
    var department: String
    var year: Int?
    var unit: String?
    var roundingNote: Bool
    var tables: [ReportTable]
    /// The running text outside the tables (情况说明, appendix text), sentence by sentence.
    var sentences: [Sentence]
    /// The numeric claims of those sentences, linked and judged (as `juesuan claims` prints them).
    var claims: [Claim]
    var problems: [Problem]
    var facts: [Fact]
}

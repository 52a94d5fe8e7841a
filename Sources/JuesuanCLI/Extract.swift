import ArgumentParser
import Layout
import PDF

/// `juesuan extract FILE`: the document's content in a chosen form.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract the report's content.",
        discussion: """
            --format text prints the pages' text rebuilt from glyph geometry, in reading order, \
            each word at the column its position gives (pages are separated by a form feed). \
            Rotated pages read upright.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
    }

    @OptionGroup var document: DocumentOptions
    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text
    @Option(help: "Only these pages, e.g. 3, 2-5 or 1,4-6.") var pages: PageSelection?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let pdf = try document.open()
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
}

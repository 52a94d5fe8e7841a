import Layout
import PDF
import ReportModel
import Tokenizer

/// A PDF read through every stage that `check` and `claims` need: pages laid out once, the
/// tables, and the sentences of the pages that hold no table. The document stays open, so that the
/// evidence of an HTML report is cropped from the very file that was read, without opening it again.
struct LoadedReport {
    let document: PDFDocument
    var info: DocumentInfo
    /// Every page laid out, in page order.
    var layouts: [PageLayout]
    var report: Report
    var sentences: [Sentence]

    /// Reads the PDF; `narrative: false` leaves the sentences out (facts need none).
    init(path: String, password: String?, narrative: Bool = true) throws {
        let document = try PDFDocument(path: path, password: password)
        var layouts: [PageLayout] = []
        var withoutText: [Int] = []
        for number in stride(from: 1, through: document.pageCount, by: 1) {
            let page = try document.page(number)
            if !page.hasTextLayer { withoutText.append(number) }
            layouts.append(LayoutBuilder.layout(page))
        }
        if document.pageCount == 0 || withoutText.count == document.pageCount {
            throw PDFError.noTextLayer(path: document.info.path)
        }
        if !withoutText.isEmpty {
            Terminal.warning("no text layer on pages \(PageList.describe(withoutText)): what they print is missing")
        }
        self.document = document
        info = document.info
        self.layouts = layouts
        report = Tokenizer.read(layouts: layouts)
        for problem in report.problems {
            Terminal.warning("\(problem.page.map { "page \($0): " } ?? "")\(problem.message)")
        }
        let tablePages = Set(report.tables.flatMap(\.pages))
        sentences =
            narrative ? NarrativeBuilder.sentences(from: layouts.filter { !tablePages.contains($0.pageNumber) }) : []
    }
}

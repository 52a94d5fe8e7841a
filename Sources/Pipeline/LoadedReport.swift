import Layout
import PDF
import ReportModel
import Tokenizer

/// A PDF read through the stages every command shares: pages laid out once, the tables and facts,
/// and the sentences of the pages that hold no table.
///
/// The document stays open, so that the evidence of an HTML report is cropped from the very file
/// that was read, without opening it again.
public struct LoadedReport {
    /// The open document.
    public let document: PDFDocument
    /// The document's identity: path, SHA-256, size, pages, producer.
    public var info: DocumentInfo
    /// Every page laid out, in page order.
    public var layouts: [PageLayout]
    /// The tables, facts and problems the tokenizer read.
    public var report: Report
    /// The running text of the pages without tables, sentence by sentence (empty when read
    /// without the narrative).
    public var sentences: [Sentence]
    /// What reading noticed, in order: pages without a text layer, then the tokenizer's problems.
    public var diagnostics: [Diagnostic]

    /// Reads the PDF; `narrative: false` leaves the sentences out (facts need none).
    ///
    /// Throws ``PDFError/noTextLayer(path:)`` when no page has a text layer; when only some lack
    /// one, a warning says which.
    public init(path: String, password: String?, narrative: Bool = true) throws(PDFError) {
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
        var diagnostics: [Diagnostic] = []
        if !withoutText.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .warning, "no text layer on pages \(PageList.describe(withoutText)): what they print is missing"))
        }
        self.document = document
        info = document.info
        self.layouts = layouts
        report = Tokenizer.read(layouts: layouts, document: document)
        for problem in report.problems {
            diagnostics.append(Diagnostic(.warning, "\(problem.page.map { "page \($0): " } ?? "")\(problem.message)"))
        }
        self.diagnostics = diagnostics
        let tablePages = Set(report.tables.flatMap(\.pages))
        sentences =
            narrative ? NarrativeBuilder.sentences(from: layouts.filter { !tablePages.contains($0.pageNumber) }) : []
    }
}

/// What a `check` or `reconcile` read: a PDF, or a facts.csv (FACTS.md) standing in for one.
public enum DocumentSource {
    /// A PDF read through ``LoadedReport``.
    case pdf(LoadedReport)
    /// The facts of a facts.csv, with the file's path.
    case facts(path: String, [Fact])

    /// The facts: the tokenizer's for a PDF, the file's for a facts.csv.
    public var facts: [Fact] {
        switch self {
        case .pdf(let loaded): loaded.report.facts
        case .facts(_, let facts): facts
        }
    }

    /// The PDF read, if one was.
    public var loaded: LoadedReport? {
        if case .pdf(let loaded) = self { return loaded }
        return nil
    }
}

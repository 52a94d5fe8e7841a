import Layout
import PDF

/// A set of pages given as `3`, `2-5` or `1,4-6` (1-based), as `--pages` takes them.
public struct PageSelection: Sendable, Hashable {
    /// The ranges in the order given (they may overlap).
    public var ranges: [ClosedRange<Int>]

    /// The selection `argument` writes, or nil when it is not one (empty, not a number, a page
    /// below 1, a range that runs backwards).
    public init?(argument: String) {
        var ranges: [ClosedRange<Int>] = []
        for part in argument.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 1 || bounds.count == 2,
                let low = Int(Self.trimmingSpaces(bounds[0])), low >= 1
            else { return nil }
            let high = bounds.count == 2 ? Int(Self.trimmingSpaces(bounds[1])) : low
            guard let high, high >= low else { return nil }
            ranges.append(low...high)
        }
        guard !ranges.isEmpty else { return nil }
        self.ranges = ranges
    }

    /// The selected page numbers, each once, in the order given, checked against the document.
    public func pages(in document: PDFDocument) throws(PDFError) -> [Int] {
        var pages: [Int] = []
        for range in ranges {
            for page in range {
                guard page <= document.pageCount else {
                    throw .pageOutOfRange(page: page, pageCount: document.pageCount)
                }
                if !pages.contains(page) { pages.append(page) }
            }
        }
        return pages
    }

    /// The pages `selection` names in `document`, or every page when there is no selection.
    public static func pages(_ selection: PageSelection?, in document: PDFDocument) throws(PDFError) -> [Int] {
        if let selection { return try selection.pages(in: document) }
        return Array(1...max(document.pageCount, 1)).filter { $0 <= document.pageCount }
    }

    private static func trimmingSpaces(_ text: Substring) -> Substring {
        var result = text
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return result
    }
}

/// Page numbers as a reader writes them: `[1,2,3,5]` → `1-3, 5`.
public enum PageList {
    /// Runs of consecutive pages joined with a dash, runs separated by `, `.
    public static func describe(_ pages: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < pages.count {
            var end = index
            while end + 1 < pages.count && pages[end + 1] == pages[end] + 1 { end += 1 }
            parts.append(end == index ? String(pages[index]) : "\(pages[index])-\(pages[end])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }
}

/// The pages' text rebuilt from glyph geometry (`extract --format text`).
public struct DocumentText: Sendable {
    /// Each page's text in reading order, every word at the column its position gives; pages are
    /// separated by a form feed.
    public var text: String
    /// A warning when some of the pages have no text layer.
    public var diagnostics: [Diagnostic]

    /// The text of `pages` of `document` (every page when nil). Throws
    /// ``PDFError/noTextLayer(path:)`` when none of them has a text layer.
    public init(_ document: PDFDocument, pages selection: PageSelection?) throws(PDFError) {
        let numbers = try PageSelection.pages(selection, in: document)
        var texts: [String] = []
        var withoutText: [Int] = []
        for number in numbers {
            let page = try document.page(number)
            if !page.hasTextLayer { withoutText.append(number) }
            texts.append(LayoutText.render(LayoutBuilder.layout(page)))
        }
        if withoutText.count == numbers.count {
            throw PDFError.noTextLayer(path: document.info.path)
        }
        diagnostics =
            withoutText.isEmpty
            ? []
            : [Diagnostic(.warning, "no text layer on pages \(PageList.describe(withoutText)): their text is missing")]
        text = texts.joined(separator: "\n\u{0C}")
    }
}

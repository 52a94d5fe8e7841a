import ArgumentParser
import PDF

/// A set of pages given as `3`, `2-5` or `1,4-6` (1-based).
struct PageSelection: ExpressibleByArgument, Sendable {
    var ranges: [ClosedRange<Int>]

    init?(argument: String) {
        var ranges: [ClosedRange<Int>] = []
        for part in argument.split(separator: ",") {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard bounds.count == 1 || bounds.count == 2,
                let low = Int(bounds[0].trimmingSpaces), low >= 1
            else { return nil }
            let high = bounds.count == 2 ? Int(bounds[1].trimmingSpaces) : low
            guard let high, high >= low else { return nil }
            ranges.append(low...high)
        }
        guard !ranges.isEmpty else { return nil }
        self.ranges = ranges
    }

    /// The selected page numbers, checked against the document.
    func pages(in document: PDFDocument) throws(PDFError) -> [Int] {
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
}

extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while result.first == " " { result.removeFirst() }
        while result.last == " " { result.removeLast() }
        return result
    }
}

import Basics
import Layout
import ReportModel

/// What a word is, for table building.
enum TokenKind: Sendable {
    /// A printed number (amount, code, row or column number).
    case number
    /// A blank marker: `-`, `—`, `——`, `/`.
    case dash
    /// Anything else (names, headers).
    case text
}

/// A word of a page, classified.
struct Token: Sendable {
    var text: String
    var n: String
    /// Box in the page's upright reading frame.
    var box: Rect
    /// Box in display space.
    var display: Rect
    var line: Int
    var kind: TokenKind
    var amount: Amount?
    /// Only ASCII digits (a code, a row or column number, or a whole amount).
    var isDigits: Bool
    var size: Double

    init(word: Word, line: Int) {
        text = word.text
        n = Normalization.n(word.text)
        box = word.box
        display = word.displayBox
        self.line = line
        size = word.fontSize
        isDigits = !n.isEmpty && n.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
        if let amount = Amount.parse(normalized: n) {
            kind = .number
            self.amount = amount
        } else if Amount.isBlankMarker(normalized: n) {
            kind = .dash
        } else {
            kind = .text
        }
    }

    var isNumeric: Bool { kind != .text }
}

/// A line of classified words.
struct Line: Sendable {
    var index: Int
    var tokens: [Token]
    var box: Rect
    /// `N` of the whole line.
    var n: String
}

/// A page reduced to classified lines, without running headers and page numbers.
struct PreparedPage: Sendable {
    var number: Int
    var width: Double
    var height: Double
    var lines: [Line]
    var em: Double
    /// The tables the page rules (none when the page draws no ruling, or it was not read).
    var grids: [RuledGrid] = []
    /// The page's frame (its layout without the lines), to map boxes back to display space.
    var frame: PageLayout

    /// A box of the upright frame in display space.
    func display(_ box: Rect) -> Rect { frame.displayBox(of: box) }

    /// Finds the page's ruled grids from what it paints (display space).
    mutating func rule(_ marks: [PaintedMark]) {
        guard !marks.isEmpty else { return }
        let upright = marks.map { PaintedMark(box: frame.uprightBox(of: $0.box), filled: $0.filled, gray: $0.gray) }
        grids = GridFinder.grids(upright, em: em)
        Debug.log("page \(number): \(marks.count) marks, \(grids.count) grids")
    }

    init(layout: PageLayout) {
        frame = layout
        frame.lines = []
        number = layout.pageNumber
        width = layout.width
        height = layout.height
        var lines: [Line] = []
        for (index, line) in layout.lines.enumerated() {
            let tokens = line.words.map { Token(word: $0, line: index) }
            lines.append(Line(index: index, tokens: tokens, box: line.box, n: tokens.map(\.n).joined()))
        }
        self.lines = lines
        let sizes = lines.flatMap { $0.tokens.map(\.size) }.sorted()
        em = sizes.isEmpty ? 9 : max(sizes[sizes.count / 2], 4)
    }
}

enum PageFurniture {
    /// Drops page numbers and running headers/footers (a first or last line printed on most pages)
    /// from every page.
    static func strip(_ pages: inout [PreparedPage]) {
        var firstCounts: [String: Int] = [:]
        var lastCounts: [String: Int] = [:]
        for page in pages {
            if let first = page.lines.first { firstCounts[first.n, default: 0] += 1 }
            if let last = page.lines.last { lastCounts[last.n, default: 0] += 1 }
        }
        // A running header or footer is on most pages; a table title repeats only once per unit.
        let minimum = max(3, (pages.count * 2) / 5)
        func isRunning(_ line: Line, _ counts: [String: Int]) -> Bool {
            counts[line.n, default: 0] >= minimum && TableKinds.kind(ofNormalized: Meta.stripLabel(line.n)) == nil
        }
        for p in pages.indices {
            let height = pages[p].height
            var lines = pages[p].lines
            // Page numbers: a lone number near the top or bottom edge, roughly centred or at a side.
            lines.removeAll { line in
                let nearEdge = line.box.y0 > height * 0.82 || line.box.y1 < height * 0.12
                return nearEdge && line.tokens.count <= 5 && PageNumber.matches(line.n)
            }
            if let first = lines.first, isRunning(first, firstCounts), first.box.y1 < height * 0.15,
                !first.tokens.contains(where: { $0.kind == .number && !$0.isDigits })
            {
                lines.removeFirst()
            }
            if let last = lines.last, isRunning(last, lastCounts), last.box.y0 > height * 0.85 {
                lines.removeLast()
            }
            pages[p].lines = lines
        }
    }
}

extension String {
    /// Fast substring test on UTF-8 bytes (the `_StringProcessing` `contains` is slow for the
    /// many lines a report has).
    func hasBytes(_ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        var copy = self
        return copy.withUTF8 { buffer -> Bool in
            let count = buffer.count
            let length = pattern.count
            guard count >= length else { return false }
            var index = 0
            while index <= count - length {
                if buffer[index] == first {
                    var k = 1
                    while k < length && buffer[index + k] == pattern[k] { k += 1 }
                    if k == length { return true }
                }
                index += 1
            }
            return false
        }
    }
}

import Basics

/// A sentence of the report's running text (情况说明, appendix text), in reading order.
public struct Sentence: Sendable, Hashable, Codable {
    /// The text, lines joined: no space between Chinese characters, one between two Latin words.
    public var text: String
    /// The page on which it starts (1-based).
    public var page: Int
    /// One box per line fragment, in display space, with its page.
    public var boxes: [PageBox]

    public struct PageBox: Sendable, Hashable, Codable {
        public var page: Int
        public var box: Rect
    }
}

/// Rebuilds paragraphs and sentences from the lines of the pages that hold running text.
///
/// Page furniture is left out: page numbers (`- 5 -`, `第 6 页`, `5`) and running headers or
/// footers (a line repeated at the top or bottom of at least three pages). A paragraph begins at
/// an indented line, after a line that stops short of the right margin, or after a wide gap; a
/// paragraph that runs off the foot of a page continues on the next page unless that page starts
/// with an indented line. Sentences end at 。！？ and ；.
public enum NarrativeBuilder {
    public static func sentences(from pages: [PageLayout]) -> [Sentence] {
        let furniture = repeatedFurniture(pages)
        var sentences: [Sentence] = []
        var paragraph = ParagraphText()
        for page in pages {
            let lines = page.lines.filter { line in
                let key = compact(line.text)
                return !PageNumber.matches(key) && !furniture.contains(key)
            }
            guard !lines.isEmpty else { continue }
            let left = lines.map(\.box.x0).min() ?? 0
            let right = lines.map(\.box.x1).max() ?? page.width
            let em = median(lines.flatMap { $0.words.map(\.fontSize) }) ?? 10
            var previous: TextLine?
            for line in lines {
                let indented = line.box.x0 - left > 1.5 * em
                let startsNew: Bool
                if let previous {
                    // Justification is loose in many exports: a line that stops short ends its
                    // paragraph only when it also ends a sentence or a clause.
                    let shortBefore = right - previous.box.x1 > 2 * em && endsClause(previous.text)
                    let gap = line.box.y0 - previous.box.y1 > 1.2 * em
                    startsNew = indented || shortBefore || gap || startsWithOrdinal(line.text)
                } else {
                    // The first line of a page continues the last paragraph unless indented.
                    startsNew = indented
                }
                if startsNew { sentences += paragraph.finish() }
                paragraph.append(line, page: page)
                previous = line
            }
        }
        sentences += paragraph.finish()
        return sentences
    }

    /// Whether a line ends with 。！？；：or a closing bracket after one.
    static func endsClause(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars.reversed().makeIterator()
        while let last = scalars.next() {
            if "”’）)」』".unicodeScalars.contains(last) { continue }
            return "。！？；：!?;:".unicodeScalars.contains(last)
        }
        return false
    }

    /// Headings and list items start with an ordinal of at most three numerals: 一、 （一） 1、 (1) 1.
    static func startsWithOrdinal(_ text: String) -> Bool {
        guard let ordinal = Ordinal.prefix(of: compact(text)) else { return false }
        return ordinal.digitCount <= 3
    }

    /// Lines (compacted) found at the top or bottom of at least three pages.
    static func repeatedFurniture(_ pages: [PageLayout]) -> Set<String> {
        var counts: [String: Int] = [:]
        for page in pages {
            var keys = Set<String>()
            if let first = page.lines.first { keys.insert(compact(first.text)) }
            if let last = page.lines.last { keys.insert(compact(last.text)) }
            for key in keys where !key.isEmpty { counts[key, default: 0] += 1 }
        }
        return Set(counts.filter { $0.value >= 3 }.keys)
    }

    static func compact(_ text: String) -> String {
        String(TextNormalization.nfkc(text).filter { !$0.isWhitespace })
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.sorted()[values.count / 2]
    }
}

/// Text of the paragraph being built, with the page and line box of every character.
struct ParagraphText {
    private var scalars: [Unicode.Scalar] = []
    private var origins: [Int] = []  // index into `fragments` for every scalar
    private var fragments: [Sentence.PageBox] = []

    mutating func append(_ line: TextLine, page: PageLayout) {
        for word in line.words {
            if let last = scalars.last, let first = word.text.unicodeScalars.first, needsSpace(last, first) {
                scalars.append(" ")
                origins.append(fragments.count)
            }
            fragments.append(Sentence.PageBox(page: page.pageNumber, box: page.displayBox(of: word.box)))
            for scalar in word.text.unicodeScalars {
                scalars.append(scalar)
                origins.append(fragments.count - 1)
            }
        }
    }

    /// The paragraph's sentences; the paragraph is empty afterwards.
    mutating func finish() -> [Sentence] {
        defer {
            scalars = []
            origins = []
            fragments = []
        }
        var sentences: [Sentence] = []
        var start = 0
        for index in scalars.indices where Self.ends(scalars[index]) || index == scalars.count - 1 {
            var end = index + 1
            // Keep a closing quote or bracket with its sentence.
            while end < scalars.count, Self.closers.contains(scalars[end]) { end += 1 }
            if end <= start { continue }
            if let sentence = sentence(start..<end) { sentences.append(sentence) }
            start = end
        }
        return sentences
    }

    private func sentence(_ range: Range<Int>) -> Sentence? {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        let text = String(view).trimmingSpaces
        guard !text.isEmpty else { return nil }
        var boxes: [Sentence.PageBox] = []
        for fragment in Set(origins[range]).sorted() {
            let piece = fragments[fragment]
            // Word boxes on one line and page merge into one box per line fragment.
            if let last = boxes.last, last.page == piece.page, abs(last.box.midY - piece.box.midY) < piece.box.height / 2 {
                boxes[boxes.count - 1].box = last.box.union(piece.box)
            } else {
                boxes.append(piece)
            }
        }
        return Sentence(text: text, page: boxes.first?.page ?? 0, boxes: boxes)
    }

    private static let enders: Set<Unicode.Scalar> = ["。", "！", "？", "；", "!", "?"]
    private static let closers: Set<Unicode.Scalar> = ["”", "’", "）", ")", "」", "』"]

    private static func ends(_ scalar: Unicode.Scalar) -> Bool { enders.contains(scalar) }

    /// A space only between two Latin letters or digits (`1.65 1.66`, `of 2023`, but `2023年`).
    private func needsSpace(_ left: Unicode.Scalar, _ right: Unicode.Scalar) -> Bool {
        func latin(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "%")
        }
        return latin(left) && latin(right)
    }
}

extension String {
    var trimmingSpaces: String {
        var result = Substring(self)
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return String(result)
    }
}

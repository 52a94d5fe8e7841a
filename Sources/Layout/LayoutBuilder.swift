import PDF

/// Rebuilds words and lines from glyph boxes, ignoring poppler's own text order.
public enum LayoutBuilder {
    /// Tuning of word and line building, in units of the font size.
    public struct Options: Sendable {
        /// A gap wider than this share of the font size ends a word. LibreOffice sets numbers in
        /// neighbouring cells about 1.5 pt apart, so at 9 pt this must stay below 1/6.
        public var wordGap: Double = 0.12
        /// Glyphs whose colour is at least this light on every channel are watermark text.
        public var watermarkChannelMinimum: UInt32 = 0x90
        public init() {}
    }

    /// Lays out one page: glyphs → words → lines, top to bottom, left to right.
    public static func layout(_ page: PageText, options: Options = Options()) -> PageLayout {
        let frame = UprightFrame(turn: page.textTurn, displayWidth: page.width, displayHeight: page.height)
        var watermark = 0
        var placed: [PlacedGlyph] = []
        placed.reserveCapacity(page.glyphs.count)
        for glyph in page.glyphs {
            if isWatermark(glyph.color, minimum: options.watermarkChannelMinimum) {
                watermark += 1
                continue
            }
            let box = frame.toUpright(glyph.box)
            let size = glyph.fontSize > 0 ? glyph.fontSize : max(box.height, 1)
            placed.append(PlacedGlyph(scalar: glyph.scalar, box: box, displayBox: glyph.box, size: size))
        }
        let lines = buildLines(dedupe(placed), options: options)
        let size = frame.uprightSize
        return PageLayout(
            pageNumber: page.number, width: size.width, height: size.height, textTurn: page.textTurn,
            lines: lines, watermarkGlyphCount: watermark)
    }

    static func isWatermark(_ color: UInt32, minimum: UInt32) -> Bool {
        (color >> 16) & 0xFF >= minimum && (color >> 8) & 0xFF >= minimum && color & 0xFF >= minimum
    }

    struct PlacedGlyph {
        var scalar: Unicode.Scalar
        var box: Rect
        var displayBox: Rect
        var size: Double
    }

    /// Drops glyphs drawn twice at (almost) the same place: fake bold and shadow text.
    static func dedupe(_ glyphs: [PlacedGlyph]) -> [PlacedGlyph] {
        var seen = Set<DedupeKey>()
        seen.reserveCapacity(glyphs.count)
        return glyphs.filter { glyph in
            seen.insert(DedupeKey(scalar: glyph.scalar, x: Int((glyph.box.x0 * 2).rounded()), y: Int((glyph.box.y0 * 2).rounded())))
                .inserted
        }
    }

    private struct DedupeKey: Hashable {
        var scalar: Unicode.Scalar
        var x: Int
        var y: Int
    }

    /// Groups glyphs into lines by their vertical centres, then splits each line into words.
    static func buildLines(_ glyphs: [PlacedGlyph], options: Options) -> [TextLine] {
        let sorted = glyphs.sorted { $0.box.midY < $1.box.midY || ($0.box.midY == $1.box.midY && $0.box.x0 < $1.box.x0) }
        var groups: [[PlacedGlyph]] = []
        var current: [PlacedGlyph] = []
        var bandCentre = 0.0
        var bandHeight = 0.0
        for glyph in sorted {
            let height = max(glyph.box.height, 0.1)
            if !current.isEmpty && abs(glyph.box.midY - bandCentre) <= 0.5 * min(height, bandHeight) {
                current.append(glyph)
                // The band follows the running mean of the centres.
                bandCentre += (glyph.box.midY - bandCentre) / Double(current.count)
                bandHeight = max(bandHeight, height)
            } else {
                if !current.isEmpty { groups.append(current) }
                current = [glyph]
                bandCentre = glyph.box.midY
                bandHeight = height
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups.map { group in
            let ordered = group.sorted { $0.box.x0 < $1.box.x0 }
            let words = splitWords(ordered, options: options)
            let box = words.dropFirst().reduce(words[0].box) { $0.union($1.box) }
            return TextLine(words: words, box: box)
        }
    }

    /// Splits a left-to-right run of glyphs wherever the gap exceeds the word gap.
    static func splitWords(_ glyphs: [PlacedGlyph], options: Options) -> [Word] {
        var words: [Word] = []
        var start = 0
        for index in 1...glyphs.count {
            let ends =
                index == glyphs.count
                || glyphs[index].box.x0 - glyphs[index - 1].box.x1
                    > options.wordGap * max(glyphs[index].size, glyphs[index - 1].size)
            guard ends else { continue }
            let run = glyphs[start..<index]
            var text = String.UnicodeScalarView()
            text.append(contentsOf: run.map(\.scalar))
            let box = run.dropFirst().reduce(run.first!.box) { $0.union($1.box) }
            let displayBox = run.dropFirst().reduce(run.first!.displayBox) { $0.union($1.displayBox) }
            words.append(
                Word(
                    text: String(text), box: box, displayBox: displayBox,
                    fontSize: run.map(\.size).max() ?? 0, glyphBoxes: run.map(\.box)))
            start = index
        }
        return words
    }
}

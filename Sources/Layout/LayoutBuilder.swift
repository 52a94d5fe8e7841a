import Basics
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
            var box = frame.toUpright(glyph.box)
            let size = glyph.fontSize > 0 ? glyph.fontSize : max(box.height, 1)
            if box.height < 0.6 * size {
                // A font declaring a tiny ascent and descent gets a box a fraction of its size
                // tall, hugging the baseline: the glyph stands a size tall above its bottom.
                box.y0 = box.y1 - size
            }
            placed.append(PlacedGlyph(scalar: glyph.scalar, box: box, displayBox: glyph.box, size: size))
        }
        let lines = buildLines(placed, options: options)
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

    /// Drops glyphs drawn twice at (almost) the same place — fake bold and shadow text — from a
    /// left-to-right run of one line, where the copies stand next to each other.
    static func dropOverprint(_ glyphs: [PlacedGlyph]) -> [PlacedGlyph] {
        var kept: [PlacedGlyph] = []
        kept.reserveCapacity(glyphs.count)
        for glyph in glyphs {
            if let last = kept.last, last.scalar == glyph.scalar, abs(last.box.x0 - glyph.box.x0) < 0.5,
                abs(last.box.y0 - glyph.box.y0) < 0.5
            {
                continue
            }
            kept.append(glyph)
        }
        return kept
    }

    /// Groups glyphs into lines by their vertical centres, then splits each line into words.
    static func buildLines(_ glyphs: [PlacedGlyph], options: Options) -> [TextLine] {
        // Sorting small keys and gathering afterwards moves far less memory than sorting glyphs.
        var keys = glyphs.indices.map { (y: glyphs[$0].box.midY, x: glyphs[$0].box.x0, index: $0) }
        keys.sort { $0.y < $1.y || ($0.y == $1.y && $0.x < $1.x) }
        let sorted = keys.map { glyphs[$0.index] }
        // A line is a run of the sorted glyphs whose centres stay within half a glyph height of
        // the band's running mean.
        var lines: [TextLine] = []
        var start = 0
        var bandCentre = 0.0
        var bandHeight = 0.0
        for index in sorted.indices {
            let glyph = sorted[index]
            let height = max(glyph.box.height, 0.1)
            if index > start && abs(glyph.box.midY - bandCentre) <= 0.5 * min(height, bandHeight) {
                bandCentre += (glyph.box.midY - bandCentre) / Double(index - start + 1)
                bandHeight = max(bandHeight, height)
                continue
            }
            if index > start { lines += bandLines(sorted[start..<index], options: options) }
            start = index
            bandCentre = glyph.box.midY
            bandHeight = height
        }
        if start < sorted.count { lines += bandLines(sorted[start...], options: options) }
        return lines
    }

    /// The lines of one band. Cells of a table row put their text on different baselines (values
    /// top-aligned, names centred, a wrapped name on two lines): the band is cut into sub-bands
    /// of one baseline each, and sub-bands join the line above unless their glyphs would fall on
    /// top of it — the second line of a wrapped cell stays a line of its own.
    static func bandLines(_ band: ArraySlice<PlacedGlyph>, options: Options) -> [TextLine] {
        // Sub-band of each glyph (the band is sorted by centre, so sub-bands are runs).
        var subBandOf: [Int] = []
        subBandOf.reserveCapacity(band.count)
        var subBandCount = 1
        var first = band.first!
        for glyph in band {
            if abs(glyph.box.midY - first.box.midY) > 0.25 * min(glyph.box.height, first.box.height) {
                subBandCount += 1
                first = glyph
            }
            subBandOf.append(subBandCount - 1)
        }
        // The common case: no glyph falls on top of a glyph of another sub-band, so the band is
        // one line. In x order, glyphs that overlap stand next to each other.
        var order = Array(band.indices)
        order.sort { band[$0].box.x0 < band[$1].box.x0 }
        let offset = band.startIndex
        var clash = false
        if subBandCount > 1 {
            for k in order.indices.dropFirst() where subBandOf[order[k] - offset] != subBandOf[order[k - 1] - offset] {
                if overlaps(band[order[k - 1]].box, band[order[k]].box) {
                    clash = true
                    break
                }
            }
        }
        if !clash { return [line(fromSorted: order.map { band[$0] }, options: options)] }

        var subBands = [[PlacedGlyph]](repeating: [], count: subBandCount)
        for index in band.indices { subBands[subBandOf[index - offset]].append(band[index]) }
        var merged: [[PlacedGlyph]] = []
        for subBand in subBands {
            let ordered = subBand.sorted { $0.box.x0 < $1.box.x0 }
            if let index = merged.indices.last, !collides(merged[index], ordered) {
                merged[index] = (merged[index] + ordered).sorted { $0.box.x0 < $1.box.x0 }
            } else {
                merged.append(ordered)
            }
        }
        return merged.map { line(fromSorted: $0, options: options) }
    }

    /// Whether two boxes overlap horizontally by more than a third of the narrower one.
    static func overlaps(_ left: Rect, _ right: Rect) -> Bool {
        min(left.x1, right.x1) - max(left.x0, right.x0) > min(left.width, right.width) / 3
    }

    /// Whether two x-sorted runs have glyphs that overlap by more than a third of the narrower one.
    static func collides(_ a: [PlacedGlyph], _ b: [PlacedGlyph]) -> Bool {
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            if overlaps(a[i].box, b[j].box) { return true }
            if a[i].box.x1 < b[j].box.x1 { i += 1 } else { j += 1 }
        }
        return false
    }


    /// One line from its glyphs in x order.
    private static func line(fromSorted glyphs: [PlacedGlyph], options: Options) -> TextLine {
        let words = splitWords(dropOverprint(glyphs), options: options)
        var box = words[0].box
        for word in words.dropFirst() { box = box.union(word.box) }
        return TextLine(words: words, box: box)
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
            var box = run.first!.box
            var displayBox = run.first!.displayBox
            var size = 0.0
            for glyph in run {
                text.append(glyph.scalar)
                box = box.union(glyph.box)
                displayBox = displayBox.union(glyph.displayBox)
                size = max(size, glyph.size)
            }
            words.append(Word(text: String(text), box: box, displayBox: displayBox, fontSize: size))
            start = index
        }
        return words
    }
}

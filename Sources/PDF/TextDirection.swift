/// Works out which way text runs on a page from the boxes of its glyphs.
enum TextDirection {
    /// The quarter turn by which the page's text is turned in display space: the turn that a
    /// reader has to undo to read it. Decided by a vote over consecutive glyphs of poppler's
    /// order that sit next to each other.
    static func textTurn(of glyphs: [Glyph]) -> QuarterTurn {
        var votes = [0, 0, 0, 0]
        var previous: Glyph?
        for glyph in glyphs {
            defer { previous = glyph }
            guard let before = previous else { continue }
            let size = max(before.box.width, before.box.height, 1)
            let dx = glyph.box.midX - before.box.midX
            let dy = glyph.box.midY - before.box.midY
            guard abs(dx) + abs(dy) < 3 * size else { continue }
            if abs(dx) > 2 * abs(dy) {
                votes[dx > 0 ? 0 : 2] += 1
            } else if abs(dy) > 2 * abs(dx) {
                votes[dy > 0 ? 1 : 3] += 1
            }
        }
        let best = votes.indices.max { votes[$0] < votes[$1] } ?? 0
        return votes[best] == 0 ? .none : QuarterTurn(rawValue: best * 90) ?? .none
    }

    /// The page rotation: a display size that swaps the crop box means an odd quarter turn; the
    /// text direction tells a quarter from three quarters, and an upside-down page from an upright one.
    static func rotation(textTurn turn: QuarterTurn, swapped: Bool) -> QuarterTurn {
        if swapped {
            return turn == .threeQuarters ? .threeQuarters : .quarter
        }
        return turn == .half ? .half : .none
    }
}

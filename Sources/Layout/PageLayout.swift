import Basics
import PDF

/// A word: glyphs that touch on one line, in reading order.
public struct Word: Sendable, Hashable {
    /// The characters as printed (not normalised).
    public var text: String
    /// The box in the page's upright reading frame (see ``PageLayout``).
    public var box: Rect
    /// The box in poppler's display space, for evidence.
    public var displayBox: Rect
    /// The largest font size among its glyphs.
    public var fontSize: Double
}

/// A line of words that share a baseline band, left to right.
public struct TextLine: Sendable, Hashable {
    public var words: [Word]
    public var box: Rect

    /// The words joined by single spaces.
    public var text: String { words.map(\.text).joined(separator: " ") }
}

/// A page rebuilt from glyph geometry, in reading order.
///
/// Coordinates are in the page's *upright reading frame*: the display space turned so that the
/// page's text runs left to right and lines run top to bottom. On an upright page the two frames
/// coincide; on a page whose text runs down the display (content left unrotated under `/Rotate 90`)
/// the frame is the display turned back by a quarter.
public struct PageLayout: Sendable {
    public var pageNumber: Int
    /// Width and height of the upright frame, in points.
    public var width: Double
    public var height: Double
    /// How the text lies in display space; the turn undone to build the upright frame.
    public var textTurn: QuarterTurn
    public var lines: [TextLine]
    /// Glyphs set aside as watermark (light grey) text.
    public var watermarkGlyphCount: Int

    /// Maps a box of poppler's display space (a glyph's, a painted rule's) into the upright frame.
    public func uprightBox(of box: Rect) -> Rect {
        let turned = textTurn == .quarter || textTurn == .threeQuarters
        return UprightFrame(
            turn: textTurn, displayWidth: turned ? height : width, displayHeight: turned ? width : height
        ).toUpright(box)
    }

    /// Maps a box of the upright frame back to poppler's display space (for evidence crops).
    public func displayBox(of box: Rect) -> Rect {
        let turned = textTurn == .quarter || textTurn == .threeQuarters
        return UprightFrame(
            turn: textTurn, displayWidth: turned ? height : width, displayHeight: turned ? width : height
        ).toDisplay(box)
    }
}

/// The turn between display space and the upright reading frame.
struct UprightFrame {
    let turn: QuarterTurn
    let displayWidth: Double
    let displayHeight: Double

    var uprightSize: (width: Double, height: Double) {
        switch turn {
        case .none, .half: return (displayWidth, displayHeight)
        case .quarter, .threeQuarters: return (displayHeight, displayWidth)
        }
    }

    /// Display space → upright frame.
    func toUpright(_ r: Rect) -> Rect {
        switch turn {
        case .none: return r
        // Text runs down the display: reading direction is +y, lines advance towards -x.
        case .quarter: return Rect(x0: r.y0, y0: displayWidth - r.x1, x1: r.y1, y1: displayWidth - r.x0)
        case .half:
            return Rect(x0: displayWidth - r.x1, y0: displayHeight - r.y1, x1: displayWidth - r.x0, y1: displayHeight - r.y0)
        // Text runs up the display: reading direction is -y, lines advance towards +x.
        case .threeQuarters: return Rect(x0: displayHeight - r.y1, y0: r.x0, x1: displayHeight - r.y0, y1: r.x1)
        }
    }

    /// Upright frame → display space.
    func toDisplay(_ r: Rect) -> Rect {
        switch turn {
        case .none: return r
        case .quarter: return Rect(x0: displayWidth - r.y1, y0: r.x0, x1: displayWidth - r.y0, y1: r.x1)
        case .half:
            return Rect(x0: displayWidth - r.x1, y0: displayHeight - r.y1, x1: displayWidth - r.x0, y1: displayHeight - r.y0)
        case .threeQuarters: return Rect(x0: r.y0, y0: displayHeight - r.x1, x1: r.y1, y1: displayHeight - r.x0)
        }
    }
}

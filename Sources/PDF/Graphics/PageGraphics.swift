import Basics

/// An axis-aligned mark the page paints: a ruling line or a filled rectangle.
///
/// The graphics reader keeps what a table's grid is made of. A stroked straight segment that runs
/// along an axis of the display (within 0.05 pt) becomes one ``Kind/stroke`` box, thickened by
/// the line width; a stroked rectangle (`re S`) becomes its four edges; a filled rectangle, or a
/// filled closed polygon with four axis-aligned corners, becomes one ``Kind/fill`` box. Curves and
/// slanted segments are dropped, and so are zero-area fills (they paint nothing). Boxes are cut
/// to the clip: rectangular clips (`re W n`, a form's `/BBox`) exactly, other clips as their
/// bounding box (so a rule under a round or slanted clip may be reported longer than it shows).
public struct PaintedBox: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case stroke, fill }

    /// The painted area in display space (the space of ``Glyph/box``); a stroked segment is
    /// thickened by its line width (a zero width, "the thinnest line", counts as 0.1 pt).
    public var box: Rect
    public var kind: Kind
    /// Luminance of the paint: 0 black … 1 white.
    public var gray: Double
    /// Paint order on the page, from 0.
    public var order: Int

    public init(box: Rect, kind: Kind, gray: Double, order: Int) {
        (self.box, self.kind, self.gray, self.order) = (box, kind, gray, order)
    }
}

/// The axis-aligned marks a page paints, in paint order.
public struct PageGraphics: Sendable {
    public var boxes: [PaintedBox]
    /// Why some of the page's drawing could not be read (encrypted file, unsupported filter,
    /// broken stream …); nil when all of it was read.
    public var unreadable: String?

    public init(boxes: [PaintedBox], unreadable: String?) { (self.boxes, self.unreadable) = (boxes, unreadable) }
}

import Basics

/// A quarter turn, clockwise, as in the PDF `/Rotate` entry.
public enum QuarterTurn: Int, Sendable, Codable, CaseIterable {
    case none = 0
    case quarter = 90
    case half = 180
    case threeQuarters = 270
}

/// One character drawn on a page.
///
/// `scalar` is one Unicode scalar as poppler reports it (before NFKC: a Kangxi radical such as
/// U+2F00 stays as printed here; ``TextNormalization/nfkc(_:)`` maps it to 一).
public struct Glyph: Sendable, Hashable {
    /// The character.
    public var scalar: Unicode.Scalar
    /// Its box in display space.
    public var box: Rect
    /// Index into ``PageText/fonts``, or -1 when poppler gave no font.
    public var fontIndex: Int
    /// The font size in points.
    public var fontSize: Double
    /// The fill colour, 0xRRGGBB (watermarks are usually light grey).
    public var color: UInt32

    public init(scalar: Unicode.Scalar, box: Rect, fontIndex: Int, fontSize: Double, color: UInt32 = 0) {
        self.scalar = scalar
        self.box = box
        self.fontIndex = fontIndex
        self.fontSize = fontSize
        self.color = color
    }
}

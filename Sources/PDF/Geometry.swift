/// A rectangle in PDF points, `x` to the right and `y` downwards (poppler's display space).
public struct Rect: Sendable, Hashable, Codable {
    public var x0: Double
    public var y0: Double
    public var x1: Double
    public var y1: Double

    public init(x0: Double, y0: Double, x1: Double, y1: Double) {
        self.x0 = x0
        self.y0 = y0
        self.x1 = x1
        self.y1 = y1
    }

    public var width: Double { x1 - x0 }
    public var height: Double { y1 - y0 }
    public var midX: Double { (x0 + x1) / 2 }
    public var midY: Double { (y0 + y1) / 2 }

    /// The smallest rectangle holding both.
    public func union(_ other: Rect) -> Rect {
        Rect(x0: min(x0, other.x0), y0: min(y0, other.y0), x1: max(x1, other.x1), y1: max(y1, other.y1))
    }

    /// The rectangle grown by `margin` on every side.
    public func insetBy(_ margin: Double) -> Rect {
        Rect(x0: x0 - margin, y0: y0 - margin, x1: x1 + margin, y1: y1 + margin)
    }

    /// The four coordinates as outputs and stores carry them: `x0, y0, x1, y1`, each rounded to
    /// 0.01 pt (a fraction of a glyph's stroke), so that the noise of the arithmetic that made the
    /// box (`355.1396131999999`) does not reach an auditor's spreadsheet. JSON encoding writes the
    /// same values.
    public var printedCoordinates: [Double] {
        [x0, y0, x1, y1].map(Self.hundredths)
    }

    /// `value` rounded to 0.01; `-0` becomes `0`.
    static func hundredths(_ value: Double) -> Double {
        let rounded = (value * 100).rounded() / 100
        return rounded == 0 ? 0 : rounded
    }

    private enum CodingKeys: String, CodingKey {
        case x0, y0, x1, y1
    }

    /// Writes the ``printedCoordinates``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        let printed = printedCoordinates
        try container.encode(printed[0], forKey: .x0)
        try container.encode(printed[1], forKey: .y0)
        try container.encode(printed[2], forKey: .x1)
        try container.encode(printed[3], forKey: .y1)
    }
}

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

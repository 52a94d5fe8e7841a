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

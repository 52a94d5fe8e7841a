import Basics
import ReportModel

/// The exact set of values a rounded printed figure can stand for, as XBRL Calculations 1.1
/// reads a reported value: `12.34` printed with two decimals stands for every value in
/// [12.335, 12.345].
///
/// Bounds are exact integers in units of 1/(2·10⁶) — half a millionth — so that every printed
/// value with up to six decimals, its rounding half-width, sums, differences and the ×10000
/// between 元 and 万元 are exact. Comparisons of ratios cross-multiply in `Int128`. There is no
/// floating point anywhere.
public struct RoundedInterval: Sendable, Hashable, CustomStringConvertible {
    /// Units per 1 of the value: 2·10⁶.
    public static let unitsPerOne: Int128 = 2_000_000
    /// The most decimals a printed value may have to be represented exactly.
    public static let maximumDecimals = 6

    /// Lower and upper bound, inclusive, in units of 1/(2·10⁶).
    public var lower: Int128
    public var upper: Int128

    public init(lower: Int128, upper: Int128) {
        precondition(lower <= upper, "an interval's lower bound cannot exceed its upper bound")
        self.lower = lower
        self.upper = upper
    }

    /// Exactly 0: what a cell the table leaves blank stands for.
    public static let zero = RoundedInterval(lower: 0, upper: 0)

    /// The exact value `minorUnits / 10^decimals`, a zero-width interval.
    public init?(exactMinorUnits minorUnits: Int64, decimals: Int) {
        guard let value = Self.units(minorUnits: minorUnits, decimals: decimals) else { return nil }
        self.init(lower: value, upper: value)
    }

    /// The values a figure printed with `decimals` decimals stands for: ± half its last digit.
    public init?(printedMinorUnits minorUnits: Int64, decimals: Int) {
        guard let value = Self.units(minorUnits: minorUnits, decimals: decimals) else { return nil }
        let half = Self.halfUnitOfLastDigit(decimals: decimals)
        self.init(lower: value - half, upper: value + half)
    }

    /// The interval of a printed amount.
    public init?(_ amount: Amount) {
        self.init(printedMinorUnits: amount.minorUnits, decimals: amount.decimals)
    }

    /// Half of one unit of the last printed digit, in interval units.
    static func halfUnitOfLastDigit(decimals: Int) -> Int128 {
        var half = unitsPerOne / 2
        for _ in 0..<decimals { half /= 10 }
        return half
    }

    static func units(minorUnits: Int64, decimals: Int) -> Int128? {
        guard decimals >= 0 && decimals <= maximumDecimals else { return nil }
        var scale = unitsPerOne
        for _ in 0..<decimals { scale /= 10 }
        return Int128(minorUnits) * scale
    }

    public static func + (left: RoundedInterval, right: RoundedInterval) -> RoundedInterval {
        RoundedInterval(lower: left.lower + right.lower, upper: left.upper + right.upper)
    }

    public static func - (left: RoundedInterval, right: RoundedInterval) -> RoundedInterval {
        RoundedInterval(lower: left.lower - right.upper, upper: left.upper - right.lower)
    }

    /// The interval scaled by a whole factor (×10000 turns 万元 into 元).
    public func scaled(by factor: Int128) -> RoundedInterval {
        factor >= 0
            ? RoundedInterval(lower: lower * factor, upper: upper * factor)
            : RoundedInterval(lower: upper * factor, upper: lower * factor)
    }

    /// The sum of intervals; zero for none.
    public static func sum<S: Sequence>(_ intervals: S) -> RoundedInterval where S.Element == RoundedInterval {
        intervals.reduce(zero, +)
    }

    /// Whether some value lies in both.
    public func meets(_ other: RoundedInterval) -> Bool {
        lower <= other.upper && other.lower <= upper
    }

    public func contains(_ other: RoundedInterval) -> Bool {
        lower <= other.lower && other.upper <= upper
    }

    public var width: Int128 { upper - lower }

    /// The gap between two disjoint intervals (0 when they meet), in interval units.
    public func distance(to other: RoundedInterval) -> Int128 {
        if meets(other) { return 0 }
        return other.lower > upper ? other.lower - upper : lower - other.upper
    }

    /// Whether `numerator / denominator × 100` can lie in `percent` for some values of the
    /// three intervals. The denominator must be positive throughout.
    public static func ratioMeets(
        numerator: RoundedInterval, denominator: RoundedInterval, percent: RoundedInterval
    ) -> Bool? {
        guard denominator.lower > 0 else { return nil }
        // x / y × 100 ranges over [min, max] of the corner quotients; with y > 0 its minimum is
        // lower(x) / (lower(x) >= 0 ? upper(y) : lower(y)), its maximum upper(x) / (upper(x) >= 0 ? lower(y) : upper(y)).
        let minDenominator = numerator.lower >= 0 ? denominator.upper : denominator.lower
        let maxDenominator = numerator.upper >= 0 ? denominator.lower : denominator.upper
        // ratio_min ≤ percent.upper  ⇔  100·x_lo·U ≤ p_hi·d   (all in interval units)
        let ratioMinFits = 100 * numerator.lower * unitsPerOne <= percent.upper * minDenominator
        let ratioMaxFits = 100 * numerator.upper * unitsPerOne >= percent.lower * maxDenominator
        return ratioMinFits && ratioMaxFits
    }

    /// The value nearest the middle, printed with `decimals` decimals (for "expected" figures).
    public func midpointText(decimals: Int) -> String {
        let middle = (lower + upper) / 2
        var scale = Self.unitsPerOne
        for _ in 0..<decimals { scale /= 10 }
        // Round half away from zero to the printed precision.
        let magnitude = middle.magnitude
        let rounded = (magnitude + UInt128(scale) / 2) / UInt128(scale)
        return (middle < 0 && rounded != 0 ? "-" : "") + DecimalText.digits(rounded, decimals: decimals)
    }

    public var description: String {
        "[\(Self.text(lower)), \(Self.text(upper))]"
    }

    /// A bound as a decimal number with seven decimals (exact: a unit is 5·10⁻⁷).
    static func text(_ units: Int128) -> String {
        let tenMillionths = units * 5  // units of 10⁻⁷
        var digits = DecimalText.digits(tenMillionths.magnitude, decimals: 7)
        while digits.hasSuffix("0") { digits.removeLast() }
        if digits.hasSuffix(".") { digits.removeLast() }
        return (units < 0 ? "-" : "") + digits
    }
}

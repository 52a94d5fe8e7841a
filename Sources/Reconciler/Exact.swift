import ReportModel

/// A money amount in one exact scale, 10⁻⁸ 元, with the half-width of its printed rounding.
///
/// `1,085.42 万元` is 10 854 200 元 ± 50 元; `384932.12 元` is ± 0.005 元. Int128 holds any printed
/// amount (up to 18 digits) at this scale.
///
/// Not `Checks.RoundedInterval`: that one is closed (right for roll-ups, where a parent may sit on
/// the edge of its children's sum), so two figures printed one unit of their last digit apart
/// would meet; a record and a published figure at the same scale must be equal to agree. It also
/// cannot divide by 10⁴ (a 元 figure filed as 万元) or round to a printed scale.
struct Exact: Hashable, Comparable {
    /// The value in 10⁻⁸ 元.
    var value: Int128
    /// Half a unit of the last printed digit, in 10⁻⁸ 元.
    var halfUnit: Int128

    static let scaleDigits = 8

    init(value: Int128, halfUnit: Int128) {
        self.value = value
        self.halfUnit = halfUnit
    }

    /// The exact value of `amount` printed in `unit`.
    init(_ amount: Amount, _ unit: MoneyUnit) {
        let exponent = Exact.scaleDigits - amount.decimals + (unit == .tenThousandYuan ? 4 : 0)
        let factor = Exact.power(exponent)
        value = Int128(amount.minorUnits) * factor
        halfUnit = factor / 2
    }

    static func < (lhs: Exact, rhs: Exact) -> Bool { lhs.value < rhs.value }

    /// 10ⁿ for 0 ≤ n ≤ 30 (negative n, more decimals than the scale holds, gives 1).
    static func power(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }

    /// Whether the two printed values can stand for the same true amount: their distance is less
    /// than the sum of their rounding half-widths (equal when both are printed at one scale).
    func agrees(with other: Exact, slack: Int128 = 0) -> Bool {
        let distance = value > other.value ? value - other.value : other.value - value
        return distance < halfUnit + other.halfUnit + slack || distance == 0
    }

    /// This value scaled by 10ⁿ (n may be negative), keeping the rounding width in proportion.
    func scaled(byPowerOfTen exponent: Int) -> Exact {
        let factor = Exact.power(abs(exponent))
        return exponent >= 0
            ? Exact(value: value * factor, halfUnit: halfUnit * factor)
            : Exact(value: value / factor, halfUnit: max(1, halfUnit / factor))
    }

    var negated: Exact { Exact(value: -value, halfUnit: halfUnit) }

    /// This value rounded (half away from zero) to `decimals` decimals of `unit`, as minor units.
    func rounded(toDecimals decimals: Int, of unit: MoneyUnit) -> Int128 {
        let exponent = Exact.scaleDigits - decimals + (unit == .tenThousandYuan ? 4 : 0)
        let step = Exact.power(exponent)
        let magnitude = value.magnitude
        let rounded = Int128((magnitude + UInt128(step / 2)) / UInt128(step))
        return value < 0 ? -rounded : rounded
    }
}

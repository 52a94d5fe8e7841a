import Basics
import ReportModel

/// A figure a claim is judged by: its rounding interval (money in 元) and where it comes from.
struct ClaimOperand: Sendable, Hashable {
    var interval: RoundedInterval
    var references: [ClaimReference]
    /// The quantity it is, when known.
    var quantity: String?
    /// The figure as printed, with its unit (`2106.66万元`), for messages.
    var shown: String = ""
}

/// Exact arithmetic on printed figures for the claim judge: no floating point.
enum ClaimMath {
    /// The interval of a printed number in a unit: money in 元, percentages as printed, counts
    /// exact (a count of vehicles is not rounded).
    static func interval(_ value: String, kind: ClaimUnitKind) -> RoundedInterval? {
        guard let amount = Amount.parse(value) else { return nil }
        switch kind {
        case .money(let factor):
            return RoundedInterval(amount)?.scaled(by: factor)
        case .percent:
            return RoundedInterval(amount)
        case .count:
            return RoundedInterval(exactMinorUnits: amount.minorUnits, decimals: amount.decimals)
        }
    }

    /// The interval of a fact's printed value, in 元.
    static func interval(of fact: Fact) -> RoundedInterval? {
        guard let amount = Amount.parse(fact.value), let interval = RoundedInterval(amount) else { return nil }
        return interval.scaled(by: factor(ofMoneyUnit: fact.unit))
    }

    /// How many 元 a unit of money is (``ClaimPatterns/units``); 1 for a unit not listed.
    static func factor(ofMoneyUnit unit: String) -> Int128 {
        let n = Normalization.n(unit)
        for (name, kind) in ClaimVocabulary.standard.units where name == n {
            if case .money(let factor) = kind { return factor }
        }
        return 1
    }

    /// The middle of an interval in 元, written in a unit `factor` 元 large with `decimals` decimals.
    static func moneyText(_ interval: RoundedInterval, factor: Int128, decimals: Int) -> String {
        let middle = (interval.lower + interval.upper) / 2
        let scaled = middle / factor
        return RoundedInterval(lower: scaled, upper: scaled).midpointText(decimals: decimals)
    }

    /// `numerator ÷ denominator × 100` from the middles, with `decimals` decimals; nil when the
    /// denominator is zero.
    static func percentText(numerator: RoundedInterval, denominator: RoundedInterval, decimals: Int) -> String? {
        let top = (numerator.lower + numerator.upper) / 2
        let bottom = (denominator.lower + denominator.upper) / 2
        guard bottom != 0 else { return nil }
        let value = top * 100 * RoundedInterval.unitsPerOne / bottom
        return RoundedInterval(lower: value, upper: value).midpointText(decimals: decimals)
    }

    /// Whether the ratio can lie in the printed percentage, with either sign of the
    /// denominator handled; nil when the denominator may be zero.
    static func ratioMeets(numerator: RoundedInterval, denominator: RoundedInterval, percent: RoundedInterval) -> Bool? {
        if denominator.lower > 0 {
            return RoundedInterval.ratioMeets(numerator: numerator, denominator: denominator, percent: percent)
        }
        if denominator.upper < 0 {
            return RoundedInterval.ratioMeets(
                numerator: numerator.scaled(by: -1), denominator: denominator.scaled(by: -1), percent: percent)
        }
        return nil
    }

    /// The decimals printed in a number.
    static func decimals(_ value: String) -> Int {
        Amount.parse(value)?.decimals ?? 0
    }
}

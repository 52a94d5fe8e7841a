import PropertyBased
import ReportModel
import Testing

@testable import Checks

@Suite("Rounded intervals")
struct RoundedIntervalTests {
    private func printed(_ text: String) -> RoundedInterval {
        RoundedInterval(Amount.parse(text)!)!
    }

    @Test func printedValuesStandForHalfTheirLastDigit() {
        #expect(printed("12.34").description == "[12.335, 12.345]")
        #expect(printed("0").description == "[-0.5, 0.5]")
        #expect(printed("-3.20").description == "[-3.205, -3.195]")
        #expect(printed("1,085.4").description == "[1085.35, 1085.45]")
    }

    @Test func sumsAndDifferences() {
        let sum = printed("1.01") + printed("2.02")
        #expect(sum.description == "[3.02, 3.04]")
        #expect(sum.meets(printed("3.04")))
        #expect(!sum.meets(printed("3.06")))
        #expect((printed("5.00") - printed("5.00")).contains(RoundedInterval(exactMinorUnits: 0, decimals: 0)!))
    }

    /// The real report's 301 row: printed 2082.85 while its items sum to 2082.86 — rounding.
    @Test func aParentOneCentOffItsChildrenIsRounding() {
        let children = ["1000.43", "500.21", "582.22"].map(printed)
        #expect(RoundedInterval.sum(children).meets(printed("2082.85")))
        #expect(!RoundedInterval.sum(children).meets(printed("2092.86")))
    }

    @Test func unitConversion() {
        // 1835.74 万元 = 18,357,400 元 ± 50 元.
        let wan = printed("1835.74").scaled(by: 10_000)
        #expect(wan.meets(RoundedInterval(exactMinorUnits: 1_835_743_512, decimals: 2)!))
        #expect(!wan.meets(RoundedInterval(exactMinorUnits: 1_835_755_100, decimals: 2)!))
    }

    @Test func percentages() {
        // 2106.66 / 2940.05 = 71.653…%: 71.65% is consistent, 71.73% is not.
        let share = printed("2106.66")
        let total = printed("2940.05")
        #expect(RoundedInterval.ratioMeets(numerator: share, denominator: total, percent: printed("71.65")) == true)
        #expect(RoundedInterval.ratioMeets(numerator: share, denominator: total, percent: printed("71.7")) == true)
        #expect(RoundedInterval.ratioMeets(numerator: share, denominator: total, percent: printed("71.73")) == false)
        #expect(RoundedInterval.ratioMeets(numerator: share, denominator: printed("0"), percent: printed("1")) == nil)
    }

    @Test func midpointText() {
        #expect(printed("12.34").midpointText(decimals: 2) == "12.34")
        #expect(printed("-0.05").midpointText(decimals: 2) == "-0.05")
        #expect((printed("1.01") + printed("2.02")).midpointText(decimals: 2) == "3.03")
        #expect(printed("7").midpointText(decimals: 1) == "7.0")
    }

    // MARK: Properties

    /// Rounding 元 figures one by one to 万元 never makes a parent disagree with the sum of its
    /// children: the intervals always meet. This is the 尾数误差 that must never be an error.
    @Test func genuineRoundingAlwaysMeets() async {
        await propertyCheck(input: Gen.int64(in: 0...9_999_999_999).array(of: 1...12)) { cents in
            let total = cents.reduce(0, +)
            let children = cents.map { RoundedInterval(printedMinorUnits: roundToWan($0), decimals: 2)! }
            let parent = RoundedInterval(printedMinorUnits: roundToWan(total), decimals: 2)!
            #expect(RoundedInterval.sum(children).meets(parent))
        }
    }

    /// Any true values inside the operands' intervals give a sum inside the sum's interval.
    @Test func sumIsSound() async {
        await propertyCheck(
            input: Gen.int64(in: -10_000_000...10_000_000), Gen.int64(in: -10_000_000...10_000_000),
            Gen.int(in: -10_000...10_000), Gen.int(in: -10_000...10_000)
        ) { a, b, da, db in
            let left = RoundedInterval(printedMinorUnits: a, decimals: 2)!
            let right = RoundedInterval(printedMinorUnits: b, decimals: 2)!
            // True values: the printed value moved by at most half a cent (10,000 units).
            let trueLeft = RoundedInterval.units(minorUnits: a, decimals: 2)! + Int128(da)
            let trueRight = RoundedInterval.units(minorUnits: b, decimals: 2)! + Int128(db)
            let sum = left + right
            #expect(sum.lower <= trueLeft + trueRight && trueLeft + trueRight <= sum.upper)
            let difference = left - right
            #expect(difference.lower <= trueLeft - trueRight && trueLeft - trueRight <= difference.upper)
        }
    }

    @Test func meetsIsSymmetricAndDistanceZeroExactlyWhenMeeting() async {
        let bound = Gen.int64(in: -100_000...100_000)
        await propertyCheck(input: bound, Gen.int(in: 0...2), bound, Gen.int(in: 0...2)) { a, da, b, db in
            let left = RoundedInterval(printedMinorUnits: a, decimals: da)!
            let right = RoundedInterval(printedMinorUnits: b, decimals: db)!
            #expect(left.meets(right) == right.meets(left))
            #expect((left.distance(to: right) == 0) == left.meets(right))
        }
    }

    /// A percentage computed from exact values and rounded to one decimal is always consistent
    /// with the rounded operands.
    @Test func roundedPercentagesAreConsistent() async {
        await propertyCheck(input: Gen.int64(in: 0...1_000_000), Gen.int64(in: 1...1_000_000)) { x, y in
            let numerator = RoundedInterval(printedMinorUnits: roundToWan(x * 10_000), decimals: 2)!
            guard roundToWan(y * 10_000) > 0 else { return }
            let denominator = RoundedInterval(printedMinorUnits: roundToWan(y * 10_000), decimals: 2)!
            // percent to one decimal, half up: x / y × 100 → tenths = round(x × 1000 / y).
            let tenths = (x * 2_000 + y) / (2 * y)
            let percent = RoundedInterval(printedMinorUnits: tenths, decimals: 1)!
            #expect(RoundedInterval.ratioMeets(numerator: numerator, denominator: denominator, percent: percent) == true)
        }
    }
}

/// 元 in cents → 万元 in hundredths, rounded half up, as the report software does.
func roundToWan(_ cents: Int64) -> Int64 {
    (cents + 5_000) / 10_000
}

import ReportModel
import Testing

@Suite("Amount parsing")
struct AmountTests {
    @Test(arguments: [
        ("1,085.42", "1085.42"), ("0", "0"), ("0.00", "0.00"), ("-3.20", "-3.20"), ("(3.20)", "-3.20"),
        ("12.50", "12.50"), ("1,234,567", "1234567"), ("59,711,583.44", "59711583.44"), ("０.５０", "0.50"),
        ("１，２３４.５", "1234.5"), ("316.4", "316.4"), (" 7517.52 ", "7517.52"), ("-0.01", "-0.01"),
        ("(1,000.00)", "-1000.00"), ("−5", "-5"),
    ])
    func parsesPrintedNumbers(printed: String, expected: String) throws {
        let amount = try #require(Amount.parse(printed))
        #expect(amount.description == expected)
    }

    @Test(arguments: ["", "-", "—", "——", "/", "－", " "])
    func blankMarkersAreNoValue(printed: String) {
        #expect(Amount.parse(printed) == nil)
        #expect(Amount.isBlankMarker(printed))
    }

    @Test(arguments: ["1,23.4", "12,34", "1.2.3", "abc", "12a", "1,2345", "(3.20", "--3", "1.", "2019年", "12%"])
    func rejectsMalformed(printed: String) {
        #expect(Amount.parse(printed) == nil)
    }

    @Test func keepsExactMinorUnits() throws {
        let amount = try #require(Amount.parse("1,085.42"))
        #expect(amount.minorUnits == 108542)
        #expect(amount.decimals == 2)
        #expect(amount.scaled(to: 4) == 1_085_4200)
        #expect(amount.scaled(to: 0) == nil)
        #expect(try #require(Amount.parse("12.50")).scaled(to: 1) == 125)
    }

    @Test func rejectsNumbersTooLongForExactness() {
        #expect(Amount.parse("1234567890123456789") == nil)
        #expect(Amount.parse("123456789012345678") != nil)
    }

    /// Property: any integer printed with or without thousands separators and 0–4 decimals
    /// parses back to the same digits (a fixed pseudo-random sample, so failures reproduce).
    @Test func roundTripsFormattedNumbers() throws {
        var generator = SplitMix(seed: 20_240_601)
        for _ in 0..<2_000 {
            let magnitude = generator.next() % 1_000_000_000_000
            let decimals = Int(generator.next() % 5)
            let negative = generator.next() % 4 == 0
            let grouped = generator.next() % 2 == 0
            let brackets = negative && generator.next() % 2 == 0
            var digits = String(magnitude)
            if decimals > 0 {
                while digits.count <= decimals { digits = "0" + digits }
            }
            let integerPart = decimals > 0 ? String(digits.dropLast(decimals)) : digits
            let fraction = decimals > 0 ? String(digits.suffix(decimals)) : ""
            let plain = integerPart + (decimals > 0 ? "." + fraction : "")
            var shown = integerPart
            if grouped {
                var out = ""
                for (index, character) in integerPart.reversed().enumerated() {
                    if index > 0 && index % 3 == 0 { out.append(",") }
                    out.append(character)
                }
                shown = String(out.reversed())
            }
            if decimals > 0 { shown += "." + fraction }
            let printed = brackets ? "(" + shown + ")" : (negative ? "-" + shown : shown)
            let amount = try #require(Amount.parse(printed), "\(printed)")
            #expect(amount.description == (negative ? "-" : "") + plain, "\(printed)")
            #expect(amount.decimals == decimals)
        }
    }
}

/// A small deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Basics

/// The unit a table states its money in.
public enum MoneyUnit: String, Sendable, Hashable, Codable, CaseIterable {
    /// 元 (yuan).
    case yuan = "元"
    /// 万元 (ten thousand yuan).
    case tenThousandYuan = "万元"

    /// Reads `元` or `万元` from a unit statement such as `单位：万元`.
    public static func parse(_ text: String) -> MoneyUnit? {
        let n = Normalization.n(text)
        if n.contains("万元") { return .tenThousandYuan }
        if n.contains("元") { return .yuan }
        return nil
    }
}

/// An exact printed amount: integer minor units plus the number of decimals as printed.
///
/// `1,085.42` is stored as `minorUnits = 108542`, `decimals = 2`. Never a binary floating
/// point number, never `Foundation.Decimal`.
public struct Amount: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The value scaled by 10^`decimals`.
    public var minorUnits: Int64
    /// How many decimals were printed.
    public var decimals: Int
    /// Whether a minus sign (or brackets) was printed, kept even for a printed zero.
    public var printedNegative: Bool

    /// An amount from its parts.
    public init(minorUnits: Int64, decimals: Int, printedNegative: Bool? = nil) {
        self.minorUnits = minorUnits
        self.decimals = decimals
        self.printedNegative = printedNegative ?? (minorUnits < 0)
    }

    /// Texts that print "no value": empty, `-`, `—`, `——`, `/` and similar.
    public static func isBlankMarker(_ text: String) -> Bool {
        isBlankMarker(normalized: Normalization.n(text))
    }

    /// ``isBlankMarker(_:)`` for text already normalised with `N(s)`.
    public static func isBlankMarker(normalized n: String) -> Bool {
        if n.isEmpty { return true }
        return n.unicodeScalars.allSatisfy { blankMarkerScalars.contains($0.value) }
    }

    private static let blankMarkerScalars: Set<UInt32> = [
        0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2F, 0xFF0F, 0x2500, 0x2501,
    ]

    /// Parses a printed number: `1,085.42`, `0`, `-3.20`, `(3.20)`, `－3.2`, full-width digits.
    /// Returns `nil` for blank markers and anything that is not a single number.
    public static func parse(_ printed: String) -> Amount? {
        parse(normalized: Normalization.n(printed))
    }

    /// ``parse(_:)`` for text already normalised with `N(s)`.
    public static func parse(normalized: String) -> Amount? {
        guard let lead = normalized.utf8.first,
            (lead >= 0x30 && lead <= 0x39) || lead == 0x28 || lead == 0x2D || lead == 0x2E || lead == 0x2B
                || lead == 0xE2  // − U+2212, – U+2013
        else { return nil }
        var scalars = Array(normalized.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var negative = false
        if scalars.first == "(" && scalars.last == ")" && scalars.count > 2 {
            negative = true
            scalars = Array(scalars[1..<(scalars.count - 1)])
        }
        if let first = scalars.first, first == "-" || first == "\u{2212}" || first == "\u{2013}" {
            if negative { return nil }
            negative = true
            scalars.removeFirst()
        }
        if scalars.first == "+" && !negative { scalars.removeFirst() }
        guard let first = scalars.first, ("0"..."9").contains(first) || first == "." else { return nil }
        var integerDigits: [UInt32] = []
        var fractionDigits: [UInt32] = []
        var seenPoint = false
        var groupLength = -1  // digits since the last comma; -1 before any comma
        for scalar in scalars {
            switch scalar {
            case "0"..."9":
                let digit = scalar.value - 0x30
                if seenPoint {
                    fractionDigits.append(digit)
                } else {
                    integerDigits.append(digit)
                    if groupLength >= 0 { groupLength += 1 }
                }
            case ",":
                // A thousands separator: after 1–3 leading digits or a full group of three.
                guard !seenPoint, !integerDigits.isEmpty, groupLength == -1 ? integerDigits.count <= 3 : groupLength == 3
                else { return nil }
                groupLength = 0
            case ".":
                guard !seenPoint, groupLength == -1 || groupLength == 3 else { return nil }
                seenPoint = true
            default:
                return nil
            }
        }
        if !seenPoint && groupLength >= 0 && groupLength != 3 { return nil }
        guard !integerDigits.isEmpty || !fractionDigits.isEmpty else { return nil }
        if seenPoint && fractionDigits.isEmpty { return nil }
        guard integerDigits.count + fractionDigits.count <= 18 else { return nil }
        var value: Int64 = 0
        for digit in integerDigits + fractionDigits { value = value * 10 + Int64(digit) }
        return Amount(minorUnits: negative ? -value : value, decimals: fractionDigits.count, printedNegative: negative)
    }

    /// The value as FACTS.md prints it: no thousands separators, decimals as printed, `-` for negatives.
    public var description: String {
        (printedNegative ? "-" : "") + DecimalText.digits(minorUnits.magnitude, decimals: decimals)
    }

    /// Encodes as the printed value string (`"1085.42"`), which keeps the decimals exactly.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Decodes the printed value string written by ``encode(to:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let amount = Amount.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an amount: \(text)")
        }
        self = amount
    }

    /// The value rescaled to `decimals` places, if that is exact (for comparisons).
    public func scaled(to target: Int) -> Int64? {
        if target == decimals { return minorUnits }
        if target > decimals {
            var result = minorUnits
            for _ in decimals..<target {
                let (next, overflow) = result.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                result = next
            }
            return result
        }
        var result = minorUnits
        for _ in target..<decimals {
            if result % 10 != 0 { return nil }
            result /= 10
        }
        return result
    }
}

/// Recognisers for what reports print around their figures: digits, years, page numbers and the
/// ordinals of headings and list items. They read text already normalised (``Normalization/n(_:)``
/// or NFKC): full-width digits and brackets are ASCII by then.
///
/// The few Chinese words they need are named together in ``PrintedWords`` until the vocabulary
/// holds them.
public enum PrintedWords {
    /// `年`: a calendar year, `2023年`.
    public static let year = "年"
    /// `年度`: a fiscal year, `2023年度`.
    public static let fiscalYear = "年度"
    /// `第`, before a page number: `第5页`.
    public static let pageOrdinal: Character = "第"
    /// `页`, after a page number or a page count: `第5页`, `共20页`.
    public static let page: Character = "页"
    /// `共`, before a page count: `共20页`.
    public static let pageTotal: Character = "共"
    /// The Chinese numerals an ordinal is written with: `一、`, `(十二)`, `一百零一、`.
    public static let numerals: Set<Character> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "零", "〇"]
    /// `、`, the mark after an ordinal: `一、`, `1、`.
    public static let ordinalMark: Character = "、"
}

extension Character {
    /// `0`…`9` only: not full-width or other scripts' digits (normalised text has folded those).
    public var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Four-digit years as reports print them: `2023年`, `2023年度`.
public enum PrintedYear {
    /// The four digits of every `YYYY` followed by `suffix` in `text`, left to right and not
    /// overlapping, where no digit stands just before the four (`12023年` names no year).
    ///
    /// - Parameter suffix: ``PrintedWords/fiscalYear`` for `2023年度`, ``PrintedWords/year`` for
    ///   `2023年` (which `2023年度` also has).
    public static func years(in text: String, suffix: String) -> [Substring] {
        let suffixScalars = Array(suffix.unicodeScalars)
        let scalars = text.unicodeScalars
        var found: [Substring] = []
        var index = scalars.startIndex
        var previousIsDigit = false
        while index != scalars.endIndex {
            if !previousIsDigit, let end = yearEnd(scalars, from: index, suffix: suffixScalars) {
                let digitsEnd = scalars.index(index, offsetBy: 4)
                found.append(Substring(text.unicodeScalars[index..<digitsEnd]))
                // The suffix ends in a non-digit.
                previousIsDigit = false
                index = end
                continue
            }
            previousIsDigit = isDigit(scalars[index])
            index = scalars.index(after: index)
        }
        return found
    }

    /// Where `YYYY` + `suffix` starting at `start` ends, if it is there.
    private static func yearEnd(
        _ scalars: String.UnicodeScalarView, from start: String.Index, suffix: [Unicode.Scalar]
    ) -> String.Index? {
        var index = start
        for _ in 0..<4 {
            guard index != scalars.endIndex, isDigit(scalars[index]) else { return nil }
            index = scalars.index(after: index)
        }
        for scalar in suffix {
            guard index != scalars.endIndex, scalars[index] == scalar else { return nil }
            index = scalars.index(after: index)
        }
        return index
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}

/// Page numbers printed as page furniture: `- 4 -`, `4`, `第 5 页`, `第5页 共20页`, `— 4 —`, `6/28`.
public enum PageNumber {
    /// Dashes and dots printed around a page number.
    static let decorations: Set<Character> = ["-", "—", "–", "－", "·", "•"]

    /// Whether `compacted` (normalised, without whitespace) is a page number and nothing else: a
    /// number of at most four digits, `N/M`, `第N页` or `第N页共M页`, between decorations.
    public static func matches(_ compacted: String) -> Bool {
        var rest = Substring(compacted)
        while let first = rest.first, decorations.contains(first) { rest.removeFirst() }
        while let last = rest.last, decorations.contains(last) { rest.removeLast() }
        if rest.first == PrintedWords.pageOrdinal {
            rest.removeFirst()
            guard let pageIndex = rest.firstIndex(of: PrintedWords.page) else { return false }
            let digits = rest[..<pageIndex]
            guard !digits.isEmpty, digits.allSatisfy(\.isASCIIDigit) else { return false }
            rest = rest[rest.index(after: pageIndex)...]
            if rest.isEmpty { return true }
            guard rest.first == PrintedWords.pageTotal, rest.last == PrintedWords.page else { return false }
            return rest.dropFirst().dropLast().allSatisfy(\.isASCIIDigit)
        }
        if let slash = rest.firstIndex(of: "/") {
            let page = rest[..<slash]
            let count = rest[rest.index(after: slash)...]
            return !page.isEmpty && !count.isEmpty && page.allSatisfy(\.isASCIIDigit)
                && count.allSatisfy(\.isASCIIDigit)
        }
        return !rest.isEmpty && rest.count <= 4 && rest.allSatisfy(\.isASCIIDigit)
    }
}

/// The ordinal a heading, list item or row name starts with: `一、`, `(一)`, `1、`, `(1)`, `1.`.
public struct Ordinal: Sendable, Hashable {
    /// How the number is written.
    public enum Numerals: Sendable, Hashable {
        /// 一 二 … 十 百 零 〇 (``PrintedWords/numerals``): a section.
        case chinese
        /// 1 2 3: an item.
        case arabic
    }

    /// How the number is written.
    public var numerals: Numerals
    /// How many numerals it has.
    public var digitCount: Int
    /// Whether it is in brackets: `(一)`, `(1)`.
    public var bracketed: Bool
    /// Its length in characters, brackets and mark included: what to drop to reach the text.
    public var length: Int

    /// The ordinal at the start of `text`, if there is one: numerals of one kind, then `)` when
    /// they follow `(`, else `、`, or `.` after arabic numerals when no digit follows (`1.` but not
    /// `1.65`).
    public static func prefix<Text: Collection>(of text: Text) -> Ordinal? where Text.Element == Character {
        var rest = text[...]
        let bracketed = rest.first == "("
        if bracketed { rest = rest.dropFirst() }
        guard let first = rest.first else { return nil }
        let numerals: Numerals
        if PrintedWords.numerals.contains(first) {
            numerals = .chinese
        } else if first.isASCIIDigit {
            numerals = .arabic
        } else {
            return nil
        }
        let digits = rest.prefix { numerals == .chinese ? PrintedWords.numerals.contains($0) : $0.isASCIIDigit }
        rest = rest.dropFirst(digits.count)
        let ordinal = Ordinal(
            numerals: numerals, digitCount: digits.count, bracketed: bracketed,
            length: (bracketed ? 2 : 1) + digits.count)
        guard let mark = rest.first else { return nil }
        if bracketed { return mark == ")" ? ordinal : nil }
        if mark == PrintedWords.ordinalMark { return ordinal }
        if mark == ".", numerals == .arabic, !(rest.dropFirst().first?.isASCIIDigit ?? false) { return ordinal }
        return nil
    }
}

/// Decimal numbers written out from an integer scaled by a power of ten: the one place that puts
/// the point. Money stays exact (integers in, digits out); measurements are rounded first.
public enum DecimalText {
    /// `magnitude ÷ 10^decimals` with exactly `decimals` decimals and at least one digit before the
    /// point: `(108542, 2)` → `1085.42`, `(5, 2)` → `0.05`, `(7, 0)` → `7`.
    public static func digits(_ magnitude: some BinaryInteger, decimals: Int) -> String {
        var digits = String(magnitude)
        guard decimals > 0 else { return digits }
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        return digits
    }

    /// ``digits(_:decimals:)`` of a signed scaled value, `-` before a negative one: `-1234.50`.
    public static func text<Value: BinaryInteger>(_ scaled: Value, decimals: Int) -> String {
        (scaled < 0 ? "-" : "") + digits(scaled.magnitude, decimals: decimals)
    }

    /// A measurement (never money) rounded half away from zero to `decimals` decimals, without
    /// `String(format:)`: `595.3` → `595.3`, `-0.04` → `0.0` (no sign on a zero).
    public static func rounded(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        return (value < 0 && scaled != 0 ? "-" : "") + digits(scaled, decimals: decimals)
    }
}

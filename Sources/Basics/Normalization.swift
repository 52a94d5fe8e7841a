/// The normalisation `N(s)` of FACTS.md.
public enum Normalization {
    /// `N(s)`: Unicode NFKC, then every whitespace character removed. Quotation marks are kept.
    public static func n(_ text: String) -> String {
        // Most table text is ASCII or plain CJK ideographs, which NFKC leaves as they are.
        if text.unicodeScalars.allSatisfy(isNFKCStable) {
            if !text.unicodeScalars.contains(where: isWhitespace) { return text }
            var result = String.UnicodeScalarView()
            for scalar in text.unicodeScalars where !isWhitespace(scalar) { result.append(scalar) }
            return String(result)
        }
        let folded = TextNormalization.nfkc(text)
        var result = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where !isWhitespace(scalar) {
            result.append(scalar)
        }
        return String(result)
    }

    /// Unicode's White_Space property, with the ranges that hold none (CJK ideographs, most of
    /// ASCII) answered without the property tables.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: return true
        case 0x21...0x7F, 0x4E00...0x9FFF: return false
        default: return scalar.properties.isWhitespace
        }
    }

    /// Scalars NFKC maps to themselves, checked cheaply: ASCII, CJK unified ideographs, 、。 and
    /// curly quotes.
    static func isNFKCStable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x7F, 0x4E00...0x9FFF, 0x3001, 0x3002, 0x2018, 0x2019, 0x201C, 0x201D: return true
        default: return false
        }
    }
}

/// Searches in raw bytes, for the checks made before a parser sees a file.
public enum Bytes {
    /// Whether `needle` occurs in `haystack` (an empty needle never does).
    public static func contains(_ needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return false }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return true
            }
            index += 1
        }
        return false
    }

    /// Whether the bytes carry the PDF header `%PDF-` within their first 1024 bytes, as readers
    /// accept it (some producers write a few bytes before it). The PDF stage and the scraper both
    /// ask, so that a file the scraper keeps is one the PDF stage opens.
    public static func hasPDFHeader(_ bytes: [UInt8]) -> Bool {
        contains(Array("%PDF-".utf8), in: bytes[0..<min(bytes.count, 1024)])
    }
}

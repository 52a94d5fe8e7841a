/// A PDF object as the graphics reader sees it (ISO 32000-1 §7.3).
indirect enum PDFObject {
    case null
    case bool(Bool)
    case integer(Int)
    case real(Double)
    case name(String)
    case string([UInt8])
    case array([PDFObject])
    case dictionary([String: PDFObject])
    case stream(PDFStream)
    case reference(Int, Int)

    var number: Double? {
        switch self {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    var integer: Int? {
        switch self {
        case .integer(let value): return value
        case .real(let value) where value.isFinite && abs(value) < 1e15: return Int(value)
        default: return nil
        }
    }

    var name: String? {
        if case .name(let value) = self { return value }
        return nil
    }

    var array: [PDFObject]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The dictionary of a dictionary or of a stream.
    var dictionary: [String: PDFObject]? {
        switch self {
        case .dictionary(let value): return value
        case .stream(let stream): return stream.dictionary
        default: return nil
        }
    }

    var stream: PDFStream? {
        if case .stream(let value) = self { return value }
        return nil
    }
}

/// A stream: its dictionary and its raw (still encoded) bytes.
struct PDFStream {
    var dictionary: [String: PDFObject]
    var data: ArraySlice<UInt8>
    /// The number and generation of the indirect object it is (what decryption keys depend on).
    var object: (number: Int, generation: Int)? = nil
}

/// Byte classes of PDF syntax (ISO 32000-1 §7.2.2).
enum PDFBytes {
    /// White-space: NUL, tab, line feed, form feed, carriage return, space.
    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 10 || byte == 13 || byte == 9 || byte == 12 || byte == 0
    }

    /// Neither white-space nor a delimiter `( ) < > [ ] { } / %`.
    @inline(__always) static func isRegular(_ byte: UInt8) -> Bool {
        switch byte {
        case 0, 9, 10, 12, 13, 32, 0x28, 0x29, 0x3C, 0x3E, 0x5B, 0x5D, 0x7B, 0x7D, 0x2F, 0x25: return false
        default: return true
        }
    }

    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte) - 48
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte) - 87
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte) - 55
        default: return nil
        }
    }
}

/// A cursor over PDF bytes that reads tokens and objects. Every read checks its index; nothing
/// here traps on malformed input, and nesting is bounded by ``maximumDepth``.
struct PDFLexer {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    static let maximumDepth = 48

    init(bytes: [UInt8], position: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.position = max(0, min(position, bytes.count))
        self.end = max(self.position, min(end ?? bytes.count, bytes.count))
    }

    var atEnd: Bool { position >= end }

    @inline(__always) func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index >= 0 && index < end ? bytes[index] : nil
    }

    /// Skips white-space and comments.
    mutating func skipWhitespace() {
        while position < end {
            let byte = bytes[position]
            if PDFBytes.isWhitespace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "%") {
                while position < end && bytes[position] != 10 && bytes[position] != 13 { position += 1 }
            } else {
                return
            }
        }
    }

    /// Whether the bytes at the cursor spell `keyword` followed by a non-regular byte.
    func matches(_ keyword: StaticString) -> Bool {
        let count = keyword.utf8CodeUnitCount
        guard position + count <= end else { return false }
        let pointer = keyword.utf8Start
        for index in 0..<count where bytes[position + index] != pointer[index] { return false }
        return position + count == end || !PDFBytes.isRegular(bytes[position + count])
    }

    /// A number at the cursor (`+`, `-`, digits and one `.`); `nil`, without moving, when there is none.
    mutating func readNumber() -> PDFObject? {
        var index = position
        var negative = false
        while index < end && (bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")) {
            if bytes[index] == UInt8(ascii: "-") { negative.toggle() }
            index += 1
        }
        var integer = 0
        var digits = 0
        var overflow = false
        while index < end, bytes[index] >= 48, bytes[index] <= 57 {
            if integer < 100_000_000_000_000_000 {
                integer = integer * 10 + Int(bytes[index] - 48)
            } else {
                overflow = true
            }
            digits += 1
            index += 1
        }
        var isReal = overflow
        var fraction = 0.0
        var scale = 1.0
        if index < end && bytes[index] == UInt8(ascii: ".") {
            isReal = true
            index += 1
            while index < end, bytes[index] >= 48, bytes[index] <= 57 {
                if scale > 1e-17 {
                    scale *= 0.1
                    fraction += Double(bytes[index] - 48) * scale
                }
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        position = index
        if isReal {
            let value = Double(integer) + fraction
            return .real(negative ? -value : value)
        }
        return .integer(negative ? -integer : integer)
    }

    /// A name at the cursor, which is on its `/`; `#xx` escapes decoded.
    mutating func readName() -> String {
        position += 1
        var name: [UInt8] = []
        while position < end && PDFBytes.isRegular(bytes[position]) {
            let byte = bytes[position]
            if byte == UInt8(ascii: "#"), position + 2 < end, let high = PDFBytes.hexValue(bytes[position + 1]),
                let low = PDFBytes.hexValue(bytes[position + 2])
            {
                name.append(UInt8(high * 16 + low))
                position += 3
            } else {
                name.append(byte)
                position += 1
            }
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// A literal string at the cursor, which is on its `(`: balanced parentheses and escapes.
    mutating func readLiteralString() -> [UInt8] {
        position += 1
        var value: [UInt8] = []
        var depth = 1
        while position < end {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "("):
                depth += 1
                value.append(byte)
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return value }
                value.append(byte)
            case UInt8(ascii: "\\"):
                guard position < end else { return value }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "n"): value.append(10)
                case UInt8(ascii: "r"): value.append(13)
                case UInt8(ascii: "t"): value.append(9)
                case UInt8(ascii: "b"): value.append(8)
                case UInt8(ascii: "f"): value.append(12)
                case 13:
                    if position < end && bytes[position] == 10 { position += 1 }
                case 10: break
                case UInt8(ascii: "0")...UInt8(ascii: "7"):
                    var code = Int(escaped - 48)
                    var count = 1
                    while count < 3, position < end, bytes[position] >= 48, bytes[position] <= 55 {
                        code = code * 8 + Int(bytes[position] - 48)
                        position += 1
                        count += 1
                    }
                    value.append(UInt8(truncatingIfNeeded: code))
                default: value.append(escaped)
                }
            default:
                value.append(byte)
            }
        }
        return value
    }

    /// Skips a literal string without keeping it (the content interpreter's fast path).
    mutating func skipLiteralString() {
        position += 1
        var depth = 1
        while position < end {
            let byte = bytes[position]
            position += 1
            if byte == UInt8(ascii: "\\") {
                position += 1
            } else if byte == UInt8(ascii: "(") {
                depth += 1
            } else if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return }
            }
        }
        position = min(position, end)
    }

    /// A hexadecimal string at the cursor, which is on its `<` (decoded as ASCIIHexDecode data is).
    mutating func readHexString() -> [UInt8] {
        let start = position + 1
        var stop = start
        while stop < end && bytes[stop] != UInt8(ascii: ">") { stop += 1 }
        position = min(stop + 1, end)
        return StreamFilters.asciiHex(bytes[start..<stop])
    }

    /// A run of regular bytes (a keyword or an operator).
    mutating func readKeyword() -> ArraySlice<UInt8> {
        let start = position
        while position < end && PDFBytes.isRegular(bytes[position]) { position += 1 }
        return bytes[start..<position]
    }

    /// An unsigned integer at the cursor, without moving when there is none.
    mutating func readUnsigned() -> Int? {
        var index = position
        var value = 0
        while index < end, bytes[index] >= 48, bytes[index] <= 57, value < 1 << 40 {
            value = value * 10 + Int(bytes[index] - 48)
            index += 1
        }
        guard index > position else { return nil }
        position = index
        return value
    }

    /// Parses one object. `length` resolves a stream's `/Length` when it is a reference; streams
    /// are read only when `streams` is true (not inside object streams). Returns `nil` at the end
    /// of the bytes or at a token that starts no object (a keyword such as `endobj`).
    mutating func readObject(depth: Int = 0, length: ((PDFObject) -> Int?)? = nil) -> PDFObject? {
        skipWhitespace()
        guard position < end, depth < Self.maximumDepth else { return nil }
        let byte = bytes[position]
        switch byte {
        case UInt8(ascii: "/"):
            return .name(readName())
        case UInt8(ascii: "("):
            return .string(readLiteralString())
        case UInt8(ascii: "<"):
            if peek(1) == UInt8(ascii: "<") {
                position += 2
                let dictionary = readDictionaryBody(depth: depth, length: length)
                return streamOrDictionary(dictionary, length: length)
            }
            return .string(readHexString())
        case UInt8(ascii: "["):
            position += 1
            var items: [PDFObject] = []
            while true {
                skipWhitespace()
                guard position < end else { break }
                if bytes[position] == UInt8(ascii: "]") {
                    position += 1
                    break
                }
                let before = position
                if let item = readObject(depth: depth + 1, length: length) {
                    items.append(item)
                } else if position == before {
                    position += 1
                }
            }
            return .array(items)
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let number = readNumber() else {
                position += 1
                return .null
            }
            if case .integer(let first) = number, first >= 0 {
                let saved = position
                skipWhitespace()
                if let generation = readUnsigned() {
                    skipWhitespace()
                    if matches("R") {
                        position += 1
                        return .reference(first, generation)
                    }
                }
                position = saved
            }
            return number
        case UInt8(ascii: ")"), UInt8(ascii: ">"), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"):
            position += 1
            return .null
        default:
            if matches("true") {
                position += 4
                return .bool(true)
            }
            if matches("false") {
                position += 5
                return .bool(false)
            }
            if matches("null") {
                position += 4
                return .null
            }
            return nil
        }
    }

    /// The entries of a dictionary whose `<<` has been read, up to and past its `>>`.
    private mutating func readDictionaryBody(depth: Int, length: ((PDFObject) -> Int?)?) -> [String: PDFObject] {
        var dictionary: [String: PDFObject] = [:]
        while true {
            skipWhitespace()
            guard position < end else { break }
            if bytes[position] == UInt8(ascii: ">") {
                position += peek(1) == UInt8(ascii: ">") ? 2 : 1
                break
            }
            guard bytes[position] == UInt8(ascii: "/") else {
                // A stray token where a key belongs: skip it.
                let before = position
                _ = readObject(depth: depth + 1, length: length)
                if position == before {
                    if matches("endobj") || matches("stream") { break }
                    position += 1
                }
                continue
            }
            let key = readName()
            skipWhitespace()
            if position < end, bytes[position] == UInt8(ascii: "/") || bytes[position] != UInt8(ascii: ">") {
                let before = position
                if let value = readObject(depth: depth + 1, length: length) {
                    dictionary[key] = value
                } else if position == before {
                    if matches("endobj") || matches("stream") { break }
                    position += 1
                }
            }
        }
        return dictionary
    }

    /// The dictionary, or the stream it starts when the keyword `stream` follows.
    private mutating func streamOrDictionary(
        _ dictionary: [String: PDFObject], length: ((PDFObject) -> Int?)?
    ) -> PDFObject {
        let saved = position
        skipWhitespace()
        guard let length, matches("stream") else {
            position = saved
            return .dictionary(dictionary)
        }
        position += 6
        if peek() == 13 { position += 1 }
        if peek() == 10 { position += 1 }
        let start = position
        if let declared = dictionary["Length"].flatMap(length), declared >= 0, start + declared <= end {
            var after = PDFLexer(bytes: bytes, position: start + declared, end: end)
            after.skipWhitespace()
            if after.matches("endstream") {
                position = after.position + 9
                return .stream(PDFStream(dictionary: dictionary, data: bytes[start..<(start + declared)]))
            }
        }
        // No usable /Length: the data ends before the next `endstream`.
        guard let found = Self.find(Array("endstream".utf8), in: bytes, from: start, to: end) else {
            position = end
            return .stream(PDFStream(dictionary: dictionary, data: bytes[start..<end]))
        }
        var stop = found
        if stop > start && bytes[stop - 1] == 10 { stop -= 1 }
        if stop > start && bytes[stop - 1] == 13 { stop -= 1 }
        position = found + 9
        return .stream(PDFStream(dictionary: dictionary, data: bytes[start..<stop]))
    }

    /// The first index of `needle` in `bytes[from..<to]`.
    static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, to <= bytes.count, to - from >= needle.count else { return nil }
        return (from...(to - needle.count)).first { occurs(needle, in: bytes, at: $0) }
    }

    /// The last index of `needle` in `bytes[from..<to]`.
    static func findLast(_ needle: [UInt8], in bytes: [UInt8], from: Int, to: Int) -> Int? {
        guard !needle.isEmpty, from >= 0, to <= bytes.count, to - from >= needle.count else { return nil }
        return (from...(to - needle.count)).reversed().first { occurs(needle, in: bytes, at: $0) }
    }

    @inline(__always) private static func occurs(_ needle: [UInt8], in bytes: [UInt8], at index: Int) -> Bool {
        guard bytes[index] == needle[0] else { return false }
        for offset in 1..<needle.count where bytes[index + offset] != needle[offset] { return false }
        return true
    }
}

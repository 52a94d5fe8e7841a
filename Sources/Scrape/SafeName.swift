import Basics
import FoundationEssentials

/// Readable file names for the archive, derived from untrusted text (a URL or a
/// `Content-Disposition` header) so that they can never leave their folder.
public enum SafeName {
    /// The longest stem kept, in characters.
    static let maxStem = 80

    /// A readable, safe file name for a document: the server's suggested file name (from
    /// `Content-Disposition`) or else the URL's last path segment, reduced to one harmless path
    /// component, then `~` and 8 hex digits of the URL's SHA-256 (so that different URLs never
    /// share a name) and `.pdf`.
    public static func fileName(url: String, contentDisposition: String?) -> String {
        let suggested = contentDisposition.flatMap(dispositionFileName) ?? lastSegment(of: url)
        let tag = String(Checksum.sha256Hex(Array(url.utf8)).prefix(8))
        return "\(stem(suggested))~\(tag).pdf"
    }

    /// One harmless name stem from arbitrary text: only the part after the last `/` or `\`,
    /// letters, digits, `-`, `_` and inner `.` kept (anything else becomes `_`), no leading `.`,
    /// no `.pdf` ending, at most ``maxStem`` characters; `document` when nothing is left.
    public static func stem(_ text: String) -> String {
        let last = text.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in last.unicodeScalars {
            let keep =
                scalar == "-" || scalar == "_" || scalar == "."
                || (scalar.properties.isAlphabetic || scalar.properties.numericType != nil)
                    && scalar.value > 0x1f
            scalars.append(keep ? scalar : "_")
        }
        var result = String(scalars)
        if result.lowercased().hasSuffix(".pdf") { result.removeLast(4) }
        while let first = result.first, first == "." || first == "_" { result.removeFirst() }
        while let last = result.last, last == "." || last == "_" { result.removeLast() }
        if result.count > maxStem { result = String(result.prefix(maxStem)) }
        return result.isEmpty ? "document" : result
    }

    /// The last non-empty path segment of a URL, percent-decoded; empty when there is none.
    static func lastSegment(of url: String) -> String {
        var path = url
        if let schemeEnd = path.range(of: "://") { path = String(path[schemeEnd.upperBound...]) }
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            path = String(path[..<query])
        }
        // Drop the host.
        guard let slash = path.firstIndex(of: "/") else { return "" }
        path = String(path[slash...])
        let segment = path.split(separator: "/").last.map(String.init) ?? ""
        return percentDecoded(segment) ?? segment
    }

    /// The file name a `Content-Disposition` header suggests: `filename*=` (RFC 5987, UTF-8) when
    /// present, else `filename=` (quoted or not, percent-decoded when it decodes to UTF-8).
    public static func dispositionFileName(_ header: String) -> String? {
        var plain: String?
        var extended: String?
        for part in splitParameters(header) {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let key = part[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = part[part.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            if key == "filename*" {
                // charset'language'percent-encoded
                let pieces = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if pieces.count == 3, pieces[0].lowercased() == "utf-8" {
                    extended = percentDecoded(String(pieces[2]))
                }
            } else if key == "filename" {
                plain = percentDecoded(value) ?? value
            }
        }
        let name = extended ?? plain
        return name?.isEmpty == false ? name : nil
    }

    /// Splits header parameters on `;` outside quotes.
    private static func splitParameters(_ header: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in header {
            if escaped {
                escaped = false
            } else if character == "\\" && quoted {
                escaped = true
            } else if character == "\"" {
                quoted.toggle()
            } else if character == ";" && !quoted {
                parts.append(current)
                current = ""
                continue
            }
            current.append(character)
        }
        parts.append(current)
        return parts
    }

    /// Percent-decodes UTF-8; `nil` when the escapes are malformed or not UTF-8.
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue),
                    let low = iterator.next().flatMap(hexValue)
                else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

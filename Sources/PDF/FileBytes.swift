import Basics
import FoundationEssentials

/// Reading a file's bytes and the cheap checks made before poppler sees them.
enum FileBytes {
    static func absolutePath(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let base = FileManager.default.currentDirectoryPath
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    static func read(path absolute: String, shownAs path: String) throws(PDFError) -> [UInt8] {
        var isDirectory = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw .fileNotFound(path: path)
        }
        if isDirectory { throw .unreadable(path: path, reason: "it is a directory") }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: absolute)))
        } catch {
            throw .unreadable(path: path, reason: "permission denied or I/O error")
        }
    }

    /// `%%EOF` within the last 2048 bytes: a file cut short loses it.
    static func hasEOFMarker(_ bytes: [UInt8]) -> Bool {
        Bytes.contains(Array("%%EOF".utf8), in: bytes[max(0, bytes.count - 2048)...])
    }

    /// Whether a trailer (or cross-reference stream dictionary) names an `/Encrypt` dictionary.
    /// Those dictionaries are never compressed, so the key is visible in the raw bytes.
    static func hasEncryptDictionary(_ bytes: [UInt8]) -> Bool {
        Bytes.contains(Array("/Encrypt".utf8), in: bytes[...])
    }
}

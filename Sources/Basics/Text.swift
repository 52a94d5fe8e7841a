import Foundation

/// Unicode normalisation that needs no ICU (GLib's tables).
public enum TextNormalization {
    /// NFKC: folds full-width forms and maps Kangxi radicals (⼀ U+2F00) to ordinary ideographs.
    public static func nfkc(_ string: String) -> String {
        if string.unicodeScalars.allSatisfy({ $0.isASCII }) { return string }
        return GLib.nfkc(string)
    }
}

/// Character set conversion through GLib (iconv), for records files saved by Chinese Excel.
public enum TextEncoding {
    /// Decodes bytes in `charset` (`GB18030`, `GBK`, …) into a string; `nil` when the bytes are not
    /// valid in that character set or the character set is unknown.
    public static func decode(_ bytes: [UInt8], from charset: String) -> String? {
        GLib.convertToUTF8(bytes, from: charset)
    }
}

/// Digests of bytes through GLib's GChecksum: the key of every stored file.
public enum Checksum {
    /// SHA-256 of `bytes`, as lowercase hex.
    public static func sha256Hex(_ bytes: [UInt8]) -> String { GLib.sha256Hex(bytes) }

    /// SHA-256 of the file at `path`, as lowercase hex, and its size in bytes, reading 64 KiB at a
    /// time (a batch hashes every file of an archive without holding any of them whole); `nil`
    /// when it cannot be read.
    public static func sha256Hex(fileAtPath path: String) -> (hex: String, size: Int64)? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let digest = GLib.SHA256Digest()
        var size: Int64 = 0
        do {
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                chunk.withUnsafeBytes { digest.update($0) }
                size += Int64(chunk.count)
            }
        } catch {
            return nil
        }
        return (digest.hex, size)
    }
}

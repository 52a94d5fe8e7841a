internal import CGLib

/// The C boundary of Basics: every call into GLib, and the conversion of every C result into Swift
/// values, lives in this file (as Sources/PDF/Poppler.swift does for poppler). Nothing outside this
/// file touches a C pointer.
///
/// Ownership rules followed here:
/// - every `gchar*` returned with transfer-full is released with `g_free`;
/// - every `GChecksum` is released with `g_checksum_free` by the object that owns it;
/// - every `GError` is freed (its message is not needed: the callers say what failed).
enum GLib {
    /// Takes ownership of a transfer-full `gchar*`.
    private static func takeString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
        guard let pointer else { return nil }
        defer { g_free(pointer) }
        return String(cString: pointer)
    }

    // MARK: Checksums

    /// SHA-256 of bytes, as lowercase hex, through GLib's GChecksum.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let digest = SHA256Digest()
        bytes.withUnsafeBytes { digest.update($0) }
        return digest.hex
    }

    /// A SHA-256 computed piece by piece (GLib's GChecksum, freed with the object).
    final class SHA256Digest {
        private let checksum: OpaquePointer?

        init() { checksum = g_checksum_new(G_CHECKSUM_SHA256) }

        deinit { g_checksum_free(checksum) }

        /// Adds `bytes` to the digest.
        func update(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            g_checksum_update(checksum, base.assumingMemoryBound(to: guchar.self), gssize(bytes.count))
        }

        /// The digest of everything added, as lowercase hex (the string belongs to the checksum).
        var hex: String {
            guard let string = g_checksum_get_string(checksum) else { return "" }
            return String(cString: string)
        }
    }

    // MARK: Text

    /// Unicode NFKC through GLib (`g_utf8_normalize`), which needs no ICU.
    static func nfkc(_ string: String) -> String {
        takeString(g_utf8_normalize(string, -1, G_NORMALIZE_NFKC)) ?? string
    }

    /// Converts bytes from `charset` to UTF-8 with `g_convert`; `nil` on any invalid sequence or a
    /// partial one at the end.
    static func convertToUTF8(_ bytes: [UInt8], from charset: String) -> String? {
        if bytes.isEmpty { return "" }
        var written: gsize = 0
        var read: gsize = 0
        var error: UnsafeMutablePointer<GError>? = nil
        let converted = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                g_convert(chars, gssize(buffer.count), "UTF-8", charset, &read, &written, &error)
            }
        }
        if let error { g_error_free(error) }
        guard let converted else { return nil }
        defer { g_free(converted) }
        guard read == gsize(bytes.count) else { return nil }
        let buffer = UnsafeRawBufferPointer(start: converted, count: Int(written))
        return String(decoding: buffer, as: UTF8.self)
    }
}

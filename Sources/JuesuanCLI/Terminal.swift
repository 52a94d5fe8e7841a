#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output carries only the requested format; messages go to standard error.
enum Terminal {
    static func out(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: 1)
    }

    static func raw(_ text: String) { write(text, to: 1) }

    static func error(_ message: String) { write("error: \(message)\n", to: 2) }

    static func warning(_ message: String) { write("warning: \(message)\n", to: 2) }

    static func note(_ message: String) { write("note: \(message)\n", to: 2) }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }
}

/// Ends the process with `code` after flushing nothing (all output is written unbuffered).
func exitProcess(_ code: Int32) -> Never { exit(code) }

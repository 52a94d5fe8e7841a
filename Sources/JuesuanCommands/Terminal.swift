import Pipeline

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Standard output carries only the requested format; messages go to standard error.
public enum Terminal {
    /// `text` on standard output, with a line end when it has none.
    public static func out(_ text: String) {
        write(text.hasSuffix("\n") ? text : text + "\n", to: 1)
    }

    /// `text` on standard output as it is.
    public static func raw(_ text: String) { write(text, to: 1) }

    /// `error: MESSAGE` on standard error.
    public static func error(_ message: String) { write("error: \(message)\n", to: 2) }

    /// `warning: MESSAGE` on standard error.
    public static func warning(_ message: String) { write("warning: \(message)\n", to: 2) }

    /// `note: MESSAGE` on standard error.
    public static func note(_ message: String) { write("note: \(message)\n", to: 2) }

    /// Each diagnostic as a `warning:` or `note:` line, in order.
    public static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            switch diagnostic.level {
            case .warning: warning(diagnostic.message)
            case .note: note(diagnostic.message)
            }
        }
    }

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
public func exitProcess(_ code: Int32) -> Never { exit(code) }

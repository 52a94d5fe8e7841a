#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Diagnostics on standard error when `JUESUAN_DEBUG_TABLES` is set (development aid).
enum Debug {
    static let enabled: Bool = getenv("JUESUAN_DEBUG_TABLES") != nil

    static func log(_ message: @autoclosure () -> String) {
        guard enabled else { return }
        var bytes = Array((message() + "\n").utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}

/// An error that juesuan shows to a person: what is wrong, what to do, and the exit code.
///
/// Every module's errors adopt it, so the command line maps them in one place (as
/// swift-argument-parser's `MessageInfo` does) and a web server can present them the same way
/// (as Hummingbird's `HTTPResponseError` describes its own presentation).
public protocol JuesuanError: Error, Sendable {
    /// One line, without the `error: ` prefix: `FILE: what is wrong; what to do`.
    var message: String { get }
    /// The process exit code: `2` (could not do it: bad usage or bad input) unless the error says otherwise.
    var exitCode: Int32 { get }
}

extension JuesuanError {
    /// Bad usage or bad input.
    public var exitCode: Int32 { 2 }
}

extension JuesuanError {
    /// The ``message``: an error that is also `CustomStringConvertible` prints as it is shown.
    public var description: String { message }
}

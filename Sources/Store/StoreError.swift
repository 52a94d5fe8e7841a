/// Why the store could not do what was asked, in words for the `error:` line.
public struct StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong and, where it helps, what to do.
    public var message: String

    /// An error with its message.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

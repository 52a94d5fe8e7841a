import Basics

/// Something a stage noticed that does not stop it: a page without a text layer, a table the
/// tokenizer could not read whole, a guess the reconciliation made.
///
/// The pipeline never prints: it hands diagnostics back in the order they arose, and the command
/// line writes them to standard error (`warning: …`, `note: …`) while a web server may show them
/// beside the result.
public struct Diagnostic: Sendable, Hashable {
    /// How much a diagnostic matters to the person reading the result.
    public enum Level: String, Sendable, Hashable {
        /// Part of the result may be missing or wrong.
        case warning
        /// What the pipeline chose on its own, for the reader to confirm.
        case note
    }

    /// Warning or note.
    public var level: Level
    /// One line, without the `warning: ` or `note: ` prefix.
    public var message: String

    /// A diagnostic from its parts.
    public init(_ level: Level, _ message: String) {
        self.level = level
        self.message = message
    }
}

/// A failure of the pipeline itself (a facts.csv or rules file that cannot be read), as one line
/// for the person who gave the file.
public struct PipelineError: JuesuanError, Hashable, CustomStringConvertible {
    /// `FILE: what is wrong; what to do`.
    public var message: String

    /// An error with its message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

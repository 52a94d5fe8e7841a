import Basics
import ReportModel

/// The vocabulary's texts, each a Swift string literal in the line format the rules use.
///
/// Why Swift literals and not resource files: the release binary is deployed alone (built with
/// `--static-swift-stdlib`, copied to /usr/local/bin for the systemd timer, README), while a
/// SwiftPM resource bundle must sit beside the executable and is found through Foundation's
/// `Bundle` at run time; a bundle left behind would be a failure at run time, a literal cannot
/// be left behind. The texts stay plain text an auditor reads (and `juesuan rules` prints); one
/// parser (``VocabularyLines``) reads them all, once, at start-up.
public enum VocabularyText {}

/// A vocabulary text that cannot be read: the line and what is wrong.
public struct VocabularySyntaxError: JuesuanError, Equatable, CustomStringConvertible {
    /// The line of the text, from 1.
    public var line: Int
    /// What is wrong on that line.
    public var problem: String
    /// What the text is (`rules` for a rules file), for the description.
    public var text: String

    /// An error at `line` of `text`; `message` says what is wrong there.
    public init(line: Int, message: String, text: String = "rules") {
        self.line = line
        self.problem = message
        self.text = text
    }

    /// `TEXT line N: problem`.
    public var description: String { "\(text) line \(line): \(problem)" }
    public var message: String { description }
}

/// The line format shared by every vocabulary text: one entry a line, fields separated by `|`,
/// list items by `;`, blank lines and lines starting with `#` ignored.
public enum VocabularyLines {
    /// One entry: its line number (from 1) and its fields, trimmed.
    public struct Entry: Sendable, Hashable {
        public var line: Int
        public var fields: [String]
    }

    /// The entries of `text`. `maxFields` splits at most that many fields (the last keeps its `|`).
    public static func entries(_ text: String, maxFields: Int = .max) -> [Entry] {
        var result: [Entry] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = raw.trimmingWhitespace
            if content.isEmpty || content.hasPrefix("#") { continue }
            let fields = content.split(separator: "|", maxSplits: maxFields - 1, omittingEmptySubsequences: false)
                .map { String($0.trimmingWhitespace) }
            result.append(Entry(line: offset + 1, fields: fields))
        }
        return result
    }

    /// The items of a `;`-separated list, `N()` applied, empty items left out.
    public static func list(_ text: String) -> [String] {
        text.split(separator: ";").map { Normalization.n(String($0)) }.filter { !$0.isEmpty }
    }
}

extension StringProtocol {
    /// The text without leading and trailing whitespace.
    public var trimmingWhitespace: Substring {
        var result = self[...]
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return Substring(result)
    }
}

import Basics
import ReportModel

/// A cell (or a column) named in a rule or a claim: the one cell-reference language of both.
///
/// ```
/// CELLS   = CELL { "or" CELL }                 alternatives, the first that resolves wins
/// CELL    = "[" [ TABLE ":" ] ROW "@" COLUMNS "]"
/// COLUMN  = "[" TABLE "@" COLUMNS "]"          a column of a table, the row left open
/// TABLE   = a title of a kind of the vocabulary (or the kind's name): every table of the kind;
///           another title: the table printed under that title
/// ROW     = the fact key's row (a code such as 301, a name such as 合计, #1 for a row without
///           name); "~NAME" matches the rows that end in NAME
/// COLUMNS = COL { "," COL }                    alternatives, tried in order, then the other
///           columns of their alias sets (the vocabulary's columns)
/// ```
///
/// Every part is compared after `N()`, so `：` and `:` are one, as are `（` and `(`.
public struct CellReference: Sendable, Hashable, CustomStringConvertible {
    /// The table; nil where the rule's own table is meant.
    public var table: TableSelector?
    /// The row; empty in a column reference.
    public var row: String
    /// Whether ``row`` matches every row that ends in it.
    public var rowIsSuffix: Bool
    /// The columns, alternatives in order.
    public var columns: [String]

    /// A reference from its parts.
    public init(table: TableSelector?, row: String, rowIsSuffix: Bool = false, columns: [String]) {
        self.table = table
        self.row = row
        self.rowIsSuffix = rowIsSuffix
        self.columns = columns
    }

    /// The first column as written.
    public var column: String { columns.first ?? "" }

    public var description: String {
        let head = (table.map { $0.title + ": " } ?? "") + (rowIsSuffix ? "~" : "") + row
        return "[\(row.isEmpty ? (table?.title ?? "") : head) @ \(columns.joined(separator: ", "))]"
    }
}

/// Reads the cell-reference language (``CellReference``), for rules and claims alike.
public enum CellReferenceParser {
    /// `[A] or [B] or …`: alternatives.
    public static func alternatives(
        _ text: String, line: Int, vocabulary: Vocabulary = .standard, what: String = "rules"
    ) throws(VocabularySyntaxError) -> [CellReference] {
        let parts = split(text, on: " or ")
        guard !parts.isEmpty else { throw VocabularySyntaxError(line: line, message: "no cell in \(text)", text: what) }
        return try parts.map { part throws(VocabularySyntaxError) in
            try cell(part, line: line, vocabulary: vocabulary, what: what)
        }
    }

    /// `[TABLE: ROW @ COL, COL…]` or `[ROW @ COL…]`.
    public static func cell(
        _ text: String, line: Int, vocabulary: Vocabulary = .standard, what: String = "rules"
    ) throws(VocabularySyntaxError) -> CellReference {
        let (head, columns) = try split(text, line: line, what: what, noun: "cell", form: "[TABLE: ROW @ COL]")
        var table: TableSelector?
        var row = head
        // The table is separated by a colon; NFKC turns the full-width ： into : as well.
        if let colon = head.firstIndex(of: ":") {
            let title = String(head[..<colon])
            guard !title.isEmpty else {
                throw VocabularySyntaxError(
                    line: line, message: "a cell names no table before : in \(text)", text: what)
            }
            guard !title.hasPrefix("~") else {
                throw VocabularySyntaxError(
                    line: line,
                    message:
                        "a table is named by a title of its kind, without ~ (every title of the kind matches): \(text)",
                    text: what)
            }
            table = vocabulary.selector(forTitle: title)
            row = String(head[head.index(after: colon)...])
        }
        let rowIsSuffix = row.hasPrefix("~")
        if rowIsSuffix { row.removeFirst() }
        guard !row.isEmpty else {
            throw VocabularySyntaxError(line: line, message: "a cell needs a row and a column in \(text)", text: what)
        }
        return CellReference(table: table, row: row, rowIsSuffix: rowIsSuffix, columns: columns)
    }

    /// `[TABLE @ COL, COL…]`: a column of a table, the row left open.
    public static func column(
        _ text: String, line: Int, vocabulary: Vocabulary = .standard, what: String = "rules"
    ) throws(VocabularySyntaxError) -> CellReference {
        let (head, columns) = try split(text, line: line, what: what, noun: "column", form: "[TABLE @ COL]")
        guard !head.isEmpty else {
            throw VocabularySyntaxError(
                line: line, message: "a column needs a table and a column in \(text)", text: what)
        }
        return CellReference(table: vocabulary.selector(forTitle: head), row: "", columns: columns)
    }

    /// The part before `@` (`N()` applied) and the columns after it.
    private static func split(
        _ text: String, line: Int, what: String, noun: String, form: String
    ) throws(VocabularySyntaxError) -> (String, [String]) {
        let trimmed = text.trimmingWhitespace
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]") else {
            throw VocabularySyntaxError(line: line, message: "a \(noun) is written \(form), not \(text)", text: what)
        }
        let parts = trimmed.dropFirst().dropLast().split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw VocabularySyntaxError(line: line, message: "a \(noun) needs one @ in \(text)", text: what)
        }
        let columns = parts[1].split(separator: ",", omittingEmptySubsequences: false).map {
            Normalization.n(String($0))
        }
        guard !columns.contains(where: \.isEmpty) else {
            throw VocabularySyntaxError(
                line: line,
                message: noun == "cell"
                    ? "a cell needs a row and a column in \(text)" : "a column needs a table and a column in \(text)",
                text: what)
        }
        return (Normalization.n(String(parts[0])), columns)
    }

    /// `text` split at every `separator` outside brackets.
    private static func split(_ text: String, on separator: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var rest = Substring(text)
        while let character = rest.first {
            if depth == 0, rest.hasPrefix(separator) {
                parts.append(current)
                current = ""
                rest = rest.dropFirst(separator.count)
                continue
            }
            if character == "[" { depth += 1 } else if character == "]" { depth -= 1 }
            current.append(character)
            rest = rest.dropFirst()
        }
        parts.append(current)
        return parts.map { String($0.trimmingWhitespace) }.filter { !$0.isEmpty }
    }
}

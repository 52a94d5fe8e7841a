import Basics
import ReportModel

/// One check, read from the rules text (see ``DefaultRules``).
public struct Rule: Sendable {
    /// A cell named in a rule: `[TABLE: ROW @ COL]`.
    public struct CellReference: Sendable, Hashable {
        public var table: String?
        public var row: String
        public var col: String
    }

    /// `+` or `−` before a term.
    public struct Term<Item: Sendable & Hashable>: Sendable, Hashable {
        public var negative: Bool
        public var item: Item
    }

    public enum Kind: Sendable, Hashable {
        /// Codes equal the sums of their children; `totalRow` (e.g. 合计) the sum of the top codes.
        case rollup(totalRow: String?)
        /// In every row: `left = Σ right`, columns named by their `col` key.
        case columns(left: String, right: [Term<String>])
        /// Single cells.
        case cells(left: CellReference, right: [Term<CellReference>])
        /// Single cells, an upper bound: `[A] <= [B] + …`.
        case atMost(left: CellReference, right: [Term<CellReference>])
        /// Class by class: the rows of `left` named like a 3-digit class of `right` (ordinal and
        /// （类） left out) equal that class's cell.
        case classes(left: CellReference, right: CellReference)
        /// Tables the report must print: each entry lists the titles one template or another uses.
        case required(alternatives: [[String]])
        /// No amount of the tables may be negative.
        case nonnegative
    }

    public var id: String
    public var kind: Kind
    /// For a `cells` rule: it applies only where this equation holds (`| when [A] = [B] + …`).
    public var condition: (left: CellReference, right: [Term<CellReference>])?
    /// Table titles the rule applies to (N() applied); empty for every table.
    public var tables: [String]
    /// The line of the rules text, for messages.
    public var line: Int

    /// Whether the rule applies to a table with this title.
    public func applies(to table: String) -> Bool { tables.isEmpty || tables.contains(table) }
}

/// A rules text that cannot be read: the line and what is wrong.
public struct RuleSyntaxError: JuesuanError, Equatable, CustomStringConvertible {
    /// The 1-based line of the rules text.
    public var line: Int
    /// What is wrong on that line.
    public var problem: String

    /// An error on `line`; `message` says what is wrong there.
    public init(line: Int, message: String) {
        self.line = line
        self.problem = message
    }

    /// `rules line N: problem`.
    public var message: String { "rules line \(line): \(problem)" }
}

/// Reads the rules text.
public enum RuleParser {
    public static func parse(_ text: String) throws(RuleSyntaxError) -> [Rule] {
        var rules: [Rule] = []
        var seen = Set<String>()
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = offset + 1
            let content = rawLine.trimmingWhitespace
            if content.isEmpty || content.hasPrefix("#") { continue }
            let fields = content.split(separator: "|", maxSplits: 3, omittingEmptySubsequences: false).map(\.trimmingWhitespace)
            guard fields.count >= 3 else {
                throw RuleSyntaxError(line: line, message: "expected ID | KIND | TABLES | EXPRESSION")
            }
            let id = String(fields[0])
            guard !id.isEmpty, !seen.contains(id) else {
                throw RuleSyntaxError(line: line, message: id.isEmpty ? "the rule has no id" : "the id \(id) is used twice")
            }
            seen.insert(id)
            let tables =
                fields[2] == "*"
                ? [] : fields[2].split(separator: ",").map { Normalization.n(String($0)) }.filter { !$0.isEmpty }
            var expression = fields.count > 3 ? String(fields[3]) : ""
            var condition: (left: Rule.CellReference, right: [Rule.Term<Rule.CellReference>])?
            let pieces = expression.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            if pieces.count == 2 {
                let clause = pieces[1].trimmingWhitespace
                guard clause.hasPrefix("when ") else {
                    throw RuleSyntaxError(line: line, message: "after the expression only `| when [A] = [B] + …` may follow")
                }
                condition = try cellEquation(String(clause.dropFirst(5)), line: line)
                expression = String(pieces[0].trimmingWhitespace)
            }
            let kind: Rule.Kind
            switch fields[1] {
            case "rollup":
                kind = .rollup(totalRow: expression.isEmpty ? nil : Normalization.n(expression))
            case "columns":
                let (left, right) = try equation(expression, line: line)
                kind = .columns(
                    left: Normalization.n(left),
                    right: right.map { Rule.Term(negative: $0.negative, item: Normalization.n($0.item)) })
            case "cells" where expression.contains("<="):
                let (left, right) = try cellEquation(expression.replacingFirst("<=", with: "="), line: line)
                kind = .atMost(left: left, right: right)
            case "cells":
                let (left, right) = try cellEquation(expression, line: line)
                kind = .cells(left: left, right: right)
            case "classes":
                let (left, right) = try equation(expression, line: line)
                guard right.count == 1, !right[0].negative else {
                    throw RuleSyntaxError(line: line, message: "a classes rule compares one column with one column")
                }
                let l = try column(left, line: line)
                let r = try column(right[0].item, line: line)
                kind = .classes(left: l, right: r)
            case "required":
                let entries = expression.split(separator: ";").map { entry in
                    entry.split(separator: "/").map { Normalization.n(String($0)) }.filter { !$0.isEmpty }
                }.filter { !$0.isEmpty }
                guard !entries.isEmpty else { throw RuleSyntaxError(line: line, message: "a required rule lists no tables") }
                kind = .required(alternatives: entries)
            case "nonnegative":
                kind = .nonnegative
            default:
                throw RuleSyntaxError(
                    line: line, message: "unknown kind \(fields[1]); use rollup, columns, cells, classes, required or nonnegative")
            }
            if condition != nil, case .cells = kind {} else if condition != nil {
                throw RuleSyntaxError(line: line, message: "only a cells rule takes a when condition")
            }
            rules.append(Rule(id: id, kind: kind, condition: condition, tables: tables, line: line))
        }
        return rules
    }

    /// `A = B + C - D` → ("A", [+B, +C, −D]). Signs split terms only outside brackets.
    private static func equation(_ text: String, line: Int) throws(RuleSyntaxError) -> (String, [Rule.Term<String>]) {
        let sides = text.split(separator: "=", omittingEmptySubsequences: false)
        guard sides.count == 2 else { throw RuleSyntaxError(line: line, message: "expected one = in \(text)") }
        let left = sides[0].trimmingWhitespace
        var terms: [Rule.Term<String>] = []
        var current = ""
        var negative = false
        var depth = 0
        func flush() throws(RuleSyntaxError) {
            let item = current.trimmingWhitespace
            guard !item.isEmpty else { throw RuleSyntaxError(line: line, message: "an empty term in \(text)") }
            terms.append(Rule.Term(negative: negative, item: String(item)))
            current = ""
        }
        for character in sides[1] {
            switch character {
            case "[":
                depth += 1
                current.append(character)
            case "]":
                depth -= 1
                current.append(character)
            case "+" where depth == 0, "-" where depth == 0, "−" where depth == 0:
                // A sign inside a column name (none today) would need brackets.
                if !current.trimmingWhitespace.isEmpty { try flush() }
                negative = character != "+"
            default:
                current.append(character)
            }
        }
        try flush()
        guard !left.isEmpty else { throw RuleSyntaxError(line: line, message: "nothing left of = in \(text)") }
        return (String(left), terms)
    }

    /// `[A] = [B] + [C] − …` over cells.
    private static func cellEquation(
        _ text: String, line: Int
    ) throws(RuleSyntaxError) -> (Rule.CellReference, [Rule.Term<Rule.CellReference>]) {
        let (left, right) = try equation(text, line: line)
        return (
            try cell(left, line: line),
            try right.map { term throws(RuleSyntaxError) in
                Rule.Term(negative: term.negative, item: try cell(term.item, line: line))
            }
        )
    }

    /// `[TABLE @ COL]`: a column of a table (the row is left open).
    private static func column(_ text: String, line: Int) throws(RuleSyntaxError) -> Rule.CellReference {
        let trimmed = text.trimmingWhitespace
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]") else {
            throw RuleSyntaxError(line: line, message: "a column is written [TABLE @ COL], not \(text)")
        }
        let parts = trimmed.dropFirst().dropLast().split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw RuleSyntaxError(line: line, message: "a column needs one @ in \(text)") }
        let table = Normalization.n(String(parts[0]))
        let col = Normalization.n(String(parts[1]))
        guard !table.isEmpty, !col.isEmpty else { throw RuleSyntaxError(line: line, message: "a column needs a table and a column in \(text)") }
        return Rule.CellReference(table: table, row: "", col: col)
    }

    /// `[TABLE: ROW @ COL]` or `[ROW @ COL]`.
    private static func cell(_ text: String, line: Int) throws(RuleSyntaxError) -> Rule.CellReference {
        let trimmed = text.trimmingWhitespace
        guard trimmed.hasPrefix("["), trimmed.hasSuffix("]") else {
            throw RuleSyntaxError(line: line, message: "a cell is written [TABLE: ROW @ COL], not \(text)")
        }
        let inner = trimmed.dropFirst().dropLast()
        let parts = inner.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw RuleSyntaxError(line: line, message: "a cell needs one @ in \(text)") }
        var table: String?
        var row = Substring(parts[0])
        // The table is separated by a colon; NFKC turns the full-width ： into : as well.
        let head = Normalization.n(String(parts[0]))
        if let colon = head.firstIndex(of: ":") {
            table = String(head[..<colon])
            row = head[head.index(after: colon)...]
        }
        let rowKey = Normalization.n(String(row))
        let colKey = Normalization.n(String(parts[1]))
        guard !rowKey.isEmpty, !colKey.isEmpty else { throw RuleSyntaxError(line: line, message: "a cell needs a row and a column in \(text)") }
        return Rule.CellReference(table: table, row: rowKey, col: colKey)
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    func replacingFirst(_ target: String, with replacement: String) -> String {
        var scalars = Array(unicodeScalars)
        let needle = Array(target.unicodeScalars)
        guard !needle.isEmpty, scalars.count >= needle.count else { return self }
        for start in 0...(scalars.count - needle.count) where Array(scalars[start..<(start + needle.count)]) == needle {
            scalars.replaceSubrange(start..<(start + needle.count), with: replacement.unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return String(view)
        }
        return self
    }
}

extension StringProtocol {
    var trimmingWhitespace: Substring {
        var result = self[...]
        while let first = result.first, first.isWhitespace { result.removeFirst() }
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return Substring(result)
    }
}

import Basics
import ReportModel
import Vocabulary

/// A cell as a rule names it, in the vocabulary's cell-reference language: a table by kind,
/// column alternatives and their alias sets.
public typealias RuleCell = CellReference

/// One check, read from the rules text (see ``DefaultRules``).
public struct Rule: Sendable {
    /// A printed cell an equation compares: the printed table, the row and column keys of its
    /// facts (a ``RuleCell`` resolved in one report).
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
        case cells(left: RuleCell, right: [Term<RuleCell>])
        /// Single cells, an upper bound: `[A] <= [B] + …`.
        case atMost(left: RuleCell, right: [Term<RuleCell>])
        /// Class by class: the rows of `left` named like a 3-digit class of `right` (ordinal and
        /// （类） left out) equal that class's cell.
        case classes(left: RuleCell, right: RuleCell)
        /// Tables the report must print: each entry lists tables (by a title of their kind) of
        /// which one will do.
        case required(alternatives: [[String]])
        /// No amount of the tables may be negative.
        case nonnegative
    }

    public var id: String
    public var kind: Kind
    /// For a `cells` rule: it applies only where this equation holds (`| when [A] = [B] + …`).
    public var condition: (left: RuleCell, right: [Term<RuleCell>])?
    /// The tables the rule applies to (by kind, or by title for a title the vocabulary does not
    /// list); empty for every table.
    public var tables: [TableSelector]
    /// The line of the rules text, for messages.
    public var line: Int

    /// Whether the rule applies to the printed table `table` (a fact's `table`), whose title is of
    /// `kind`.
    public func applies(to table: String, ofKind kind: TableKind?) -> Bool {
        tables.isEmpty || tables.contains { $0.selects(table: table, ofKind: kind) }
    }
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
    /// The rules of `text`; its tables and columns are resolved through `vocabulary`.
    public static func parse(_ text: String, vocabulary: Vocabulary = .standard) throws(RuleSyntaxError) -> [Rule] {
        var rules: [Rule] = []
        var seen = Set<String>()
        // The vocabulary's line format: ID | KIND | TABLES | EXPRESSION, the expression keeping any
        // further `|` (a `| when …` condition).
        for entry in VocabularyLines.entries(text, maxFields: 4) {
            let line = entry.line
            let fields = entry.fields
            guard fields.count >= 3 else {
                throw RuleSyntaxError(line: line, message: "expected ID | KIND | TABLES | EXPRESSION")
            }
            let id = fields[0]
            guard !id.isEmpty, !seen.contains(id) else {
                throw RuleSyntaxError(line: line, message: id.isEmpty ? "the rule has no id" : "the id \(id) is used twice")
            }
            seen.insert(id)
            var tables: [TableSelector] = []
            if fields[2] != "*" {
                for title in fields[2].split(separator: ",").map({ Normalization.n(String($0)) }) where !title.isEmpty {
                    let selector = vocabulary.selector(forTitle: title)
                    // Two titles of one kind select the same tables.
                    if !tables.contains(where: { $0.kind != nil ? $0.kind == selector.kind : $0 == selector }) {
                        tables.append(selector)
                    }
                }
            }
            var expression = fields.count > 3 ? fields[3] : ""
            var condition: (left: RuleCell, right: [Rule.Term<RuleCell>])?
            let pieces = expression.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            if pieces.count == 2 {
                let clause = pieces[1].trimmingWhitespace
                guard clause.hasPrefix("when ") else {
                    throw RuleSyntaxError(line: line, message: "after the expression only `| when [A] = [B] + …` may follow")
                }
                condition = try cellEquation(String(clause.dropFirst(5)), line: line, vocabulary: vocabulary)
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
                let (left, right) = try cellEquation(expression.replacingFirst("<=", with: "="), line: line, vocabulary: vocabulary)
                kind = .atMost(left: left, right: right)
            case "cells":
                let (left, right) = try cellEquation(expression, line: line, vocabulary: vocabulary)
                kind = .cells(left: left, right: right)
            case "classes":
                let (left, right) = try equation(expression, line: line)
                guard right.count == 1, !right[0].negative else {
                    throw RuleSyntaxError(line: line, message: "a classes rule compares one column with one column")
                }
                let l = try reading(line) { () throws(VocabularySyntaxError) in
                    try CellReferenceParser.column(left, line: line, vocabulary: vocabulary)
                }
                let r = try reading(line) { () throws(VocabularySyntaxError) in
                    try CellReferenceParser.column(right[0].item, line: line, vocabulary: vocabulary)
                }
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
        _ text: String, line: Int, vocabulary: Vocabulary
    ) throws(RuleSyntaxError) -> (RuleCell, [Rule.Term<RuleCell>]) {
        let (left, right) = try equation(text, line: line)
        return try reading(line) { () throws(VocabularySyntaxError) in
            (
                try CellReferenceParser.cell(left, line: line, vocabulary: vocabulary),
                try right.map { term throws(VocabularySyntaxError) in
                    Rule.Term(negative: term.negative, item: try CellReferenceParser.cell(term.item, line: line, vocabulary: vocabulary))
                }
            )
        }
    }

    /// The cell-reference parser's errors as the rules' own.
    private static func reading<T>(_ line: Int, _ body: () throws(VocabularySyntaxError) -> T) throws(RuleSyntaxError) -> T {
        do {
            return try body()
        } catch {
            throw RuleSyntaxError(line: error.line, message: error.problem)
        }
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

import Basics

/// A whole report as read from one document: its tables and what could not be read.
public struct Report: Sendable, Codable {
    /// The department named by the first table (N of its `部门：…` line), if any.
    public var entity: String
    /// The year the report covers (from titles or headings), if found.
    public var year: Int?
    /// The unit of the first table that states one.
    public var unit: String?
    /// Whether the report carries a 尾数误差 (rounding) note.
    public var roundingNote: Bool
    /// Every rebuilt table, in document order.
    public var tables: [ReportTable]
    /// Tables or pages that could not be rebuilt, in words.
    public var problems: [Problem]

    /// A report from its parts.
    public init(
        entity: String = "", year: Int? = nil, unit: String? = nil, roundingNote: Bool = false,
        tables: [ReportTable] = [], problems: [Problem] = []
    ) {
        self.entity = entity
        self.year = year
        self.unit = unit
        self.roundingNote = roundingNote
        self.tables = tables
        self.problems = problems
    }

    /// All facts in document order (page, top to bottom, left to right), with repeated row
    /// names inside one table and block numbered `#2`, `#3`, … as FACTS.md asks.
    public var facts: [Fact] {
        var result: [Fact] = []
        for table in tables { result.append(contentsOf: table.facts) }
        return result
    }
}

/// Something the reader could not do.
public struct Problem: Sendable, Codable, Hashable {
    /// The page concerned, if one.
    public var page: Int?
    /// The table title concerned, if known.
    public var table: String?
    /// What went wrong.
    public var message: String

    /// A problem from its parts.
    public init(page: Int?, table: String?, message: String) {
        self.page = page
        self.table = table
        self.message = message
    }
}

/// What a table is, whatever its printed title: `incomeExpenditureSummary` for the
/// 收入支出决算总表 of every template.
///
/// A kind is data, not a case of an enum: the kinds, their titles and aliases are listed in the
/// vocabulary (`Vocabulary.standard`), so a new kind of table is a line of text there. The raw
/// value is what `extract --format json` prints (a plain string).
public struct TableKind: RawRepresentable, Sendable, Codable, Hashable, CustomStringConvertible {
    /// The kind's name, e.g. `incomeExpenditureSummary`.
    public var rawValue: String

    /// A kind by its name.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A kind by its name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// A table whose title ends like a table title of a known family (决算表, 预算表…) but names
    /// no kind the vocabulary lists.
    public static let other = TableKind("other")

    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A node of a table's header tree: a header cell and the cells under it.
public struct HeaderNode: Sendable, Codable, Hashable {
    /// `N(text)` of the header cell.
    public var text: String
    /// The cells under it.
    public var children: [HeaderNode]

    /// A header node from its parts.
    public init(text: String, children: [HeaderNode] = []) {
        self.text = text
        self.children = children
    }
}

/// How one table was read on one page: where its grid came from, its columns, and (when the
/// page rules it) its cells with their spans and the ruling lines that make them.
public struct TableLayout: Sendable, Codable, Hashable {
    /// Where the grid came from.
    public enum Source: String, Sendable, Codable, Hashable {
        /// The page's ruling lines: cells and spans as drawn.
        case rules
        /// The words' positions (a table without ruling, or whose ruling does not separate its figures).
        case whitespace
    }

    /// A column as read: its role (`code`, `name`, `rowNumber`, `value`), its header path and the
    /// band of the page it owns (display space).
    public struct Column: Sendable, Codable, Hashable {
        public var role: String
        public var path: String
        public var box: Rect

        public init(role: String, path: String, box: Rect) { (self.role, self.path, self.box) = (role, path, box) }
    }

    /// A cell of the ruled grid: its first row and column (0-based, top left), its spans, its box
    /// (display space) and its text (`N()` of its words); `header` for a header cell.
    public struct GridCell: Sendable, Codable, Hashable {
        public var row: Int
        public var column: Int
        public var rowSpan: Int
        public var columnSpan: Int
        public var box: Rect
        public var text: String
        public var header: Bool

        public init(row: Int, column: Int, rowSpan: Int, columnSpan: Int, box: Rect, text: String, header: Bool) {
            (self.row, self.column, self.rowSpan, self.columnSpan) = (row, column, rowSpan, columnSpan)
            (self.box, self.text, self.header) = (box, text, header)
        }
    }

    public var page: Int
    public var source: Source
    public var columns: [Column]
    /// The ruled grid's cells (empty for `whitespace`).
    public var cells: [GridCell]
    /// The ruling lines the grid was built from (display space; empty for `whitespace`).
    public var rules: [Rect]

    public init(page: Int, source: Source, columns: [Column], cells: [GridCell] = [], rules: [Rect] = []) {
        (self.page, self.source, self.columns, self.cells, self.rules) = (page, source, columns, cells, rules)
    }
}

/// One rebuilt table.
public struct ReportTable: Sendable, Codable {
    /// The recognised kind.
    public var kind: TableKind
    /// The title as printed.
    public var title: String
    /// `N(title)`: the `table` of its facts.
    public var key: String
    /// The entity of its facts.
    public var entity: String
    /// The unit stated or inherited.
    public var unit: String
    /// Pages the table is printed on.
    public var pages: [Int]
    /// The header structure of its value columns.
    public var header: [HeaderNode]
    /// The column paths of its value columns, left to right.
    public var columns: [String]
    /// Notes printed under it (`注：…`).
    public var notes: [String]
    /// Whether its notes mention 尾数误差.
    public var roundingNote: Bool
    /// Data rows in document order.
    public var rows: [ReportRow]
    /// How the table was read on each of its pages: from the page's ruling or from whitespace.
    public var layout: [TableLayout] = []

    /// A table from its parts.
    public init(
        kind: TableKind, title: String, entity: String, unit: String, pages: [Int] = [], header: [HeaderNode] = [],
        columns: [String] = [], notes: [String] = [], roundingNote: Bool = false, rows: [ReportRow] = []
    ) {
        self.kind = kind
        self.title = title
        self.key = Normalization.n(title)
        self.entity = entity
        self.unit = unit
        self.pages = pages
        self.header = header
        self.columns = columns
        self.notes = notes
        self.roundingNote = roundingNote
        self.rows = rows
    }

    /// The table's facts in document order.
    public var facts: [Fact] {
        var result: [Fact] = []
        var seen: [String: Int] = [:]
        var unnamed: [Int: Int] = [:]  // block → count of its data rows so far
        var ordered: [(Int, Int, Double, Int)] = []
        for row in rows {
            var key: String
            unnamed[row.block, default: 0] += 1
            if let code = row.code, !code.isEmpty {
                key = code
            } else if !row.name.isEmpty {
                key = row.name
            } else {
                key = "#\(unnamed[row.block]!)"
            }
            if row.code == nil || row.code!.isEmpty, !row.name.isEmpty {
                let identity = "\(row.block)\u{1}\(key)"
                let count = (seen[identity] ?? 0) + 1
                seen[identity] = count
                if count > 1 { key += "#\(count)" }
            }
            for cell in row.cells {
                guard let amount = cell.amount else { continue }
                ordered.append((cell.page, cell.line, cell.x, result.count))
                result.append(
                    Fact(
                        entity: entity, table: self.key, row: key, col: cell.column, name: row.name,
                        value: amount.description, unit: unit, page: cell.page, box: cell.box))
            }
        }
        ordered.sort { a, b in
            if a.0 != b.0 { return a.0 < b.0 }
            if a.1 != b.1 { return a.1 < b.1 }
            if a.2 != b.2 { return a.2 < b.2 }
            return a.3 < b.3
        }
        return ordered.map { result[$0.3] }
    }
}

/// One data row of a table (in one block of a side-by-side layout).
public struct ReportRow: Sendable, Codable {
    /// The full classification code, if printed.
    public var code: String?
    /// The level of the code: 1 类, 2 款, 3 项 (0 without code).
    public var level: Int
    /// `N(item name)`.
    public var name: String
    /// Which side-by-side block it belongs to (0 for the first).
    public var block: Int
    /// Its cells, left to right.
    public var cells: [Cell]

    /// A row from its parts.
    public init(code: String?, level: Int, name: String, block: Int = 0, cells: [Cell] = []) {
        self.code = code
        self.level = level
        self.name = name
        self.block = block
        self.cells = cells
    }
}

/// One value cell.
public struct Cell: Sendable, Codable {
    /// The column's header path (the `col` of its fact).
    public var column: String
    /// The amount printed, `nil` when blank.
    public var amount: Amount?
    /// The page it is printed on.
    public var page: Int
    /// Its box in display space, points.
    public var box: Rect
    /// The index of its text line on the page (top to bottom in reading order).
    public var line: Int
    /// Its left edge in the page's upright reading frame.
    public var x: Double

    /// A cell from its parts.
    public init(column: String, amount: Amount?, page: Int, box: Rect, line: Int = 0, x: Double = 0) {
        self.column = column
        self.amount = amount
        self.page = page
        self.box = box
        self.line = line
        self.x = x
    }
}

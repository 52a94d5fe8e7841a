import ReportModel

/// One column of `juesuan export`: its name, the SQL that reads it, and its type.
struct ExportColumn: Sendable {
    enum Kind: Sendable {
        case text
        case integer
        /// Money: the SQL of its minor units and of its scale.
        case money(minor: String, scale: String)
    }

    var name: String
    /// The SQL expression (unused for money, whose parts are in `kind`).
    var sql: String
    var kind: Kind

    static func text(_ name: String, _ sql: String) -> ExportColumn {
        ExportColumn(name: name, sql: sql, kind: .text)
    }
    static func integer(_ name: String, _ sql: String) -> ExportColumn {
        ExportColumn(name: name, sql: sql, kind: .integer)
    }
    static func money(_ name: String, minor: String, scale: String) -> ExportColumn {
        ExportColumn(name: name, sql: minor, kind: .money(minor: minor, scale: scale))
    }

    /// The SQL select items of this column (two for money), cast where the dialect needs it.
    func selectItems(_ dialect: ExportDialect) -> [String] {
        switch (kind, dialect) {
        case (.text, .sqlite), (.integer, .sqlite): [sql]
        case (.money(let minor, let scale), .sqlite): [minor, scale]
        case (.text, .postgres): ["(\(sql))::text"]
        case (.integer, .postgres): ["(\(sql))::bigint"]
        case (.money(let minor, let scale), .postgres): ["(\(minor))::bigint", "(\(scale))::bigint"]
        }
    }
}

/// The SQL dialect of a store: the same columns, filters and order, spelt for its database.
public enum ExportDialect: Sendable {
    /// `?` parameters; BINARY (byte) order; `stored_at` is ISO 8601 text.
    case sqlite
    /// `$n` parameters; every value cast to the type it is decoded as; byte order through
    /// `COLLATE "C"` whatever the database's locale; `stored_at` is a TIMESTAMPTZ printed as SQLite's.
    case postgres

    /// The type each select item is read as, in order (money selects two integers).
    public enum SelectedType: Sendable { case text, integer }
}

/// A `--where` filter that does not fit the export.
public enum ExportFilterError: Error, Sendable, Hashable {
    /// No such column in this kind of export.
    case unknownColumn(String, kind: ExportKind, available: [String])
    /// The value cannot be compared with the column: `expected` says what it takes.
    case badValue(column: String, value: String, expected: String)
}

/// What each kind of export reads: its columns, its tables and its order. Shared by every store so
/// that the exported columns are the same whichever database holds them (docs/store.md).
public enum ExportQuery {
    static func columns(_ kind: ExportKind, _ dialect: ExportDialect = .sqlite) -> [ExportColumn] {
        switch kind {
        case .documents:
            [
                .text("sha256", "d.sha256"), .text("path", "d.path"), .integer("size", "d.size"),
                .integer("pages", "d.pages"), .text("producer", "d.producer"),
                .text("department", "d.department"),
                .integer("year", "d.year"), .text("status", "d.status"), .text("reason", "d.reason"),
                .integer("facts", "(SELECT COUNT(*) FROM facts x WHERE x.document = d.sha256)"),
                .integer("findings", "(SELECT COUNT(*) FROM findings x WHERE x.document = d.sha256)"),
                .integer(
                    "errors",
                    "(SELECT COUNT(*) FROM findings x WHERE x.document = d.sha256 AND x.severity = 'error')"),
                .integer(
                    "mismatches",
                    "(SELECT COUNT(*) FROM mismatches x WHERE x.document = d.sha256 AND x.kind <> 'rounding_balance')"
                ),
                // ISO 8601 in UTC, as the SQLite store writes it (Date.ISO8601Format()).
                dialect == .sqlite
                    ? .text("stored_at", "d.stored_at")
                    : .text("stored_at", "to_char(d.stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"),
            ]
        case .facts:
            [
                .text("document", "t.document"), .text("path", "d.path"), .text("entity", "t.entity"),
                .text("table", "t.table_title"), .text("row", "t.row_key"), .text("col", "t.col_path"),
                .text("name", "t.name"), .money("value", minor: "t.value_minor", scale: "t.value_scale"),
                .text("unit", "t.unit"), .integer("page", "t.page"),
            ]
        case .findings:
            [
                .text("document", "t.document"), .text("path", "d.path"), .text("rule", "t.rule"),
                .text("severity", "t.severity"), .text("entity", "t.entity"),
                .text("table", "t.table_title"),
                .text("row", "t.row_key"), .text("col", "t.col_path"), .integer("page", "t.page"),
                .text("printed", "t.printed"), .text("expected", "t.expected"),
                .text("message", "t.message"),
                .text("sentence", "t.sentence"),
            ]
        case .mismatches:
            [
                .text("document", "t.document"), .text("path", "d.path"), .text("kind", "t.kind"),
                .text("entity", "t.entity"), .text("table", "t.table_title"), .text("row", "t.row_key"),
                .text("col", "t.col_path"), .text("name", "t.name"),
                .money("published", minor: "t.published_minor", scale: "t.published_scale"),
                .text("published_unit", "t.published_unit"),
                .money("recorded", minor: "t.recorded_minor", scale: "t.recorded_scale"),
                .text("recorded_unit", "t.recorded_unit"), .integer("page", "t.page"),
                .text("record_source", "t.record_source"), .integer("record_line", "t.record_line"),
                .text("message", "t.message"),
            ]
        }
    }

    /// The column names of an export, in order.
    public static func columnNames(_ kind: ExportKind) -> [String] { columns(kind).map(\.name) }

    /// A bound SQL parameter: text or integer.
    public enum Parameter: Sendable, Hashable {
        case text(String)
        case integer(Int64)
    }

    /// The types of the selected values of an export, in order, for stores that decode by type.
    public static func selectedTypes(_ kind: ExportKind) -> [ExportDialect.SelectedType] {
        columns(kind).flatMap { column -> [ExportDialect.SelectedType] in
            switch column.kind {
            case .text: [.text]
            case .integer: [.integer]
            case .money: [.integer, .integer]
            }
        }
    }

    /// The whole SELECT of an export with its parameters, or an error naming a bad filter.
    ///
    /// A filter is an equality; an empty value matches NULL (and, for text, the empty string); a
    /// money filter matches the amount as printed (`12.50` matches minor units 1250 at scale 2).
    public static func sql(
        _ kind: ExportKind, filters: [ExportFilter], dialect: ExportDialect = .sqlite
    ) throws(ExportFilterError) -> (sql: String, parameters: [Parameter]) {
        let columns = columns(kind, dialect)
        var conditions: [String] = []
        var parameters: [Parameter] = []
        func next(_ parameter: Parameter) -> String {
            parameters.append(parameter)
            return dialect == .sqlite ? "?" : "$\(parameters.count)"
        }
        for filter in filters {
            guard let column = columns.first(where: { $0.name == filter.column }) else {
                throw .unknownColumn(filter.column, kind: kind, available: columns.map(\.name))
            }
            if filter.value.isEmpty {
                switch column.kind {
                case .text: conditions.append("(\(column.sql) IS NULL OR \(column.sql) = '')")
                case .integer, .money: conditions.append("\(column.sql) IS NULL")
                }
                continue
            }
            switch column.kind {
            case .text:
                conditions.append("\(column.sql) = \(next(.text(filter.value)))")
            case .integer:
                guard let number = Int64(filter.value) else {
                    throw .badValue(column: filter.column, value: filter.value, expected: "a whole number")
                }
                conditions.append("\(column.sql) = \(next(.integer(number)))")
            case .money(let minor, let scale):
                guard let amount = Amount.parse(filter.value) else {
                    throw .badValue(column: filter.column, value: filter.value, expected: "an amount such as 12.50")
                }
                conditions.append(
                    "(\(minor) = \(next(.integer(amount.minorUnits))) AND \(scale) = \(next(.integer(Int64(amount.decimals)))))"
                )
            }
        }
        let select = columns.flatMap { $0.selectItems(dialect) }.joined(separator: ", ")
        var sql: String
        switch kind {
        case .documents:
            sql = "SELECT \(select) FROM documents d"
        case .facts, .findings, .mismatches:
            sql = "SELECT \(select) FROM \(kind.rawValue) t JOIN documents d ON d.sha256 = t.document"
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        // Byte order: SQLite's BINARY collation, and the same on PostgreSQL whatever its locale.
        let bytes = dialect == .sqlite ? "" : " COLLATE \"C\""
        switch kind {
        case .documents: sql += " ORDER BY d.path\(bytes), d.sha256\(bytes)"
        case .facts, .findings, .mismatches: sql += " ORDER BY d.path\(bytes), t.document\(bytes), t.seq"
        }
        return (sql, parameters)
    }

    /// Reads one exported row from its selected values (money takes two), in column order.
    public static func row(_ kind: ExportKind, values: [ExportValue]) -> [ExportValue] {
        var result: [ExportValue] = []
        var index = 0
        for column in columns(kind) {
            switch column.kind {
            case .text, .integer:
                result.append(values[index])
                index += 1
            case .money:
                if case .integer(let minor) = values[index], case .integer(let scale) = values[index + 1] {
                    result.append(.money(Amount(minorUnits: minor, decimals: Int(scale))))
                } else {
                    result.append(.null)
                }
                index += 2
            }
        }
        return result
    }
}

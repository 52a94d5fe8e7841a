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

    /// The SQL select items of this column (two for money).
    var selectItems: [String] {
        switch kind {
        case .text, .integer: [sql]
        case .money(let minor, let scale): [minor, scale]
        }
    }
}

/// What each kind of export reads: its columns, its tables and its order. Shared by every store so
/// that the exported columns are the same whichever database holds them (docs/store.md).
public enum ExportQuery {
    static func columns(_ kind: ExportKind) -> [ExportColumn] {
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
                .text("stored_at", "d.stored_at"),
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

    /// The whole SELECT of an export with its `?` parameters, or an error naming a bad filter.
    /// `placeholder(n)` writes the n-th (1-based) parameter marker (`?` for SQLite, `$n` for PostgreSQL).
    public static func sql(
        _ kind: ExportKind, filters: [ExportFilter], placeholder: (Int) -> String = { _ in "?" }
    ) throws(StoreError) -> (sql: String, parameters: [Parameter]) {
        let columns = columns(kind)
        var conditions: [String] = []
        var parameters: [Parameter] = []
        func next(_ parameter: Parameter) -> String {
            parameters.append(parameter)
            return placeholder(parameters.count)
        }
        for filter in filters {
            guard let column = columns.first(where: { $0.name == filter.column }) else {
                throw StoreError(
                    "--where \(filter.column)=…: no column \(filter.column) in \(kind.rawValue); "
                        + "columns: \(columns.map(\.name).joined(separator: ", "))")
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
                    throw StoreError(
                        "--where \(filter.column)=\(filter.value): \(filter.column) is a whole number")
                }
                conditions.append("\(column.sql) = \(next(.integer(number)))")
            case .money(let minor, let scale):
                guard let amount = Amount.parse(filter.value) else {
                    throw StoreError(
                        "--where \(filter.column)=\(filter.value): \(filter.column) is an amount such as 12.50")
                }
                conditions.append(
                    "(\(minor) = \(next(.integer(amount.minorUnits))) AND \(scale) = \(next(.integer(Int64(amount.decimals)))))"
                )
            }
        }
        let select = columns.flatMap(\.selectItems).joined(separator: ", ")
        var sql: String
        switch kind {
        case .documents:
            sql = "SELECT \(select) FROM documents d"
        case .facts, .findings, .mismatches:
            sql = "SELECT \(select) FROM \(kind.rawValue) t JOIN documents d ON d.sha256 = t.document"
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        switch kind {
        case .documents: sql += " ORDER BY d.path, d.sha256"
        case .facts, .findings, .mismatches: sql += " ORDER BY d.path, t.document, t.seq"
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

import PostgresNIO
import ReportModel
import Store

/// What `juesuan export` reads from PostgreSQL: the same columns, order and filters as the SQLite
/// store's export (docs/store.md), so that both give the same table.
enum PostgresExport {
    /// One exported column: its name, the SQL that reads it, and its type.
    struct Column: Sendable {
        enum Kind: Sendable {
            case text
            case integer
            /// Money: the SQL of its minor units and of its scale.
            case money(minor: String, scale: String)
        }

        var name: String
        var sql: String
        var kind: Kind

        static func text(_ name: String, _ sql: String) -> Column { Column(name: name, sql: sql, kind: .text) }
        static func integer(_ name: String, _ sql: String) -> Column { Column(name: name, sql: sql, kind: .integer) }
        static func money(_ name: String, minor: String, scale: String) -> Column {
            Column(name: name, sql: minor, kind: .money(minor: minor, scale: scale))
        }

        /// The select items of this column (two for money), each cast to the type it is decoded as.
        var selectItems: [String] {
            switch kind {
            case .text: ["(\(sql))::text"]
            case .integer: ["(\(sql))::bigint"]
            case .money(let minor, let scale): ["(\(minor))::bigint", "(\(scale))::bigint"]
            }
        }
    }

    static func columns(_ kind: ExportKind) -> [Column] {
        switch kind {
        case .documents:
            [
                .text("sha256", "d.sha256"), .text("path", "d.path"), .integer("size", "d.size"),
                .integer("pages", "d.pages"), .text("producer", "d.producer"), .text("department", "d.department"),
                .integer("year", "d.year"), .text("status", "d.status"), .text("reason", "d.reason"),
                .integer("facts", "(SELECT COUNT(*) FROM facts x WHERE x.document = d.sha256)"),
                .integer("findings", "(SELECT COUNT(*) FROM findings x WHERE x.document = d.sha256)"),
                .integer(
                    "errors", "(SELECT COUNT(*) FROM findings x WHERE x.document = d.sha256 AND x.severity = 'error')"),
                .integer(
                    "mismatches",
                    "(SELECT COUNT(*) FROM mismatches x WHERE x.document = d.sha256 AND x.kind <> 'rounding_balance')"),
                // The SQLite store writes ISO 8601 in UTC (Date.ISO8601Format()); so does this.
                .text("stored_at", "to_char(d.stored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"),
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
                .text("severity", "t.severity"), .text("entity", "t.entity"), .text("table", "t.table_title"),
                .text("row", "t.row_key"), .text("col", "t.col_path"), .integer("page", "t.page"),
                .text("printed", "t.printed"), .text("expected", "t.expected"), .text("message", "t.message"),
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

    /// The SELECT of an export with its bound filter values, or an error naming a bad filter.
    ///
    /// A filter is an equality; an empty value matches NULL (and, for text, the empty string);
    /// a money filter matches the amount as printed (`12.50` matches minor units 1250 at scale 2).
    static func query(_ kind: ExportKind, filters: [ExportFilter]) throws(PostgresStoreError) -> (
        PostgresQuery, [Column]
    ) {
        let columns = columns(kind)
        var conditions: [String] = []
        var bindings = PostgresBindings()
        func next(_ value: SQLValue) -> String {
            bindings.append(value)
            return "$\(bindings.count)"
        }
        for filter in filters {
            guard let column = columns.first(where: { $0.name == filter.column }) else {
                throw .unknownColumn(filter.column, available: columns.map(\.name))
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
                    throw .badFilterValue(column: filter.column, value: filter.value)
                }
                conditions.append("\(column.sql) = \(next(.integer(number)))")
            case .money(let minor, let scale):
                guard let amount = Amount.parse(filter.value) else {
                    throw .badFilterValue(column: filter.column, value: filter.value)
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
        // Byte order, as SQLite's BINARY collation, whatever the database's locale.
        switch kind {
        case .documents: sql += " ORDER BY d.path COLLATE \"C\", d.sha256 COLLATE \"C\""
        case .facts, .findings, .mismatches: sql += " ORDER BY d.path COLLATE \"C\", t.document COLLATE \"C\", t.seq"
        }
        return (PostgresQuery(unsafeSQL: sql, binds: bindings), columns)
    }

    /// The exported values of one row, in column order (money reads two cells).
    static func values(of row: PostgresRow, columns: [Column]) throws -> [ExportValue] {
        let cells = Array(row)
        var values: [ExportValue] = []
        values.reserveCapacity(columns.count)
        var index = 0
        for column in columns {
            switch column.kind {
            case .text:
                values.append(try cells[index].decode(String?.self).map(ExportValue.text) ?? .null)
                index += 1
            case .integer:
                values.append(try cells[index].decode(Int64?.self).map(ExportValue.integer) ?? .null)
                index += 1
            case .money:
                if let minor = try cells[index].decode(Int64?.self),
                    let scale = try cells[index + 1].decode(Int64?.self)
                {
                    values.append(.money(Amount(minorUnits: minor, decimals: Int(scale))))
                } else {
                    values.append(.null)
                }
                index += 2
            }
        }
        return values
    }
}

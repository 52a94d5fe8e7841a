import FoundationEssentials
import PostgresNIO
import Store

/// `INSERT INTO table (columns) SELECT … FROM unnest(arrays) … suffix`: all the rows of a table in
/// one statement with one array parameter per column (two for a nullable one), however many rows
/// there are (a report has thousands of facts; the protocol allows 65535 parameters).
struct ColumnarInsert: Sendable {
    var table: TableDescription
    /// What follows the insert (an upsert's `ON CONFLICT …`).
    var suffix: String = ""

    /// The statement that inserts `rows`, or `nil` when there are none.
    func query(_ rows: [StoredRow]) -> PostgresQuery? {
        guard !rows.isEmpty else { return nil }
        let columns = table.insertedColumns(.postgres)
        var bindings = PostgresBindings(capacity: columns.count * 2)
        var arrays: [String] = []
        var aliases: [String] = []
        var selected: [String] = []
        for column in columns {
            let values = rows.map { $0[column.name] }
            // Arrays hold no NULLs here: a nullable column's array holds a placeholder where the
            // value is NULL, and a second array says where it is present.
            switch column.type {
            case .text, .timestamp:
                bindings.append(values.map { if case .text(let text) = $0 { text } else { "" } })
            case .integer, .bigint, .bigserial:
                bindings.append(values.map { if case .integer(let number) = $0 { number } else { Int64(0) } })
            case .real:
                bindings.append(values.map { if case .real(let number) = $0 { number } else { Double(0) } })
            }
            arrays.append("$\(bindings.count)::\(Self.arrayType(column.type))")
            aliases.append(column.name)
            if column.isNullable {
                bindings.append(values.map { $0 != .null })
                arrays.append("$\(bindings.count)::boolean[]")
                aliases.append("has_" + column.name)
                selected.append("CASE WHEN r.has_\(column.name) THEN r.\(column.name) END")
            } else {
                selected.append("r.\(column.name)")
            }
        }
        let sql =
            "INSERT INTO \(table.name) (\(columns.map(\.name).joined(separator: ", "))) "
            + "SELECT \(selected.joined(separator: ", ")) "
            + "FROM unnest(\(arrays.joined(separator: ", "))) AS r (\(aliases.joined(separator: ", ")))"
            + (suffix.isEmpty ? "" : " " + suffix)
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    private static func arrayType(_ type: StoreColumnType) -> String {
        switch type {
        case .text: "text[]"
        case .timestamp: "timestamptz[]"
        case .integer, .bigint, .bigserial: "bigint[]"
        case .real: "float8[]"
        }
    }
}

extension DocumentRows {
    /// Replaces whatever was stored for the document, inside the caller's transaction.
    func insert(on connection: PostgresConnection, logger: Logger) async throws {
        // Deleting the document deletes its facts, findings and mismatches (ON DELETE CASCADE).
        try await connection.query("DELETE FROM documents WHERE sha256 = \(sha256)", logger: logger)
        for (table, rows) in tables {
            if let query = ColumnarInsert(table: table).query(rows) {
                try await connection.query(query, logger: logger)
            }
        }
    }
}

extension StoredRow {
    /// A row PostgreSQL returned, as a row of `table` (by column name; other columns are left out).
    init(_ row: PostgresRow, table: TableDescription) throws {
        self.init(table.name)
        for cell in row {
            guard let column = table.columns.first(where: { $0.name == cell.columnName }) else { continue }
            switch column.type {
            case .text: self[column.name] = try cell.decode(String?.self).map(StoredValue.text) ?? .null
            case .integer, .bigint, .bigserial:
                self[column.name] = try cell.decode(Int64?.self).map(StoredValue.integer) ?? .null
            case .real: self[column.name] = try cell.decode(Double?.self).map(StoredValue.real) ?? .null
            case .timestamp:
                self[column.name] = try cell.decode(Date?.self).map { .text($0.ISO8601Format()) } ?? .null
            }
        }
    }
}

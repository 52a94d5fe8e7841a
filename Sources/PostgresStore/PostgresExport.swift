import PostgresNIO
import ReportModel
import Store

/// What `juesuan export` reads from PostgreSQL: the SQLite store's columns, filters and order
/// (`ExportQuery` in the PostgreSQL dialect), so that both give the same table.
enum PostgresExport {
    /// The SELECT of an export with its bound filter values, or an error naming a bad filter.
    static func query(_ kind: ExportKind, filters: [ExportFilter]) throws(PostgresStoreError) -> PostgresQuery {
        let sql: String
        let parameters: [ExportQuery.Parameter]
        do {
            (sql, parameters) = try ExportQuery.sql(kind, filters: filters, dialect: .postgres)
        } catch {
            switch error {
            case .unknownColumn(let column, _, let available): throw .unknownColumn(column, available: available)
            case .badValue(let column, let value, _): throw .badFilterValue(column: column, value: value)
            }
        }
        var bindings = PostgresBindings()
        for parameter in parameters {
            switch parameter {
            case .text(let text): bindings.append(SQLValue.text(text))
            case .integer(let number): bindings.append(SQLValue.integer(number))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    /// The exported values of one row, in column order (money reads two cells).
    static func values(of row: PostgresRow, kind: ExportKind) throws -> [ExportValue] {
        var selected: [ExportValue] = []
        for (cell, type) in zip(row, ExportQuery.selectedTypes(kind)) {
            switch type {
            case .text: selected.append(try cell.decode(String?.self).map(ExportValue.text) ?? .null)
            case .integer: selected.append(try cell.decode(Int64?.self).map(ExportValue.integer) ?? .null)
            }
        }
        return ExportQuery.row(kind, values: selected)
    }
}

import PostgresNIO
import ReportModel
import Store

/// What `juesuan export` reads from PostgreSQL: the SQLite store's columns, filters and order
/// (`ExportQuery` in the PostgreSQL dialect), so that both give the same table.
enum PostgresExport {
    /// The SELECT of an export with its bound filter values, or an error naming a bad filter.
    static func query(_ kind: ExportKind, filters: [ExportFilter]) throws(StoreError) -> PostgresQuery {
        let sql: String
        let parameters: [ExportQuery.Parameter]
        do {
            (sql, parameters) = try ExportQuery.sql(kind, filters: filters, dialect: .postgres)
        } catch {
            throw .filter(error)
        }
        var bindings = PostgresBindings()
        for parameter in parameters {
            switch parameter {
            case .text(let text): bindings.append(text)
            case .integer(let number): bindings.append(number)
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

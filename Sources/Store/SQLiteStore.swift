import Basics
import Checks
import FoundationEssentials
import GRDB
import Reconciler
import ReportModel

/// The archive store in one SQLite file (GRDB, WAL mode): one transaction per document, so that
/// a killed batch loses at most the documents in flight and a rerun adds no duplicates.
public final class SQLiteStore: ArchiveStore, Sendable {
    /// The database file.
    public let path: String
    private let pool: DatabasePool

    /// Opens (or creates) the store at `path`; call ``prepare()`` before writing.
    public init(path: String) throws(StoreError) {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A killed process never loses a committed transaction in WAL mode with synchronous=NORMAL;
        // only a power cut can drop the last ones.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        configuration.busyMode = .timeout(30)
        // Each connection keeps its own page cache (2 MB by default); a batch's reads are small
        // (one key lookup per document), so two readers are plenty.
        configuration.maximumReaderCount = 2
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, reason: Self.describe(error))
        }
    }

    public func prepare() async throws {
        try await guarded { try SQLiteSchema.migrator().migrate(self.pool) }
    }

    public func contains(sha256: String) async throws -> Bool {
        try await guarded {
            try await self.pool.read { db in
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = ?)", arguments: [sha256])
                    ?? false
            }
        }
    }

    public func save(_ result: DocumentResult) async throws {
        let rows = try DocumentRows(result, storedAt: Date.now.ISO8601Format())
        try await guarded {
            try await self.pool.write { db in try Self.insert(rows, into: db) }
        }
    }

    @discardableResult
    public func importRecords(_ records: [FiledRecord]) async throws -> Int {
        let table = RecordsTable.description
        let rows = records.map(RecordsTable.encode)
        try await guarded {
            try await self.pool.write { db in
                try Self.insertAll(rows, of: table, into: db, suffix: " " + table.upsertClause)
            }
        }
        return records.count
    }

    public func records(department: String?, year: Int?) async throws -> [FiledRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let department {
            conditions.append("\(RecordsTable.department.name) = ?")
            arguments += [department]
        }
        if let year {
            conditions.append("\(RecordsTable.year.name) = ?")
            arguments += [year]
        }
        let table = RecordsTable.description
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql =
            "SELECT \(table.columnNames.joined(separator: ", ")) "
            + "FROM records\(filter) ORDER BY source, line, department, year, table_title, row_key, col_path"
        let finalArguments = arguments
        let rows = try await guarded {
            try await self.pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: finalArguments).map { StoredRow($0, table: table.name) }
            }
        }
        return try rows.map { row throws(StoreError) in try RecordsTable.decode(row) }
    }

    public func export(_ kind: ExportKind, filters: [ExportFilter]) async throws -> ExportTable {
        let sql: String
        let parameters: [ExportQuery.Parameter]
        do {
            (sql, parameters) = try ExportQuery.sql(kind, filters: filters)
        } catch {
            throw StoreError.filter(error)
        }
        let arguments = StatementArguments(
            parameters.map { parameter -> (any DatabaseValueConvertible)? in
                switch parameter {
                case .text(let text): text
                case .integer(let number): number
                }
            })
        let rows = try await guarded {
            try await self.pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    row.databaseValues.map { value -> ExportValue in
                        switch value.storage {
                        case .null: .null
                        case .int64(let number): .integer(number)
                        case .string(let text): .text(text)
                        case .double(let number): .text(String(number))
                        case .blob(let data): .text(String(decoding: data, as: UTF8.self))
                        }
                    }
                }
            }
        }
        return ExportTable(
            columns: ExportQuery.columnNames(kind), rows: rows.map { ExportQuery.row(kind, values: $0) })
    }

    // MARK: Rows

    /// Replaces whatever was stored for the document, inside the caller's transaction.
    static func insert(_ rows: DocumentRows, into db: Database) throws {
        for table in [MismatchesTable.description, FindingsTable.description, FactsTable.description] {
            try db.execute(
                sql: "DELETE FROM \(table.name) WHERE \(DocumentRowColumns.document.name) = ?",
                arguments: [rows.sha256])
        }
        try db.execute(
            sql: "DELETE FROM documents WHERE \(DocumentsTable.sha256.name) = ?", arguments: [rows.sha256])
        for (table, tableRows) in rows.tables {
            try insertAll(tableRows, of: table, into: db)
        }
    }

    /// Inserts `rows` of `table` with one prepared statement (followed by `suffix`, an upsert).
    static func insertAll(_ rows: [StoredRow], of table: TableDescription, into db: Database, suffix: String = "")
        throws
    {
        guard !rows.isEmpty else { return }
        let statement = try db.cachedStatement(sql: table.sqliteInsert() + suffix)
        for row in rows { try statement.execute(arguments: row.arguments(table)) }
    }

    // MARK: Plumbing

    /// Runs a database operation, turning GRDB's errors into a ``StoreError`` that names the file.
    private func guarded<T>(_ body: () async throws -> T) async throws(StoreError) -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw .sqlite(path: path, reason: Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}

extension StoredValue {
    /// The value as GRDB binds it.
    public var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .text(let text): text.databaseValue
        case .integer(let number): number.databaseValue
        case .real(let number): number.databaseValue
        }
    }

    /// A value GRDB read (a blob, which the store never writes, as UTF-8 text).
    public init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .text(String(decoding: data, as: UTF8.self))
        }
    }
}

extension StoredRow {
    /// A row GRDB read, as a row of `table` (by column name).
    public init(_ row: Row, table: String) {
        self.init(table)
        for (name, value) in row { self[name] = StoredValue(value) }
    }
}

extension TableDescription {
    /// `INSERT INTO table (columns) VALUES (?, …)` with every column; `verb` may say `INSERT OR REPLACE`.
    public func sqliteInsert(_ verb: String = "INSERT") -> String {
        let columns = insertedColumns(.sqlite)
        return "\(verb) INTO \(name) (\(columns.map(\.name).joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    }
}

extension StoredRow {
    /// The row's values for ``TableDescription/sqliteInsert(_:)`` of `table`.
    public func arguments(_ table: TableDescription) -> StatementArguments {
        StatementArguments(
            values(table.insertedColumns(.sqlite)).map { $0.databaseValue as (any DatabaseValueConvertible)? })
    }
}

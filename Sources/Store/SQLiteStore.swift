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
            throw StoreError("\(path): cannot open the SQLite store (\(Self.describe(error)))")
        }
    }

    public func prepare() async throws {
        try await guarded { try Schema.migrator.migrate(self.pool) }
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
        let rows = try StoredRows(result, storedAt: Date.now.ISO8601Format())
        try await guarded {
            try await self.pool.write { db in try rows.insert(into: db) }
        }
    }

    @discardableResult
    public func importRecords(_ records: [FiledRecord]) async throws -> Int {
        try await guarded {
            try await self.pool.write { db in
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT INTO records (department, year, table_title, row_key, col_path, unit, value_minor, \
                        value_scale, source, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
                        ON CONFLICT (department, year, table_title, row_key, col_path) DO UPDATE SET \
                        unit = excluded.unit, value_minor = excluded.value_minor, value_scale = excluded.value_scale, \
                        source = excluded.source, line = excluded.line
                        """)
                for record in records {
                    try statement.execute(arguments: [
                        record.department, record.year, record.table, record.row, record.col,
                        record.unit.rawValue,
                        record.value.minorUnits, record.value.decimals, record.source, record.line,
                    ])
                }
                return records.count
            }
        }
    }

    public func records(department: String?, year: Int?) async throws -> [FiledRecord] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let department {
            conditions.append("department = ?")
            arguments += [department]
        }
        if let year {
            conditions.append("year = ?")
            arguments += [year]
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let sql =
            "SELECT department, year, table_title, row_key, col_path, unit, value_minor, value_scale, source, line "
            + "FROM records\(filter) ORDER BY source, line, department, year, table_title, row_key, col_path"
        let finalArguments = arguments
        return try await guarded {
            try await self.pool.read { db in
                try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(Self.record)
            }
        }
    }

    private static func record(_ row: Row) throws -> FiledRecord {
        let unitText: String = row[5]
        guard let unit = MoneyUnit(rawValue: unitText) else {
            throw StoreError("records: unit \(unitText) is neither 元 nor 万元")
        }
        let minor: Int64 = row[6]
        let scale: Int = row[7]
        let department: String = row[0]
        let year: Int = row[1]
        let table: String = row[2]
        let key: String = row[3]
        let col: String = row[4]
        let source: String = row[8]
        let line: Int = row[9]
        return FiledRecord(
            department: department, year: year, table: table, row: key, col: col, unit: unit,
            value: Amount(minorUnits: minor, decimals: scale), source: source, line: line)
    }

    public func export(_ kind: ExportKind, filters: [ExportFilter]) async throws -> ExportTable {
        let sql: String
        let parameters: [ExportQuery.Parameter]
        do {
            (sql, parameters) = try ExportQuery.sql(kind, filters: filters)
        } catch {
            switch error {
            case .unknownColumn(let column, let kind, let available):
                throw StoreError(
                    "--where \(column)=…: no column \(column) in \(kind.rawValue); columns: \(available.joined(separator: ", "))"
                )
            case .badValue(let column, let value, let expected):
                throw StoreError("--where \(column)=\(value): \(column) is \(expected)")
            }
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

    /// Runs a database operation, turning GRDB's errors into a ``StoreError`` that names the file.
    private func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path): \(Self.describe(error))")
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? error.description }
        return String(describing: error)
    }
}

/// A document's result as the rows it is stored as; built before the transaction so that a value
/// that cannot be stored exactly fails before anything is written.
struct StoredRows: Sendable {
    typealias Values = [(any DatabaseValueConvertible & Sendable)?]
    var sha256: String
    var document: Values
    var facts: [Values]
    var findings: [Values]
    var mismatches: [Values]

    init(_ result: DocumentResult, storedAt: String) throws(StoreError) {
        let identity = result.identity
        sha256 = identity.sha256
        let status: String
        let reason: String?
        switch result.status {
        case .processed:
            status = "processed"
            reason = nil
        case .failed(let why):
            status = "failed"
            reason = why
        }
        document = [
            identity.sha256, identity.path, identity.size, identity.pages, identity.producer,
            identity.department,
            identity.year, status, reason, storedAt,
        ]
        facts = try result.facts.enumerated().map { (index, fact) throws(StoreError) in
            guard let amount = Amount.parse(fact.value) else {
                throw StoreError("\(identity.path): fact value \(fact.value) is not an amount")
            }
            return [
                identity.sha256, index + 1, fact.entity, fact.table, fact.row, fact.col, fact.name,
                amount.minorUnits,
                amount.decimals, fact.unit, fact.page,
            ] + Self.box(fact.box)
        }
        findings = result.findings.enumerated().map { (index, finding) in
            [
                identity.sha256, index + 1, finding.rule, finding.severity.rawValue, finding.entity,
                finding.table,
                finding.row, finding.col, finding.page, finding.printed, finding.expected, finding.message,
                finding.sentence,
            ] + Self.box(finding.box)
        }
        mismatches = try result.mismatches.enumerated().map { (index, mismatch) throws(StoreError) in
            let published = try Self.amount(mismatch.published, path: identity.path)
            let recorded = try Self.amount(mismatch.recorded, path: identity.path)
            return [
                identity.sha256, index + 1, mismatch.kind.rawValue, mismatch.entity, mismatch.table,
                mismatch.row,
                mismatch.col, mismatch.name, published?.minorUnits, published?.decimals,
                mismatch.publishedUnit,
                recorded?.minorUnits, recorded?.decimals, mismatch.recordedUnit, mismatch.page,
            ] + Self.box(mismatch.box) + [mismatch.recordSource, mismatch.recordLine, mismatch.message]
        }
    }

    private static func arguments(_ values: Values) -> StatementArguments {
        StatementArguments(values.map { $0 as (any DatabaseValueConvertible)? })
    }

    private static func box(_ rect: Rect?) -> Values {
        guard let rect else { return [nil, nil, nil, nil] }
        return rect.printedCoordinates
    }

    private static func amount(_ text: String?, path: String) throws(StoreError) -> Amount? {
        guard let text else { return nil }
        guard let amount = Amount.parse(text) else {
            throw StoreError("\(path): mismatch value \(text) is not an amount")
        }
        return amount
    }

    /// Replaces whatever was stored for the document, inside the caller's transaction.
    func insert(into db: Database) throws {
        for table in ["mismatches", "findings", "facts", "documents"] {
            let key = table == "documents" ? "sha256" : "document"
            try db.execute(sql: "DELETE FROM \(table) WHERE \(key) = ?", arguments: [sha256])
        }
        try db.execute(
            sql: """
                INSERT INTO documents (sha256, path, size, pages, producer, department, year, status, reason, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: Self.arguments(document))
        try insertAll(
            facts, into: db,
            sql: """
                INSERT INTO facts (document, seq, entity, table_title, row_key, col_path, name, value_minor, \
                value_scale, unit, page, box_x0, box_y0, box_x1, box_y1) \
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try insertAll(
            findings, into: db,
            sql: """
                INSERT INTO findings (document, seq, rule, severity, entity, table_title, row_key, col_path, page, \
                printed, expected, message, sentence, box_x0, box_y0, box_x1, box_y1) \
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        try insertAll(
            mismatches, into: db,
            sql: """
                INSERT INTO mismatches (document, seq, kind, entity, table_title, row_key, col_path, name, \
                published_minor, published_scale, published_unit, recorded_minor, recorded_scale, recorded_unit, \
                page, box_x0, box_y0, box_x1, box_y1, record_source, record_line, message) \
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    private func insertAll(_ rows: [Values], into db: Database, sql: String) throws {
        guard !rows.isEmpty else { return }
        let statement = try db.cachedStatement(sql: sql)
        for row in rows { try statement.execute(arguments: Self.arguments(row)) }
    }
}

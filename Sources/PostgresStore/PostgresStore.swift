import PostgresNIO
import Reconciler
import ReportModel
import Store

/// The archive store on a PostgreSQL server: the SQLite store's tables and queries (docs/store.md),
/// shared by several machines, with a work queue (``PostgresWorkQueue``) on the same database.
///
/// The store owns a postgres-nio `PostgresClient` (a connection pool) and runs it in a background
/// task from ``init(configuration:)`` on; call ``shutdown()`` when done, or use
/// ``withStore(url:environment:_:)``, which does both:
///
/// ```swift
/// try await PostgresStore.withStore(url: "postgres://juesuan@db.example/archive") { store in
///     try await store.prepare()
///     try await store.save(result)
/// }
/// ```
///
/// Every method throws ``StoreError``.
public final class PostgresStore: ArchiveStore, Sendable {
    /// Where the tables are.
    public let configuration: PostgresStoreConfiguration
    let client: PostgresClient
    let logger: Logger
    private let running: Task<Void, Never>

    /// A store on the server that `configuration` names; no connection is made until the first call.
    public init(configuration: PostgresStoreConfiguration) {
        self.configuration = configuration
        let client = PostgresClient(configuration: configuration.client)
        self.client = client
        self.logger = Logger(label: "juesuan.postgres")
        self.running = Task { await client.run() }
    }

    /// A store on the server a `postgres://` URL names (see ``PostgresStoreConfiguration``).
    public convenience init(url: String, environment: [String: String] = [:]) throws(StoreError) {
        self.init(configuration: try PostgresStoreConfiguration(url: url, environment: environment))
    }

    deinit { running.cancel() }

    /// Closes the connections; the store cannot be used afterwards.
    public func shutdown() async {
        running.cancel()
        await running.value
    }

    /// Runs `body` with a store on the server `url` names, and shuts the store down afterwards,
    /// whether `body` returns or throws.
    public static func withStore<Result: Sendable>(
        url: String, environment: [String: String] = [:], _ body: (PostgresStore) async throws -> Result
    ) async throws -> Result {
        let store = try PostgresStore(url: url, environment: environment)
        do {
            let result = try await body(store)
            await store.shutdown()
            return result
        } catch {
            await store.shutdown()
            throw error
        }
    }

    // MARK: ArchiveStore

    /// Creates the schema (and the PostgreSQL schema named in the URL) or migrates it to the current
    /// version, in one transaction; several processes may call it at once.
    public func prepare() async throws(StoreError) {
        try await checkConnection()
        try await guarded {
            try await self.transaction { connection in
                // One process at a time migrates a given schema; the others wait, then find it done.
                let lockName = "juesuan schema " + (self.configuration.schema ?? "public")
                try await connection.query("SELECT pg_advisory_xact_lock(hashtext(\(lockName)))", logger: self.logger)
                if let schema = self.configuration.schema {
                    // The name is a checked plain identifier (PostgresStoreConfiguration).
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\""), logger: self.logger)
                }
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)", logger: self.logger)
                var found = 0
                for try await version in try await connection.query(
                    "SELECT version FROM schema_version", logger: self.logger
                ).decode(Int.self) {
                    found = max(found, version)
                }
                guard found <= PostgresSchema.currentVersion else {
                    throw StoreError.schemaTooNew(found: found, supported: PostgresSchema.currentVersion)
                }
                for version in (found + 1)..<(PostgresSchema.currentVersion + 1) {
                    for statement in PostgresSchema.migrations[version - 1] {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    }
                }
                if found < PostgresSchema.currentVersion {
                    try await connection.query("DELETE FROM schema_version", logger: self.logger)
                    try await connection.query(
                        "INSERT INTO schema_version (version) VALUES (\(PostgresSchema.currentVersion))",
                        logger: self.logger)
                }
            }
        }
    }

    /// The schema version the database holds (0 before ``prepare()``).
    public func schemaVersion() async throws(StoreError) -> Int {
        try await guarded {
            let exists = try await self.client.query(
                "SELECT to_regclass('schema_version') IS NOT NULL", logger: self.logger
            ).decode(Bool.self).collectFirst()
            guard exists == true else { return 0 }
            return try await self.client.query("SELECT max(version) FROM schema_version", logger: self.logger)
                .decode(Int?.self).collectFirst().flatMap { $0 } ?? 0
        }
    }

    public func contains(sha256: String) async throws(StoreError) -> Bool {
        try await guarded {
            try await self.client.query(
                "SELECT EXISTS (SELECT 1 FROM documents WHERE sha256 = \(sha256))", logger: self.logger
            ).decode(Bool.self).collectFirst() ?? false
        }
    }

    public func save(_ result: DocumentResult) async throws(StoreError) {
        let rows = try DocumentRows(result, storedAt: nil)
        try await guarded {
            try await self.transaction { connection in try await rows.insert(on: connection, logger: self.logger) }
        }
    }

    @discardableResult
    public func importRecords(_ records: [Record]) async throws(StoreError) -> Int {
        // One statement cannot update a row twice: the last record of a key wins, as in a loop.
        var lastIndex: [RecordKey: Int] = [:]
        for (index, record) in records.enumerated() { lastIndex[RecordKey(record)] = index }
        let unique = records.enumerated().filter { lastIndex[RecordKey($0.element)] == $0.offset }.map(\.element)
        let table = RecordsTable.description
        let insert = ColumnarInsert(table: table, suffix: table.upsertClause).query(unique.map(RecordsTable.encode))
        try await guarded {
            try await self.transaction { connection in
                if let insert { try await connection.query(insert, logger: self.logger) }
            }
        }
        return records.count
    }

    public func records(department: String?, year: Int?) async throws(StoreError) -> [Record] {
        let table = RecordsTable.description
        var bindings = PostgresBindings()
        bindings.append(department)
        bindings.append(year.map(Int64.init))
        let query = PostgresQuery(
            unsafeSQL: """
                SELECT \(table.columnNames.joined(separator: ", ")) FROM records
                WHERE ($1::text IS NULL OR department = $1::text) AND ($2::bigint IS NULL OR year = $2::bigint)
                ORDER BY source COLLATE "C", line, department COLLATE "C", year, table_title COLLATE "C",
                    row_key COLLATE "C", col_path COLLATE "C"
                """, binds: bindings)
        let rows = try await guarded {
            var rows: [StoredRow] = []
            for try await row in try await self.client.query(query, logger: self.logger) {
                rows.append(try StoredRow(row, table: table))
            }
            return rows
        }
        return try rows.map { row throws(StoreError) in try RecordsTable.decode(row) }
    }

    public func export(_ kind: ExportKind, filters: [ExportFilter]) async throws(StoreError) -> ExportTable {
        let query = try PostgresExport.query(kind, filters: filters)
        return try await guarded {
            var table = ExportTable(columns: ExportQuery.columnNames(kind), rows: [])
            for try await row in try await self.client.query(query, logger: self.logger) {
                table.rows.append(try PostgresExport.values(of: row, kind: kind))
            }
            return table
        }
    }

    /// Opens and closes one connection to the server, so that an unreachable server, a wrong
    /// password or a missing database is an error at once (``prepare()`` calls it first): the
    /// pool would keep retrying such a server instead of failing.
    public func checkConnection() async throws(StoreError) {
        guard let probe = configuration.probe else { return }
        let logger = self.logger
        try await guarded {
            let connection = try await PostgresConnection.connect(configuration: probe, id: 0, logger: logger)
            try await connection.close()
        }
    }

    // MARK: Plumbing

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back
    /// when it throws.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            try await connection.query("BEGIN", logger: self.logger)
            do {
                let result = try await body(connection)
                try await connection.query("COMMIT", logger: self.logger)
                return result
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: self.logger)
                throw error
            }
        }
    }

    /// Runs `body`, turning any error into a ``StoreError``.
    func guarded<Result: Sendable>(_ body: () async throws -> Result) async throws(StoreError) -> Result {
        do {
            return try await body()
        } catch {
            throw StoreError.wrapping(error, server: configuration.serverDescription)
        }
    }
}

extension AsyncSequence {
    /// The first element, if any; the rest of the sequence is drained so the connection is freed.
    func collectFirst() async throws -> Element? {
        var first: Element?
        for try await element in self where first == nil { first = element }
        return first
    }
}

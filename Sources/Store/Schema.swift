import GRDB

/// The store's tables, version by version, for both databases (docs/store.md): described once in
/// ``TableDescription``s, from which each database's `CREATE` statements are generated.
///
/// Every document is keyed by the SHA-256 of its bytes; its facts, findings and mismatches hang
/// off it. Money is two integers: the value scaled by 10^scale, and the scale (decimals printed).
public enum StoreSchema {
    /// Version 1: documents, facts, findings, mismatches and records, in creation order.
    public static let version1: [TableDescription] = [
        DocumentsTable.description, FactsTable.description, FindingsTable.description,
        MismatchesTable.description, RecordsTable.description,
    ]
}

/// One GRDB migration of an SQLite database: its identifier and the tables it creates.
public struct SQLiteMigration: Sendable {
    /// The identifier GRDB records in `grdb_migrations`; never changed once shipped.
    public var identifier: String
    public var tables: [TableDescription]

    /// A migration from its parts.
    public init(_ identifier: String, tables: [TableDescription]) {
        self.identifier = identifier
        self.tables = tables
    }

    /// The statements it runs, in order.
    public var statements: [String] { tables.flatMap { $0.createStatements(.sqlite) } }
}

/// The SQLite database behind `--db`: the store's migrations, and those that other stages keep in
/// the same file contribute (the scrape's `scrape-*`), registered in one GRDB `DatabaseMigrator`.
public enum SQLiteSchema {
    /// The store's own migrations.
    public static let storeMigrations: [SQLiteMigration] = [SQLiteMigration("v1", tables: StoreSchema.version1)]

    /// The migrator that brings the database up to date: the store's migrations and then
    /// `contributed` ones; running it again does nothing.
    ///
    /// Every stage that opens the file runs this one migrator (with the contributions it knows of),
    /// so a migration is applied once whoever opens the file first.
    public static func migrator(adding contributed: [SQLiteMigration] = []) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in storeMigrations + contributed {
            let statements = migration.statements
            migrator.registerMigration(migration.identifier) { db in
                for statement in statements { try db.execute(sql: statement) }
            }
        }
        return migrator
    }
}

extension SQLiteSchema {
    /// The schema as SQLite keeps it in the file at `path`: each object's type, name and table, and
    /// the text of its statement, in creation order (what the schema goldens hold).
    public static func dump(path: String) throws -> String {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").map {
                row in
                let sql: String? = row["sql"]
                return "-- \(row["type"] as String) \(row["name"] as String) ON \(row["tbl_name"] as String)\n"
                    + (sql.map { $0 + ";\n" } ?? "")
            }.joined()
        }
    }
}

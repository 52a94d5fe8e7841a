import GRDB

/// Stands for the batch store's own migrator on the shared database.
enum OtherStore {
    static func prepare(path: String) throws {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("store-1") { db in
            try db.execute(sql: "CREATE TABLE documents (sha256 TEXT PRIMARY KEY)")
        }
        try migrator.migrate(try DatabasePool(path: path))
    }

    static func tableCount(path: String) throws -> Int {
        try DatabasePool(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'documents'") ?? 0
        }
    }
}

import Foundation
import GRDB
import Store
import TestSupport
import Testing

@testable import Scrape

/// A fresh database path in its own temporary folder.
private func freshDatabase() throws -> String {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("scrape-db-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
    return base.appendingPathComponent("db.sqlite").path
}

@Suite struct ProvenanceSchemaTests {
    @Test("One migrator for the --db file: the store and the scrape open it in either order, to the shipped schema")
    func oneMigrator() async throws {
        let storeFirst = try freshDatabase()
        try await SQLiteStore(path: storeFirst).prepare()
        _ = try ProvenanceStore(path: storeFirst)
        let scrapeFirst = try freshDatabase()
        let store = try ProvenanceStore(path: scrapeFirst)
        try await store.save(URLState(source: "s", url: "http://x/a.pdf", kind: "pdf", outcome: "new"))
        try await SQLiteStore(path: scrapeFirst).prepare()
        let reopened = try ProvenanceStore(path: scrapeFirst)
        #expect(try await reopened.allStates().map(\.url) == ["http://x/a.pdf"])

        let actual = try SQLiteSchema.dump(path: storeFirst)
        try Golden.expect(actual, matches: "store/sqlite-schema-scrape.sql")
        #expect(try SQLiteSchema.dump(path: scrapeFirst) == actual)
    }

    @Test("A database the scrape made before the store's tables existed gets them, and keeps its rows")
    func olderScrapeDatabase() async throws {
        let path = try freshDatabase()
        var old = DatabaseMigrator()
        let statements = ProvenanceStore.migrations[0].statements
        old.registerMigration("scrape-1") { db in
            for statement in statements { try db.execute(sql: statement) }
        }
        try old.migrate(try DatabasePool(path: path))
        let store = try ProvenanceStore(path: path)
        try await store.save(URLState(source: "s", url: "http://x/b.pdf", kind: "pdf", outcome: "new", year: 2023))
        try await SQLiteStore(path: path).prepare()
        #expect(try await ProvenanceStore(path: path).allStates().map(\.year) == [2023])
        let applied = try await DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        #expect(applied == ["scrape-1", "v1"])
    }

    @Test("A URL's state encodes to its row and decodes back")
    func urlStateRoundTrip() throws {
        let full = URLState(
            source: "株洲", url: "http://x/a.pdf", kind: "pdf", finalURL: "https://x/a.pdf",
            fetchedAt: "2026-12-01T00:00:00Z", checkedAt: "2026-12-02T00:00:00Z", status: 304,
            outcome: "not-modified", error: nil, etag: "\"abc\"", lastModified: "Mon, 01 Dec 2026 00:00:00 GMT",
            size: 1_234_567, sha256: String(repeating: "f", count: 64), name: "a.pdf", department: "商务局", year: 2023)
        #expect(try ScrapeURLsTable.decode(ScrapeURLsTable.encode(full)) == full)
        let bare = URLState(source: "s", url: "u", kind: "index", outcome: "failed", error: "timeout")
        #expect(try ScrapeURLsTable.decode(ScrapeURLsTable.encode(bare)) == bare)
    }
}

import Checks
import Foundation
import GRDB
import Basics
import Reconciler
import ReportModel
import Store
import TestSupport
import Testing

/// The rows of one table, read back by name as the store's typed rows.
func storedRows(_ table: TableDescription, path: String) throws -> [StoredRow] {
    try DatabaseQueue(path: path).read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM \(table.name) ORDER BY rowid").map {
            StoredRow($0, table: table.name)
        }
    }
}

/// A result whose boxes are already at the 0.01 pt the store keeps, so that it comes back equal.
func roundResult() -> DocumentResult {
    var result = sampleResult()
    result.facts[0].box = Rect(x0: 10.5, y0: 20.25, x1: 40.13, y1: 30)
    return result
}

@Suite struct StoreSchemaTests {
    @Test("the generated SQLite schema is the one the store shipped with (sqlite_master, byte for byte)")
    func sqliteSchemaUnchanged() async throws {
        let (store, _) = try await temporaryStore()
        let actual = try SQLiteSchema.dump(path: store.path)
        try Golden.expect(actual, matches: "store/sqlite-schema.sql")
    }

    @Test("every table's statement spells its columns in each dialect")
    func dialects() {
        let sqlite = DocumentsTable.description.createStatements(.sqlite)
        let postgres = DocumentsTable.description.createStatements(.postgres)
        #expect(sqlite[0].contains("    size        INTEGER NOT NULL,\n"))
        #expect(postgres[0].contains("    size        BIGINT NOT NULL,\n"))
        #expect(sqlite[0].hasSuffix("    stored_at   TEXT NOT NULL\n)"))
        #expect(postgres[0].hasSuffix("    stored_at   TIMESTAMPTZ NOT NULL DEFAULT now()\n)"))
        #expect(DocumentsTable.description.insertedColumns(.postgres).map(\.name).contains("stored_at") == false)
        #expect(
            RecordsTable.description.upsertClause
                == "ON CONFLICT (department, year, table_title, row_key, col_path) DO UPDATE SET unit = excluded.unit, "
                + "value_minor = excluded.value_minor, value_scale = excluded.value_scale, source = excluded.source, "
                + "line = excluded.line")
    }

    @Test("each table's rows encode and decode to the same values, in memory and through SQLite")
    func documentRowsRoundTrip() async throws {
        let result = roundResult()
        let rows = try DocumentRows(result, storedAt: "2026-12-04T18:00:00Z")
        #expect(try rows.decode() == result)
        var failed = result
        failed.status = .failed(reason: "timeout")
        #expect(try DocumentRows(failed, storedAt: nil).decode() == failed)

        let (store, _) = try await temporaryStore()
        try await store.save(result)
        let read = DocumentRows(
            document: try storedRows(DocumentsTable.description, path: store.path)[0],
            facts: try storedRows(FactsTable.description, path: store.path),
            findings: try storedRows(FindingsTable.description, path: store.path),
            mismatches: try storedRows(MismatchesTable.description, path: store.path))
        // The store stamps stored_at itself; every other value comes back as written.
        #expect(read.facts == rows.facts && read.findings == rows.findings && read.mismatches == rows.mismatches)
        #expect(try read.decode() == result)
    }

    @Test("records encode and decode, and a damaged row is an error, not a crash")
    func recordsRoundTrip() throws {
        let record = Record(
            department: "甲局", year: 2023, table: "收入决算表", row: "合计", col: "本年收入合计", unit: .tenThousandYuan,
            value: Amount(minorUnits: -3_372_720_012, decimals: 2), source: "r.csv", line: 2)
        #expect(try RecordsTable.decode(RecordsTable.encode(record)) == record)
        var damaged = RecordsTable.encode(record)
        damaged.set(RecordsTable.unit, "千元")
        #expect(throws: StoreError.corrupt("records: unit 千元 is neither 元 nor 万元")) {
            try RecordsTable.decode(damaged)
        }
        damaged[RecordsTable.year.name] = .text("2023")
        #expect(throws: StoreError.self) { try RecordsTable.decode(damaged) }
    }

    @Test("a value that is not an amount is refused before anything is written")
    func notAnAmount() async throws {
        var result = sampleResult()
        result.facts[0].value = "三千"
        #expect(throws: StoreError.notAnAmount("/x/a.pdf: fact value", text: "三千")) {
            try DocumentRows(result, storedAt: nil)
        }
        let (store, _) = try await temporaryStore()
        await #expect(throws: StoreError.self) { try await store.save(result) }
        #expect(try await !store.contains(sha256: result.identity.sha256))
    }

    @Test("errors keep their messages and adopt JuesuanError (exit 2)")
    func errors() {
        let error = StoreError.filter(.badValue(column: "page", value: "six", expected: "a whole number"))
        #expect(error.message == "--where page=six: page is a whole number")
        #expect(error.exitCode == 2)
        #expect(error.kind == .badFilter)
        #expect(
            StoreError.server(message: "nope", sqlState: "42P01").message == "PostgreSQL: nope (SQLSTATE 42P01)")
    }
}

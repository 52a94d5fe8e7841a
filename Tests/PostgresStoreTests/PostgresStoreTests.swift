import Checks
import FoundationEssentials
import PostgresNIO
import Reconciler
import ReportModel
import Store
import TestSupport
import Testing

@testable import PostgresStore

@Suite("PostgresStore", .tags(.postgres), .timeLimit(.minutes(2)))
struct PostgresStoreTests {
    @Test("a document's facts, findings and mismatches come back exactly, money to the last digit")
    func roundTripExactMoney() async throws {
        try await TestDatabase.withStore { store, _ in
            let values = ["1085.42", "-3.20", "0", "12.50", "123456789012345.67", "0.000"]
            #expect(try await store.contains(sha256: Fixtures.sha(1)) == false)
            try await store.save(Fixtures.result(1, values: values))
            #expect(try await store.contains(sha256: Fixtures.sha(1)))

            let facts = try await store.export(.facts, filters: [])
            #expect(
                facts.columns == ["document", "path", "entity", "table", "row", "col", "name", "value", "unit", "page"])
            #expect(facts.rows.count == values.count)
            for (row, printed) in zip(facts.rows, values) {
                let amount = try #require(Amount.parse(printed))
                #expect(row[7] == .money(amount))
                guard case .money(let stored) = row[7] else { continue }
                #expect(stored.minorUnits == amount.minorUnits && stored.decimals == amount.decimals)
                #expect(stored.description == printed)
            }
            #expect(facts.rows[0][0] == .text(Fixtures.sha(1)))
            #expect(facts.rows[0][2] == .text("株洲市商务局"))
            #expect(facts.rows[0][9] == .integer(5))
            var boxes: [[Double?]] = []
            for try await (x0, y0, x1, y1) in try await store.client.query(
                "SELECT box_x0, box_y0, box_x1, box_y1 FROM facts ORDER BY seq"
            ).decode((Double?, Double?, Double?, Double?).self) {
                boxes.append([x0, y0, x1, y1])
            }
            #expect(boxes.count == values.count)
            // Boxes are stored to 0.01 pt (Rect.printedCoordinates): 40.125 is kept as 40.13.
            #expect(boxes.first == [10.5, 20.25, 30, 40.13])
            #expect(boxes.last == [nil, nil, nil, nil])

            let documents = try await store.export(.documents, filters: [])
            #expect(
                documents.columns == [
                    "sha256", "path", "size", "pages", "producer", "department", "year", "status", "reason", "facts",
                    "findings", "errors", "mismatches", "stored_at",
                ])
            let document = try #require(documents.rows.first)
            #expect(
                Array(document[0..<13]) == [
                    .text(Fixtures.sha(1)), .text("/archive/1.pdf"), .integer(1001), .integer(20), .text("WPS"),
                    .text("株洲市商务局"), .integer(2023), .text("processed"), .null, .integer(6), .integer(2), .integer(1),
                    .integer(2),
                ])
            guard case .text(let storedAt) = document[13] else {
                Issue.record("stored_at is not text: \(document[13])")
                return
            }
            #expect(storedAt.count == 20 && storedAt.hasSuffix("Z") && storedAt.contains("T"))

            let mismatches = try await store.export(.mismatches, filters: [])
            #expect(mismatches.column("kind") == [.text("unit_scale"), .text("extra_in_records")])
            #expect(mismatches.column("published") == [.money(Amount(minorUnits: 183574, decimals: 2)), .null])
            #expect(
                mismatches.column("recorded") == [
                    .money(Amount(minorUnits: 1_835_740_000, decimals: 2)),
                    .money(Amount(minorUnits: -320, decimals: 2)),
                ])
            #expect(mismatches.column("record_line") == [.integer(7), .integer(8)])

            let findings = try await store.export(.findings, filters: [])
            #expect(findings.column("printed") == [.text("1835.74"), .text("4.3")])
            #expect(findings.column("expected") == [.text("1845.74"), .null])
            #expect(findings.column("table") == [.text("收入决算表"), .null])
            #expect(findings.column("sentence") == [.null, .text("…占4.3%…")])
        }
    }

    @Test("money is stored as two integer columns, never text or floating point")
    func moneyColumnTypes() async throws {
        try await TestDatabase.withStore { store, _ in
            var types: [String: String] = [:]
            let rows = try await store.client.query(
                """
                SELECT table_name || '.' || column_name, data_type FROM information_schema.columns
                WHERE table_schema = current_schema() AND (column_name LIKE '%_minor' OR column_name LIKE '%_scale')
                """)
            for try await (column, type) in rows.decode((String, String).self) { types[column] = type }
            #expect(
                types == [
                    "facts.value_minor": "bigint", "facts.value_scale": "integer", "records.value_minor": "bigint",
                    "records.value_scale": "integer", "mismatches.published_minor": "bigint",
                    "mismatches.published_scale": "integer", "mismatches.recorded_minor": "bigint",
                    "mismatches.recorded_scale": "integer",
                ])
        }
    }

    @Test("prepare() migrates once; running it again, even concurrently, changes nothing")
    func migrationsIdempotent() async throws {
        try await TestDatabase.withStore { store, url in
            #expect(try await store.schemaVersion() == PostgresSchema.currentVersion)
            try await store.save(Fixtures.result(1))
            try await store.prepare()
            // Two more processes starting at once (their own connection pools) on the same schema.
            let other1 = try PostgresStore(url: url)
            let other2 = try PostgresStore(url: url)
            async let first: Void = other1.prepare()
            async let second: Void = other2.prepare()
            _ = try await (first, second)
            await other1.shutdown()
            await other2.shutdown()
            #expect(try await store.schemaVersion() == PostgresSchema.currentVersion)
            #expect(try await TestDatabase.count("schema_version", in: store) == 1)
            #expect(try await store.export(.facts, filters: []).rows.count == 3)
        }
    }

    @Test("a database from a newer juesuan is refused, not changed")
    func schemaTooNew() async throws {
        try await TestDatabase.withStore { store, _ in
            try await store.client.query("UPDATE schema_version SET version = 99")
            await #expect(throws: StoreError.schemaTooNew(found: 99, supported: PostgresSchema.currentVersion)) {
                try await store.prepare()
            }
        }
    }

    @Test("saving a document again replaces all its rows")
    func saveReplaces() async throws {
        try await TestDatabase.withStore { store, _ in
            try await store.save(Fixtures.result(1, values: ["1.00", "2.00", "3.00"]))
            try await store.save(Fixtures.result(2, values: ["9.99"]))
            var replacement = Fixtures.result(
                1, path: "/moved/1.pdf", values: ["4.5"], status: .failed(reason: "damaged"))
            replacement.findings = []
            replacement.mismatches.removeLast()
            try await store.save(replacement)

            let facts = try await store.export(
                .facts, filters: [ExportFilter(column: "document", value: Fixtures.sha(1))])
            #expect(facts.column("value") == [.money(Amount(minorUnits: 45, decimals: 1))])
            #expect(facts.column("path") == [.text("/moved/1.pdf")])
            let documents = try await store.export(.documents, filters: [])
            #expect(documents.column("sha256") == [.text(Fixtures.sha(2)), .text(Fixtures.sha(1))])  // by path
            #expect(documents.column("status") == [.text("processed"), .text("failed")])
            #expect(documents.column("reason") == [.null, .text("damaged")])
            #expect(documents.column("findings") == [.integer(2), .integer(0)])
            #expect(documents.column("mismatches") == [.integer(2), .integer(1)])
            #expect(try await TestDatabase.count("facts", in: store) == 2)
            #expect(try await TestDatabase.count("findings", in: store) == 2)
        }
    }

    @Test("export filters: text, whole numbers, money as printed, empty for NULL; bad filters are errors")
    func exportFilters() async throws {
        try await TestDatabase.withStore { store, _ in
            try await store.save(Fixtures.result(1, values: ["12.50", "7"]))
            try await store.save(Fixtures.result(2, values: ["12.50", "12.5"]))

            let twelveFifty = try await store.export(.facts, filters: [ExportFilter(column: "value", value: "12.50")])
            #expect(twelveFifty.column("document") == [.text(Fixtures.sha(1)), .text(Fixtures.sha(2))])
            let twelveFive = try await store.export(.facts, filters: [ExportFilter(column: "value", value: "12.5")])
            #expect(twelveFive.column("row") == [.text("row1")])
            let both = try await store.export(
                .facts,
                filters: [
                    ExportFilter(column: "document", value: Fixtures.sha(1)),
                    ExportFilter(column: "row", value: "row1"),
                ])
            #expect(both.column("value") == [.money(Amount(minorUnits: 7, decimals: 0))])
            #expect(try await store.export(.facts, filters: [ExportFilter(column: "page", value: "5")]).rows.count == 4)
            #expect(try await store.export(.facts, filters: [ExportFilter(column: "page", value: "6")]).rows.isEmpty)
            let textOnly = try await store.export(.findings, filters: [ExportFilter(column: "table", value: "")])
            #expect(textOnly.column("rule") == [.text("claim"), .text("claim")])
            let unpublished = try await store.export(
                .mismatches, filters: [ExportFilter(column: "published", value: "")])
            #expect(unpublished.column("kind") == [.text("extra_in_records"), .text("extra_in_records")])

            await #expect(throws: StoreError.self) {
                try await store.export(.facts, filters: [ExportFilter(column: "nonsense", value: "1")])
            }
            await #expect(
                throws: StoreError.filter(.badValue(column: "page", value: "five", expected: "a whole number"))
            ) {
                try await store.export(.facts, filters: [ExportFilter(column: "page", value: "five")])
            }
            await #expect(
                throws: StoreError.filter(.badValue(column: "value", value: "abc", expected: "an amount such as 12.50"))
            ) {
                try await store.export(.facts, filters: [ExportFilter(column: "value", value: "abc")])
            }
        }
    }

    @Test("records: a repeated key keeps the last record; selection by department and year")
    func records() async throws {
        try await TestDatabase.withStore { store, _ in
            func record(_ department: String, _ year: Int, _ row: String, _ value: String, line: Int) -> Record {
                Record(
                    department: department, year: year, table: "收入决算表", row: row, col: "本年收入合计", unit: .yuan,
                    value: Amount.parse(value)!, source: "records.csv", line: line)
            }
            let stored = try await store.importRecords([
                record("甲", 2023, "201", "18357400.00", line: 2), record("甲", 2023, "201", "18357400.10", line: 3),
                record("甲", 2022, "201", "1.5", line: 4), record("乙", 2023, "202", "-0.01", line: 5),
            ])
            #expect(stored == 4)
            try await store.importRecords([record("乙", 2023, "202", "99", line: 9)])
            let all = try await store.records(department: nil, year: nil)
            #expect(all.map(\.line) == [3, 4, 9])
            #expect(all.map(\.value) == [Amount.parse("18357400.10")!, Amount.parse("1.5")!, Amount.parse("99")!])
            #expect(try await store.records(department: "甲", year: 2023).map(\.line) == [3])
            #expect(try await store.records(department: "甲", year: nil).map(\.line) == [3, 4])
            #expect(try await store.records(department: nil, year: 2023).map(\.line) == [3, 9])
            #expect(try await store.records(department: "丙", year: nil).isEmpty)
        }
    }

    @Test("a database that does not exist is the server's message, not a hang")
    func missingDatabase() async throws {
        let base = try TestDatabase.baseURL()
        var components = try #require(URLComponents(string: base))
        components.path = "/no_such_database_juesuan"
        let store = try PostgresStore(url: try #require(components.string))
        await #expect(
            throws: StoreError.server(
                message: "database \"no_such_database_juesuan\" does not exist", sqlState: "3D000")
        ) {
            try await store.prepare()
        }
        await store.shutdown()
    }

    @Test("a server that is not there is a clear error, not a hang")
    func unreachableServer() async throws {
        let store = try PostgresStore(url: "postgres://juesuan@127.0.0.1:1/none")
        do {
            try await store.prepare()
            Issue.record("prepare() on a closed port succeeded")
        } catch {
            guard case .connection(let server) = error.kind else {
                Issue.record("expected a connection error, got \(error)")
                await store.shutdown()
                return
            }
            #expect(server == "juesuan@127.0.0.1:1/none")
        }
        await store.shutdown()
    }
}

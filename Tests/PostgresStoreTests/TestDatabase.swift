import Basics
import Checks
import FoundationEssentials
import PostgresNIO
import Reconciler
import ReportModel
import Store
import Testing

@testable import PostgresStore

/// The test server: `JUESUAN_TEST_POSTGRES` (scripts/postgres-test-server prints it).
enum TestDatabase {
    struct NotConfigured: Error, CustomStringConvertible {
        var description: String {
            "JUESUAN_TEST_POSTGRES is not set: the PostgreSQL tests need a server. "
                + "Run `eval \"$(scripts/postgres-test-server)\"` first (scripts/test does)."
        }
    }

    /// The server's URL, or a clear error when none is configured (the tests fail, never skip).
    static func baseURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["JUESUAN_TEST_POSTGRES"], !url.isEmpty else {
            throw NotConfigured()
        }
        return url
    }

    /// A URL for a fresh schema of its own, so that tests run in parallel and rerun cleanly.
    static func freshURL() throws -> (url: String, schema: String) {
        let base = try baseURL()
        let schema = "juesuan_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return (base + (base.contains("?") ? "&" : "?") + "schema=" + schema, schema)
    }

    /// Runs `body` with a prepared store in a fresh schema, then drops the schema.
    static func withStore<Result: Sendable>(_ body: (PostgresStore, String) async throws -> Result) async throws
        -> Result
    {
        let (url, schema) = try freshURL()
        let store = try PostgresStore(url: url)
        do {
            try await store.prepare()
            let result = try await body(store, url)
            try await drop(schema, store)
            await store.shutdown()
            return result
        } catch {
            try? await drop(schema, store)
            await store.shutdown()
            throw error
        }
    }

    static func drop(_ schema: String, _ store: PostgresStore) async throws {
        try await store.client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \"\(schema)\" CASCADE"))
    }

    /// Counts the rows of a table in the store's schema.
    static func count(_ table: String, in store: PostgresStore) async throws -> Int {
        var count = 0
        for try await value in try await store.client.query(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
            .decode(Int.self)
        {
            count = value
        }
        return count
    }
}

/// Made-up documents with known facts, findings and mismatches.
enum Fixtures {
    static func sha(_ n: Int) -> String {
        let hex = String(n, radix: 16)
        return String(repeating: "0", count: 64 - hex.count) + hex
    }

    static func fact(_ row: String, _ value: String, page: Int = 5) -> Fact {
        Fact(
            entity: "株洲市商务局", table: "收入支出决算总表", row: row, col: "收入/决算数", name: row, value: value, unit: "万元",
            page: page, box: Rect(x0: 10.5, y0: 20.25, x1: 30, y1: 40.125))
    }

    static func result(
        _ n: Int, path: String? = nil, values: [String] = ["3372.72", "12.50", "0"], status: DocumentStatus = .processed
    ) -> DocumentResult {
        DocumentResult(
            identity: DocumentIdentity(
                sha256: sha(n), path: path ?? "/archive/\(n).pdf", size: Int64(1000 + n), pages: 20,
                producer: "WPS", department: "株洲市商务局", year: 2023),
            status: status,
            // The last fact has no box (stored as NULLs).
            facts: values.enumerated().map { index, value in
                var fact = fact("row\(index)", value)
                if index == values.count - 1 { fact.box = nil }
                return fact
            },
            findings: [
                Finding(
                    rule: "rollup", severity: .error, entity: "株洲市商务局", table: "收入决算表", row: "201", col: "本年收入合计",
                    page: 6, printed: "1835.74", expected: "1845.74", message: "201 does not add up"),
                Finding(
                    rule: "claim", severity: .warning, entity: "株洲市商务局", table: nil, row: nil, col: nil, page: 18,
                    printed: "4.3", expected: nil, message: "a claim", sentence: "…占4.3%…"),
            ],
            mismatches: [
                Mismatch(
                    kind: .unitScale, entity: "株洲市商务局", table: "收入决算表", row: "201", col: "本年收入合计", name: "一般公共服务支出",
                    published: "1835.74", publishedUnit: "万元", recorded: "18357400.00", recordedUnit: "元", page: 6,
                    box: Rect(x0: 1, y0: 2, x1: 3, y1: 4), recordSource: "records.csv", recordLine: 7,
                    message: "off by ten thousand"),
                Mismatch(
                    kind: .extraInRecords, entity: "株洲市商务局", table: "收入决算表", row: "202", col: "本年收入合计",
                    published: nil, publishedUnit: nil, recorded: "-3.20", recordedUnit: "万元", page: nil,
                    recordSource: "records.csv", recordLine: 8, message: "filed, not published"),
            ])
    }

    static func entry(_ n: Int) -> QueueEntry {
        QueueEntry(path: "/archive/\(n).pdf", sha256: sha(n), size: Int64(1000 + n))
    }
}

extension ExportTable {
    /// The values of one column.
    func column(_ name: String) -> [ExportValue] {
        guard let index = columns.firstIndex(of: name) else { return [] }
        return rows.map { $0[index] }
    }
}

import Checks
import Foundation
import Basics
import PostgresNIO
import Reconciler
import ReportModel
import Store
import TestSupport
import Testing

@testable import PostgresStore

/// What PostgreSQL made of a schema: columns, constraints, indexes and sequences, with the
/// schema's name taken out (whether or not it is on the search path) so that two schemas compare.
func catalog(of schema: String, in store: PostgresStore) async throws -> [String] {
    var lines: [String] = []
    let queries: [PostgresQuery] = [
        """
        SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
            || ' default=' || coalesce(column_default, '')
        FROM information_schema.columns WHERE table_schema = \(schema)
        ORDER BY table_name, ordinal_position
        """,
        """
        SELECT 'constraint ' || t.relname || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid)
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace JOIN pg_class t ON t.oid = c.conrelid
        WHERE n.nspname = \(schema)
        ORDER BY 1
        """,
        "SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = \(schema) ORDER BY indexname",
        "SELECT 'sequence ' || sequencename FROM pg_sequences WHERE schemaname = \(schema) ORDER BY sequencename",
    ]
    for query in queries {
        for try await line in try await store.client.query(query).decode(String.self) {
            lines.append(line.replacingOccurrences(of: schema + ".", with: ""))
        }
    }
    return lines
}

@Suite("PostgreSQL schema", .tags(.postgres), .timeLimit(.minutes(2)))
struct PostgresSchemaTests {
    @Test("the generated schema is the one version 1 shipped with (Samples/golden/store/postgres-v1.sql)")
    func schemaUnchanged() async throws {
        let shipped = try String(contentsOfFile: Golden.path("store/postgres-v1.sql"), encoding: .utf8)
        try await TestDatabase.withStore { store, url in
            let generated = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "schema" }?.value)
            let reference = generated + "_shipped"
            try await store.client.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(reference)"))
            do {
                try await store.client.withConnection { connection in
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "SET search_path TO \(reference)"), logger: store.logger)
                    for statement in shipped.components(separatedBy: ";\n")
                    where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: store.logger)
                    }
                    try await connection.query("RESET search_path", logger: store.logger)
                }
                let expected = try await catalog(of: reference, in: store)
                // The store's own bookkeeping table is not part of version 1's statements.
                let actual = try await catalog(of: generated, in: store).filter { !$0.contains("schema_version") }
                #expect(expected.count > 80)
                #expect(actual == expected)
            } catch {
                try? await TestDatabase.drop(reference, store)
                throw error
            }
            try await TestDatabase.drop(reference, store)
        }
    }

    @Test("each table's rows come back from PostgreSQL as they were written")
    func rowsRoundTrip() async throws {
        try await TestDatabase.withStore { store, _ in
            let result = Fixtures.result(1, values: ["1085.42", "-3.20", "0.000"])
            var rounded = result
            rounded.facts = rounded.facts.map { fact in
                var fact = fact
                fact.box = fact.box.map { Rect(x0: $0.x0, y0: $0.y0, x1: $0.x1, y1: 40.13) }
                return fact
            }
            try await store.save(rounded)
            func rows(_ table: TableDescription) async throws -> [StoredRow] {
                var rows: [StoredRow] = []
                let order = table.name == "documents" ? "" : " ORDER BY seq"
                for try await row in try await store.client.query(
                    PostgresQuery(unsafeSQL: "SELECT * FROM \(table.name)\(order)"))
                {
                    rows.append(try StoredRow(row, table: table))
                }
                return rows
            }
            var document = try #require(try await rows(DocumentsTable.description).first)
            document[DocumentsTable.storedAt.name] = .null  // the server's clock
            let read = DocumentRows(
                document: document, facts: try await rows(FactsTable.description),
                findings: try await rows(FindingsTable.description),
                mismatches: try await rows(MismatchesTable.description))
            #expect(read == (try DocumentRows(rounded, storedAt: nil)))
            #expect(try read.decode() == rounded)
        }
    }
}

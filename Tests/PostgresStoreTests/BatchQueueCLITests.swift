import Foundation
import PostgresStore
import Store
import TestSupport
import Testing

/// `juesuan batch --db postgres://… --enqueue` and two `--work` processes, as on two machines.
@Suite("juesuan batch on a PostgreSQL queue", .tags(.postgres, .processes))
struct BatchQueueCLITests {
    private let paths = [
        "Samples/tokenizer", "Samples/real", "Samples/bad/base.pdf", "Samples/bad/rotated_page.pdf",
        "Samples/bad/not_a_pdf.pdf",
    ]

    /// "this worker stored N documents (F failed in processing, L claims lost to other workers)"
    private func stored(_ run: Run) -> (stored: Int, lost: Int)? {
        guard let line = run.errorLines.first(where: { $0.contains("this worker stored") }) else { return nil }
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return numbers.count == 3 ? (numbers[0], numbers[2]) : nil
    }

    @Test func twoWorkProcessesProcessEachDocumentExactlyOnce() async throws {
        let (url, schema) = try TestDatabase.freshURL()
        let enqueue = try await Run.juesuan(["batch", "--db", url, "--enqueue"] + paths)
        #expect(enqueue.status == 0, "\(enqueue.stderr)")
        #expect(enqueue.stderr.contains("queued 9 documents (0 already queued, 0 already stored)"))
        // Queued twice: nothing new.
        let again = try await Run.juesuan(["batch", "--db", url, "--enqueue"] + paths)
        #expect(again.stderr.contains("queued 0 documents (9 already queued"))

        async let first = Run.juesuan(["batch", "--db", url, "--work", "--jobs", "1"])
        async let second = Run.juesuan(["batch", "--db", url, "--work", "--jobs", "1"])
        let workers = try await [first, second]
        // Exit 1 for a worker that stored a document with error findings or a failure (the
        // samples have both, one file is not a PDF), 0 for one whose claims were all clean: which
        // worker claims what is a race.
        for worker in workers { #expect([0, 1].contains(worker.status), "\(worker.stderr)") }
        #expect(workers.contains { $0.status == 1 })
        let counts = workers.compactMap(stored)
        #expect(counts.count == 2)
        #expect(counts.map(\.stored).reduce(0, +) == 9)
        #expect(counts.allSatisfy { $0.lost == 0 })

        let store = try PostgresStore(url: url)
        try await store.prepare()
        let queue = try await PostgresWorkQueue(store: store).counts()
        // Every job done, none claimed twice: each document was processed once.
        #expect(queue == QueueCounts(done: 9, reclaimed: 0))
        let documents = try await store.export(.documents, filters: [])
        #expect(documents.rows.count == 9)
        let status = try #require(documents.columns.firstIndex(of: "status"))
        #expect(documents.rows.filter { $0[status] == .text("failed") }.count == 1)
        let facts = try await store.export(.facts, filters: [])
        // s01 619 + s07 254 + s09 251 + Putuo 195 + renda 163 + zhengxie 154 + base 187 + rotated 187.
        #expect(facts.rows.count == 2010)
        try await TestDatabase.drop(schema, store)
        await store.shutdown()
    }
}

import Checks
import PostgresNIO
import ReportModel
import Store
import TestSupport
import Testing

@testable import PostgresStore

/// Counts how often each document was processed, and by whom.
actor ProcessingLog {
    private(set) var calls: [String: Int] = [:]
    private(set) var byWorker: [String: Int] = [:]
    private var started: Set<String> = []
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func record(_ sha256: String, worker: String) {
        calls[sha256, default: 0] += 1
        byWorker[worker, default: 0] += 1
    }

    /// Returns once `parties` different workers have called it: proof that they held claims at the
    /// same time.
    func rendezvous(_ worker: String, parties: Int) async {
        started.insert(worker)
        if started.count >= parties {
            for continuation in waiting { continuation.resume() }
            waiting = []
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

@Suite("PostgresWorkQueue", .tags(.postgres), .timeLimit(.minutes(2)))
struct PostgresWorkQueueTests {
    @Test("enqueue puts each document on the queue once, and skips stored documents")
    func enqueueIdempotent() async throws {
        try await TestDatabase.withStore { store, _ in
            let queue = PostgresWorkQueue(store: store)
            let first = try await queue.enqueue([
                Fixtures.entry(1), Fixtures.entry(2), Fixtures.entry(3), Fixtures.entry(2),
            ])
            #expect(first == EnqueueSummary(queued: 3, alreadyQueued: 1, alreadyStored: 0))
            try await store.save(Fixtures.result(5))
            let second = try await queue.enqueue((1...5).map(Fixtures.entry))
            #expect(second == EnqueueSummary(queued: 1, alreadyQueued: 3, alreadyStored: 1))
            #expect(try await queue.counts() == QueueCounts(pending: 4))
            #expect(try await queue.hasUnfinishedJobs())
            // A copy of a queued document under another path is the same job.
            var copy = Fixtures.entry(4)
            copy.path = "/elsewhere/copy.pdf"
            #expect(try await queue.enqueue([copy]) == EnqueueSummary(queued: 0, alreadyQueued: 1, alreadyStored: 0))
        }
    }

    @Test("two workers with their own connections drain the queue: each document processed and stored once")
    func twoWorkersExactlyOnce() async throws {
        try await drain(jobs: 40, workers: ["worker-a", "worker-b"])
    }

    @Test("six workers racing for 120 short jobs: still each document processed and stored once")
    func manyWorkersExactlyOnce() async throws {
        try await drain(jobs: 120, workers: (1...6).map { "worker-\($0)" })
    }

    /// Queues `jobs` documents, drains them with one worker per name, each with its own store
    /// (client and connections, as another process would have), and checks that every document
    /// was processed once and stored once.
    private func drain(jobs count: Int, workers names: [String]) async throws {
        try await TestDatabase.withStore { store, url in
            let queue = PostgresWorkQueue(store: store)
            #expect(try await queue.enqueue((1...count).map(Fixtures.entry)).queued == count)
            let log = ProcessingLog()
            let summaries = try await withThrowingTaskGroup(of: WorkerSummary.self) { group in
                for name in names {
                    group.addTask {
                        let own = try PostgresStore(url: url)
                        let worker = PostgresWorker(
                            queue: PostgresWorkQueue(store: own), name: name, lease: .seconds(60),
                            pollInterval: .milliseconds(10))
                        do {
                            let summary = try await worker.run(stopWhenEmpty: true) { job in
                                // Every worker holds a claim at once before any finishes its first job.
                                await log.rendezvous(name, parties: names.count)
                                await log.record(job.sha256, worker: name)
                                return Fixtures.result(Int(job.sha256, radix: 16)!)
                            }
                            await own.shutdown()
                            return summary
                        } catch {
                            await own.shutdown()
                            throw error
                        }
                    }
                }
                var summaries: [WorkerSummary] = []
                for try await summary in group { summaries.append(summary) }
                return summaries
            }
            let calls = await log.calls
            #expect(calls.count == count)
            #expect(
                calls.values.allSatisfy { $0 == 1 },
                "documents processed more than once: \(calls.filter { $0.value > 1 }.count)")
            #expect(Set(calls.keys) == Set((1...count).map(Fixtures.sha)))
            #expect(summaries.map(\.completed).reduce(0, +) == count)
            #expect(summaries.allSatisfy { $0.completed > 0 && $0.failed == 0 && $0.lost == 0 })
            #expect(await log.byWorker.count == names.count)
            // reclaimed == 0: the database's own count says every job was claimed exactly once.
            #expect(try await queue.counts() == QueueCounts(done: count, reclaimed: 0))
            #expect(try await TestDatabase.count("documents", in: store) == count)
            #expect(try await TestDatabase.count("facts", in: store) == count * 3)
            #expect(try await TestDatabase.count("findings", in: store) == count * 2)
        }
    }

    @Test("one process running three work loops: each document processed once, by all three loops")
    func concurrentLoopsInOneProcess() async throws {
        try await TestDatabase.withStore { store, _ in
            let count = 30
            let queue = PostgresWorkQueue(store: store)
            _ = try await queue.enqueue((1...count).map(Fixtures.entry))
            let log = ProcessingLog()
            let worker = PostgresWorker(
                queue: queue, name: "host:1", lease: .seconds(60), pollInterval: .milliseconds(10))
            let summary = try await worker.run(stopWhenEmpty: true, concurrency: 3) { job in
                await log.rendezvous(job.sha256, parties: 3)  // three jobs in hand at once
                await log.record(job.sha256, worker: "any")
                return Fixtures.result(Int(job.sha256, radix: 16)!)
            }
            #expect(summary.completed == count && summary.failed == 0 && summary.lost == 0)
            #expect(await log.calls.count == count)
            #expect(await log.calls.values.allSatisfy { $0 == 1 })
            #expect(try await queue.counts() == QueueCounts(done: count))
            var workers: [String] = []
            for try await name in try await store.client.query("SELECT DISTINCT worker FROM queue ORDER BY worker")
                .decode(String.self)
            {
                workers.append(name)
            }
            #expect(workers == ["host:1#1", "host:1#2", "host:1#3"])
        }
    }

    @Test("an expired lease is claimed again, and the first worker's late completion is refused")
    func expiredLeaseReclaimedStaleCompletionRejected() async throws {
        try await TestDatabase.withStore { store, _ in
            let queue = PostgresWorkQueue(store: store)
            _ = try await queue.enqueue([Fixtures.entry(1)])
            let first = try #require(try await queue.claim(worker: "slow", lease: .milliseconds(1)))
            #expect(first.sha256 == Fixtures.sha(1) && first.attempt == 1)
            try await Task.sleep(for: .milliseconds(50))  // well past the 1 ms lease
            let second = try #require(try await queue.claim(worker: "fast", lease: .seconds(60)))
            #expect(second.sha256 == first.sha256 && second.attempt == 2 && second.claim != first.claim)
            #expect(try await queue.claim(worker: "third", lease: .seconds(60)) == nil)

            #expect(try await queue.heartbeat(first, lease: .seconds(60)) == false)
            #expect(try await queue.heartbeat(second, lease: .seconds(60)))
            #expect(try await queue.complete(second, with: Fixtures.result(1, path: "/by/fast.pdf")) == .recorded)
            #expect(try await queue.complete(first, with: Fixtures.result(1, path: "/by/slow.pdf")) == .claimLost)
            #expect(try await queue.complete(second, with: Fixtures.result(1, path: "/again.pdf")) == .claimLost)
            #expect(try await queue.fail(first, reason: "late") == .claimLost)

            let documents = try await store.export(.documents, filters: [])
            #expect(documents.column("path") == [.text("/by/fast.pdf")])
            #expect(try await TestDatabase.count("facts", in: store) == 3)
            #expect(try await queue.counts() == QueueCounts(done: 1, reclaimed: 1))
        }
    }

    @Test("a late completion racing the reclaim: whichever transaction locks the job first wins, never both")
    func completionRacingReclaim() async throws {
        try await TestDatabase.withStore { store, url in
            let other = try PostgresStore(url: url)
            let otherQueue = PostgresWorkQueue(store: other)
            let queue = PostgresWorkQueue(store: store)
            let rounds = 20
            _ = try await queue.enqueue((1...rounds).map(Fixtures.entry))
            for _ in 1...rounds {
                let stale = try #require(try await queue.claim(worker: "slow", lease: .milliseconds(1)))
                try await Task.sleep(for: .milliseconds(5))
                async let late = queue.complete(stale, with: Fixtures.result(Int(stale.sha256, radix: 16)!))
                async let reclaimed = otherQueue.claim(worker: "fast", lease: .seconds(60))
                let (lateOutcome, claim) = try await (late, reclaimed)
                if lateOutcome == .recorded {
                    // The late worker locked first: the job was done before the other could claim it.
                    #expect(claim?.sha256 != stale.sha256)
                    if let claim { _ = try await otherQueue.release(claim) }
                } else {
                    let claim = try #require(claim)
                    #expect(claim.sha256 == stale.sha256)
                    #expect(
                        try await otherQueue.complete(claim, with: Fixtures.result(Int(claim.sha256, radix: 16)!))
                            == .recorded)
                }
            }
            await other.shutdown()
            #expect(try await queue.counts().done == rounds)
            #expect(try await TestDatabase.count("documents", in: store) == rounds)
            #expect(try await TestDatabase.count("facts", in: store) == rounds * 3)
        }
    }

    @Test("a job whose every lease expired is given up on and stored as a failed document")
    func abandonedAfterMaxAttempts() async throws {
        try await TestDatabase.withStore { store, _ in
            let queue = PostgresWorkQueue(store: store, maxAttempts: 2)
            _ = try await queue.enqueue([Fixtures.entry(7)])
            for attempt in 1...2 {
                let job = try #require(try await queue.claim(worker: "crashing", lease: .milliseconds(1)))
                #expect(job.attempt == attempt)
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect(try await queue.claim(worker: "next", lease: .seconds(60)) == nil)
            #expect(try await queue.counts() == QueueCounts(failed: 1, reclaimed: 1))
            let documents = try await store.export(.documents, filters: [])
            #expect(documents.column("status") == [.text("failed")])
            guard case .text(let reason) = documents.column("reason").first else {
                Issue.record("no reason stored")
                return
            }
            #expect(reason.hasPrefix("abandoned: claimed 2 times"))
            #expect(try await queue.retryFailed() == 1)
            #expect(try await queue.counts() == QueueCounts(pending: 1))
            #expect(try await store.contains(sha256: Fixtures.sha(7)) == false)
        }
    }

    @Test("heartbeats keep the claim of a job that runs longer than its lease, job after job")
    func heartbeatsKeepLongJobs() async throws {
        try await TestDatabase.withStore { store, _ in
            let queue = PostgresWorkQueue(store: store)
            _ = try await queue.enqueue([Fixtures.entry(1)])
            let worker = PostgresWorker(
                queue: queue, name: "slow", lease: .milliseconds(600), pollInterval: .milliseconds(10))
            let thefts = ThiefLog()
            let summary = try await worker.run(stopWhenEmpty: true) { job in
                // Each job runs 2.5 leases and is the only one in the queue; halfway through,
                // another worker tries to take it over.
                try await Task.sleep(for: .milliseconds(800))
                if let stolen = try await queue.claim(worker: "thief", lease: .milliseconds(1)) {
                    await thefts.add(stolen.sha256)
                }
                try await Task.sleep(for: .milliseconds(700))
                // The second job is queued only now, so that the same loop takes it next.
                if job.sha256 == Fixtures.sha(1) { _ = try await queue.enqueue([Fixtures.entry(2)]) }
                return Fixtures.result(Int(job.sha256, radix: 16)!)
            }
            #expect(await thefts.stolen.isEmpty)
            #expect(summary.completed == 2 && summary.lost == 0)
            #expect(try await queue.counts() == QueueCounts(done: 2, reclaimed: 0))
        }
    }

    @Test("the work loop takes over a dead worker's claim once its lease expires")
    func workerTakesOverDeadClaim() async throws {
        try await TestDatabase.withStore { store, _ in
            let queue = PostgresWorkQueue(store: store)
            _ = try await queue.enqueue([Fixtures.entry(1), Fixtures.entry(2)])
            // A worker that claims a job and dies.
            let dead = try #require(try await queue.claim(worker: "dead", lease: .milliseconds(300)))
            let log = ProcessingLog()
            let worker = PostgresWorker(
                queue: queue, name: "alive", lease: .seconds(60), pollInterval: .milliseconds(20))
            let summary = try await worker.run(stopWhenEmpty: true) { job in
                await log.record(job.sha256, worker: "alive")
                return Fixtures.result(Int(job.sha256, radix: 16)!)
            }
            #expect(summary.completed == 2)
            #expect(await log.calls == [Fixtures.sha(1): 1, Fixtures.sha(2): 1])
            #expect(try await queue.complete(dead, with: Fixtures.result(1)) == .claimLost)
            #expect(try await queue.hasUnfinishedJobs() == false)
            #expect(try await queue.counts() == QueueCounts(done: 2, reclaimed: 1))
        }
    }

    @Test("a processing error marks the job failed and stores the document as failed")
    func processingErrorFailsJob() async throws {
        struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }
        try await TestDatabase.withStore { store, _ in
            let queue = PostgresWorkQueue(store: store)
            _ = try await queue.enqueue([Fixtures.entry(1), Fixtures.entry(2)])
            let worker = PostgresWorker(queue: queue, name: "w", lease: .seconds(60), pollInterval: .milliseconds(10))
            let summary = try await worker.run(stopWhenEmpty: true) { job in
                if job.sha256 == Fixtures.sha(2) { throw Boom() }
                return Fixtures.result(1)
            }
            #expect(summary.completed == 1 && summary.failed == 1)
            #expect(try await queue.counts() == QueueCounts(done: 1, failed: 1))
            let failed = try await store.export(.documents, filters: [ExportFilter(column: "status", value: "failed")])
            #expect(failed.column("sha256") == [.text(Fixtures.sha(2))])
            #expect(failed.column("reason") == [.text("processing failed: boom")])
        }
    }

    @Test("the work loop records a result for other bytes (a file changed since queued) as a failed job")
    func workerChangedFile() async throws {
        try await TestDatabase.withStore { store, _ in
            let queue = PostgresWorkQueue(store: store)
            _ = try await queue.enqueue([Fixtures.entry(1), Fixtures.entry(2)])
            let worker = PostgresWorker(queue: queue, name: "w", lease: .seconds(60), pollInterval: .milliseconds(10))
            let summary = try await worker.run(stopWhenEmpty: true) { job in
                Fixtures.result(job.sha256 == Fixtures.sha(1) ? 9 : 2)
            }
            #expect(summary.completed == 1 && summary.failed == 1)
            let documents = try await store.export(.documents, filters: [])
            #expect(documents.column("sha256") == [.text(Fixtures.sha(1)), .text(Fixtures.sha(2))])
            #expect(documents.column("status") == [.text("failed"), .text("processed")])
            #expect(try await store.contains(sha256: Fixtures.sha(9)) == false)
        }
    }

    @Test("a result for another document is refused")
    func identityMismatch() async throws {
        try await TestDatabase.withStore { store, _ in
            let queue = PostgresWorkQueue(store: store)
            _ = try await queue.enqueue([Fixtures.entry(1)])
            let job = try #require(try await queue.claim(worker: "w", lease: .seconds(60)))
            await #expect(throws: StoreError.identityMismatch(queued: Fixtures.sha(1), result: Fixtures.sha(2))) {
                try await queue.complete(job, with: Fixtures.result(2))
            }
            #expect(try await queue.release(job))
            #expect(try await queue.counts() == QueueCounts(pending: 1))
        }
    }
}

/// The jobs another worker managed to claim while they were in hand.
actor ThiefLog {
    var stolen: [String] = []
    func add(_ sha256: String) { stolen.append(sha256) }
}

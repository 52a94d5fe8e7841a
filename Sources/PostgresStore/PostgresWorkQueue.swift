import PostgresNIO
import Store

/// A document to put on the queue: where it is, and what identifies it.
public struct QueueEntry: Sendable, Hashable {
    /// The path the workers read the document from (the same path on every machine).
    public var path: String
    /// SHA-256 of the file's bytes, lowercase hex: the job's key.
    public var sha256: String
    /// The file's size in bytes.
    public var size: Int64

    /// An entry from its fields.
    public init(path: String, sha256: String, size: Int64) {
        self.path = path
        self.sha256 = sha256
        self.size = size
    }
}

/// What ``PostgresWorkQueue/enqueue(_:)`` did with its entries.
public struct EnqueueSummary: Sendable, Hashable {
    /// New jobs.
    public var queued: Int
    /// Entries whose document was already on the queue (in any state), or repeated in the input.
    public var alreadyQueued: Int
    /// Entries whose document is already stored (processed or failed) and so was not queued.
    public var alreadyStored: Int

    /// A summary from its counts.
    public init(queued: Int, alreadyQueued: Int, alreadyStored: Int) {
        self.queued = queued
        self.alreadyQueued = alreadyQueued
        self.alreadyStored = alreadyStored
    }
}

/// A job a worker has claimed: the document, and the claim that proves the worker owns it.
public struct QueuedDocument: Sendable, Hashable {
    /// The document's SHA-256: the job's key.
    public var sha256: String
    /// The path to read it from.
    public var path: String
    /// Its size in bytes when it was queued.
    public var size: Int64
    /// This claim's number, unique over the whole queue; a later claim of the same job gets another.
    public var claim: Int64
    /// How many times the job has been claimed, this claim included.
    public var attempt: Int

    /// A claimed job from its fields (normally made by ``PostgresWorkQueue/claim(worker:lease:)``).
    public init(sha256: String, path: String, size: Int64, claim: Int64, attempt: Int) {
        self.sha256 = sha256
        self.path = path
        self.size = size
        self.claim = claim
        self.attempt = attempt
    }
}

/// Whether a claimed job's outcome was recorded.
public enum ClaimOutcome: Sendable, Hashable {
    /// Recorded, together with the job's state, in one transaction.
    case recorded
    /// Nothing was written: the claim is no longer this worker's (its lease expired and another
    /// worker claimed the job, or the job was finished or abandoned meanwhile).
    case claimLost
}

/// How many jobs are in each state.
public struct QueueCounts: Sendable, Hashable {
    /// Waiting for a worker.
    public var pending: Int
    /// Claimed by a worker (whose lease may have expired).
    public var claimed: Int
    /// Processed and stored.
    public var done: Int
    /// Given up on: the processing failed, or every claim's lease expired (``PostgresWorkQueue/maxAttempts``).
    public var failed: Int
    /// Jobs (in any state) claimed more than once: taken over after a lease expired. With healthy
    /// workers it stays 0, which shows that every document was processed exactly once.
    public var reclaimed: Int

    /// A count from its parts.
    public init(pending: Int = 0, claimed: Int = 0, done: Int = 0, failed: Int = 0, reclaimed: Int = 0) {
        self.pending = pending
        self.claimed = claimed
        self.done = done
        self.failed = failed
        self.reclaimed = reclaimed
    }

    /// Jobs not yet done or failed.
    public var unfinished: Int { pending + claimed }
}

/// The work queue of a ``PostgresStore``: documents to process, claimed by workers on any number of
/// machines with `SELECT … FOR UPDATE SKIP LOCKED`, each under a lease (docs/postgres.md).
///
/// A worker claims a job (``claim(worker:lease:)``), processes the document, and records the result
/// with ``complete(_:with:)``, which stores it and marks the job done in one transaction — but only
/// while the claim is still the worker's. A worker that dies stops renewing its lease
/// (``heartbeat(_:lease:)``); once the lease has expired another worker claims the job again. A job
/// whose leases expired ``maxAttempts`` times is given up on and stored as a failed document.
/// Times are the database server's clock, so the machines' clocks do not matter.
public struct PostgresWorkQueue: Sendable {
    /// The store whose database holds the queue, and where results are saved.
    public let store: PostgresStore
    /// How many claims a job gets before it is given up on when each one's lease expires.
    public var maxAttempts: Int

    /// The queue in `store`'s database (``PostgresStore/prepare()`` creates it).
    public init(store: PostgresStore, maxAttempts: Int = 3) {
        self.store = store
        self.maxAttempts = max(1, maxAttempts)
    }

    /// Puts documents on the queue, each once: a document already queued (in any state), repeated
    /// in `entries`, or already stored is not queued again.
    public func enqueue(_ entries: [QueueEntry]) async throws(StoreError) -> EnqueueSummary {
        var seen: Set<String> = []
        let unique = entries.filter { seen.insert($0.sha256).inserted }
        let logger = store.logger
        return try await store.guarded {
            try await store.transaction { connection in
                var queued = 0
                var stored = 0
                var start = 0
                while start < unique.count {
                    let chunk = unique[start..<min(unique.count, start + 5000)]
                    start += 5000
                    let shas = chunk.map(\.sha256)
                    for try await count in try await connection.query(
                        "SELECT count(*) FROM documents WHERE sha256 = ANY(\(shas))", logger: logger
                    ).decode(Int.self) {
                        stored += count
                    }
                    var bindings = PostgresBindings()
                    var tuples: [String] = []
                    for entry in chunk {
                        bindings.append(entry.sha256)
                        bindings.append(entry.path)
                        bindings.append(entry.size)
                        let n = bindings.count
                        tuples.append("($\(n - 2), $\(n - 1), $\(n)::bigint)")
                    }
                    let sql = """
                        INSERT INTO queue (sha256, path, size)
                        SELECT v.sha256, v.path, v.size FROM (VALUES \(tuples.joined(separator: ", "))) AS v (sha256, path, size)
                        WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.sha256 = v.sha256)
                        ON CONFLICT (sha256) DO NOTHING
                        RETURNING sha256
                        """
                    for try await _ in try await connection.query(
                        PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
                    {
                        queued += 1
                    }
                }
                return EnqueueSummary(
                    queued: queued, alreadyQueued: entries.count - queued - stored, alreadyStored: stored)
            }
        }
    }

    /// Claims the next job for `worker` until `lease` from now, or returns `nil` when no job is
    /// pending and no claim has expired.
    ///
    /// Jobs are claimed in the order they were queued. Before claiming, jobs whose lease expired
    /// for the ``maxAttempts``-th time are given up on: marked failed and stored as failed documents.
    public func claim(worker: String, lease: Duration) async throws(StoreError) -> QueuedDocument? {
        let leaseMilliseconds = Self.milliseconds(lease)
        let maxAttempts = Int64(self.maxAttempts)
        let logger = store.logger
        return try await store.guarded {
            try await store.client.query(
                """
                WITH abandoned AS (
                    UPDATE queue SET state = 'failed', claim = NULL, lease_until = NULL,
                        finished_at = clock_timestamp(),
                        error = 'abandoned: claimed ' || attempts || ' times and every lease expired (the workers crashed, were killed or hung)'
                    WHERE sha256 IN (
                        SELECT sha256 FROM queue
                        WHERE state = 'claimed' AND lease_until < clock_timestamp() AND attempts >= \(maxAttempts)
                        FOR UPDATE SKIP LOCKED)
                    RETURNING sha256, path, size, error)
                INSERT INTO documents (sha256, path, size, status, reason)
                SELECT sha256, path, size, 'failed', error FROM abandoned
                ON CONFLICT (sha256) DO NOTHING
                """, logger: logger)
            let rows = try await store.client.query(
                """
                UPDATE queue SET state = 'claimed', worker = \(worker), claim = nextval('queue_claims'),
                    attempts = attempts + 1, claimed_at = clock_timestamp(), error = NULL,
                    lease_until = clock_timestamp() + \(leaseMilliseconds)::bigint * interval '1 millisecond'
                WHERE sha256 = (
                    SELECT sha256 FROM queue
                    WHERE state = 'pending'
                       OR (state = 'claimed' AND lease_until < clock_timestamp() AND attempts < \(maxAttempts))
                    ORDER BY seq
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING sha256, path, size, claim, attempts
                """, logger: logger)
            var claimed: QueuedDocument?
            for try await (sha256, path, size, claim, attempts) in rows.decode((String, String, Int64, Int64, Int).self)
            {
                claimed = QueuedDocument(sha256: sha256, path: path, size: size, claim: claim, attempt: attempts)
            }
            return claimed
        }
    }

    /// Extends a claim's lease to `lease` from now; `false` when the claim is no longer the worker's.
    public func heartbeat(_ job: QueuedDocument, lease: Duration) async throws(StoreError) -> Bool {
        let leaseMilliseconds = Self.milliseconds(lease)
        let logger = store.logger
        return try await store.guarded {
            try await store.client.query(
                """
                UPDATE queue SET lease_until = clock_timestamp() + \(leaseMilliseconds)::bigint * interval '1 millisecond'
                WHERE sha256 = \(job.sha256) AND claim = \(job.claim) AND state = 'claimed'
                RETURNING 1
                """, logger: logger
            ).decode(Int.self).collectFirst() != nil
        }
    }

    /// Stores a claimed job's result and marks the job done, in one transaction, if the claim is
    /// still the worker's; otherwise writes nothing and returns ``ClaimOutcome/claimLost``.
    ///
    /// The claim is checked under a row lock on the job, so a worker that claims the job at the
    /// same moment either waits and then sees it done, or has taken it first and this completion
    /// is refused: a document is stored by exactly one completion.
    public func complete(_ job: QueuedDocument, with result: DocumentResult) async throws(StoreError)
        -> ClaimOutcome
    {
        guard result.identity.sha256 == job.sha256 else {
            throw .identityMismatch(queued: job.sha256, result: result.identity.sha256)
        }
        let rows = try DocumentRows(result, storedAt: nil)
        return try await finish(job, state: "done", error: nil, rows: rows)
    }

    /// Records that processing a claimed job failed (the processing threw, not a document the
    /// pipeline judged damaged — that is a ``DocumentResult`` with a failed status): stores the
    /// document as failed with `reason` and marks the job failed, in one transaction, if the claim
    /// is still the worker's.
    public func fail(_ job: QueuedDocument, reason: String) async throws(StoreError) -> ClaimOutcome {
        let identity = DocumentIdentity(sha256: job.sha256, path: job.path, size: job.size)
        let rows = try DocumentRows(DocumentResult(identity: identity, status: .failed(reason: reason)), storedAt: nil)
        return try await finish(job, state: "failed", error: reason, rows: rows)
    }

    /// Gives a claimed job back unprocessed (a worker that stops early), so another worker can claim
    /// it at once; the claim does not count as an attempt. `false` when the claim was already lost.
    public func release(_ job: QueuedDocument) async throws(StoreError) -> Bool {
        let logger = store.logger
        return try await store.guarded {
            try await store.client.query(
                """
                UPDATE queue SET state = 'pending', claim = NULL, lease_until = NULL, worker = NULL,
                    attempts = greatest(attempts - 1, 0)
                WHERE sha256 = \(job.sha256) AND claim = \(job.claim) AND state = 'claimed'
                RETURNING 1
                """, logger: logger
            ).decode(Int.self).collectFirst() != nil
        }
    }

    /// Puts failed jobs back on the queue with their attempts reset, and forgets their failed
    /// documents so that they are processed again; returns how many.
    @discardableResult
    public func retryFailed() async throws(StoreError) -> Int {
        let logger = store.logger
        return try await store.guarded {
            try await store.transaction { connection in
                var count = 0
                for try await _ in try await connection.query(
                    """
                    WITH retried AS (
                        UPDATE queue SET state = 'pending', attempts = 0, error = NULL, finished_at = NULL, worker = NULL
                        WHERE state = 'failed' RETURNING sha256)
                    DELETE FROM documents d USING retried r
                    WHERE d.sha256 = r.sha256 AND d.status = 'failed'
                    RETURNING d.sha256
                    """, logger: logger)
                {
                    count += 1
                }
                return count
            }
        }
    }

    /// How many jobs are in each state.
    public func counts() async throws(StoreError) -> QueueCounts {
        let logger = store.logger
        return try await store.guarded {
            var counts = QueueCounts()
            for try await (state, count, reclaimed) in try await store.client.query(
                "SELECT state, count(*), count(*) FILTER (WHERE attempts > 1) FROM queue GROUP BY state",
                logger: logger
            ).decode((String, Int, Int).self) {
                counts.reclaimed += reclaimed
                switch state {
                case "pending": counts.pending = count
                case "claimed": counts.claimed = count
                case "done": counts.done = count
                case "failed": counts.failed = count
                default: throw StoreError.corrupt("queue: unknown state \(state)")
                }
            }
            return counts
        }
    }

    /// Whether any job is pending or claimed (cheaper than ``counts()`` on a long queue).
    public func hasUnfinishedJobs() async throws(StoreError) -> Bool {
        let logger = store.logger
        return try await store.guarded {
            try await store.client.query(
                "SELECT EXISTS (SELECT 1 FROM queue WHERE state IN ('pending', 'claimed'))", logger: logger
            ).decode(Bool.self).collectFirst() ?? false
        }
    }

    // MARK: Plumbing

    /// Writes a finished job's document rows and its final state, if `job`'s claim still holds.
    private func finish(_ job: QueuedDocument, state: String, error: String?, rows: DocumentRows)
        async throws(StoreError) -> ClaimOutcome
    {
        let logger = store.logger
        return try await store.guarded {
            try await store.transaction { connection in
                var owned = false
                for try await (current, claim) in try await connection.query(
                    "SELECT state, claim FROM queue WHERE sha256 = \(job.sha256) FOR UPDATE", logger: logger
                ).decode((String, Int64?).self) {
                    owned = current == "claimed" && claim == job.claim
                }
                guard owned else { return ClaimOutcome.claimLost }
                try await rows.insert(on: connection, logger: logger)
                try await connection.query(
                    """
                    UPDATE queue SET state = \(state), claim = NULL, lease_until = NULL,
                        finished_at = clock_timestamp(), error = \(error)
                    WHERE sha256 = \(job.sha256)
                    """, logger: logger)
                return ClaimOutcome.recorded
            }
        }
    }

    /// A duration in whole milliseconds (at least 1).
    static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}

import Store

/// The PostgreSQL tables (docs/postgres.md): the SQLite store's tables (``Store/StoreSchema``) with
/// PostgreSQL's types, plus the work queue.
///
/// Every document is keyed by the SHA-256 of its bytes; its facts, findings and mismatches hang off
/// it. Money is two integers: the value scaled by 10^scale (`BIGINT`) and the scale (`INTEGER`).
enum PostgresSchema {
    /// The newest schema version this code knows; `prepare()` migrates older databases to it.
    static let currentVersion = 1

    /// The statements of each migration: `migrations[n - 1]` brings version `n - 1` to `n`.
    static let migrations: [[String]] = [version1]

    /// Version 1: documents, facts, findings, mismatches, records and the work queue.
    static let version1: [String] =
        StoreSchema.version1.flatMap { $0.createStatements(.postgres) }
        // The work queue: one job per document (sha256), claimed under a lease (docs/postgres.md).
        + ["CREATE SEQUENCE queue_claims"] + QueueTable.description.createStatements(.postgres)
}

/// `queue`: the work queue, one job per document, claimed under a lease (PostgreSQL only).
enum QueueTable {
    static let sha256 = StoreColumn<String>("sha256", primaryKey: true)
    static let seq = StoreColumn<Int64>("seq", type: .bigserial, unique: true)
    static let path = StoreColumn<String>("path")
    static let size = StoreColumn<Int64>("size")
    static let state = StoreColumn<String>(
        "state", postgresDefault: "'pending'", "CHECK (state IN ('pending', 'claimed', 'done', 'failed'))")
    static let worker = StoreColumn<String?>("worker")
    static let claim = StoreColumn<Int64?>("claim")
    static let attempts = StoreColumn<Int>("attempts", postgresDefault: "0")
    static let leaseUntil = StoreColumn<String?>("lease_until", type: .timestamp)
    static let enqueuedAt = StoreColumn<String>("enqueued_at", type: .timestamp, postgresDefault: "now()")
    static let claimedAt = StoreColumn<String?>("claimed_at", type: .timestamp)
    static let finishedAt = StoreColumn<String?>("finished_at", type: .timestamp)
    static let error = StoreColumn<String?>("error")

    static let description = TableDescription(
        "queue",
        columns: [
            sha256, seq, path, size, state, worker, claim, attempts, leaseUntil, enqueuedAt, claimedAt, finishedAt,
            error,
        ],
        checks: ["(state = 'claimed') = (claim IS NOT NULL AND lease_until IS NOT NULL)"],
        indexes: [IndexDescription("queue_open", on: [seq.name], where: "state IN ('pending', 'claimed')")])
}

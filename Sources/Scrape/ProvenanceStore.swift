import Basics
import FoundationEssentials
import GRDB

/// What the store remembers about one URL of one source: its provenance and its validators.
public struct URLState: Sendable, Hashable {
    /// The source's name.
    public var source: String
    /// The URL as listed or linked.
    public var url: String
    /// `index` for an index page, `pdf` for a document.
    public var kind: String
    /// The URL after redirects.
    public var finalURL: String?
    /// When the body was last fetched (ISO 8601, UTC).
    public var fetchedAt: String?
    /// When the URL was last asked for, fetched or not (ISO 8601, UTC).
    public var checkedAt: String?
    /// The HTTP status of the last answer (`304` when unchanged); `nil` when no answer came.
    public var status: Int?
    /// `new`, `changed`, `unchanged`, `not-modified` or `failed`.
    public var outcome: String
    /// The last failure's message, when the last attempt failed.
    public var error: String?
    /// The `ETag` of the stored body.
    public var etag: String?
    /// The `Last-Modified` of the stored body.
    public var lastModified: String?
    /// The stored body's size in bytes.
    public var size: Int64?
    /// The stored body's SHA-256 (a key of `scrape_objects` for documents).
    public var sha256: String?
    /// The readable name in the archive (relative to its root), for documents.
    public var name: String?
    /// The department, from the sources file.
    public var department: String?
    /// The year, from the source's year pattern.
    public var year: Int?

    /// A state from its fields.
    public init(
        source: String, url: String, kind: String, finalURL: String? = nil, fetchedAt: String? = nil,
        checkedAt: String? = nil, status: Int? = nil, outcome: String, error: String? = nil,
        etag: String? = nil,
        lastModified: String? = nil, size: Int64? = nil, sha256: String? = nil, name: String? = nil,
        department: String? = nil, year: Int? = nil
    ) {
        self.source = source
        self.url = url
        self.kind = kind
        self.finalURL = finalURL
        self.fetchedAt = fetchedAt
        self.checkedAt = checkedAt
        self.status = status
        self.outcome = outcome
        self.error = error
        self.etag = etag
        self.lastModified = lastModified
        self.size = size
        self.sha256 = sha256
        self.name = name
        self.department = department
        self.year = year
    }
}

/// A stored file that has not been through `juesuan batch` yet.
public struct PendingObject: Sendable, Hashable {
    /// The file's SHA-256.
    public var sha256: String
    /// The path handed to the batch stage (a readable name when there is one).
    public var path: String
}

/// Why the provenance store failed.
public struct ProvenanceError: JuesuanError, CustomStringConvertible {
    /// What went wrong.
    public var message: String
}

/// The scrape's own tables (`scrape_*`, migrations `scrape-*`) in the SQLite database that the
/// batch store uses too (`--db`), opened in WAL mode. See docs/scrape.md for the schema.
public struct ProvenanceStore: Sendable {
    let pool: DatabasePool

    /// Opens the database (creating it when needed) and migrates the scrape tables.
    public init(path: String) throws(ProvenanceError) {
        do {
            // WAL mode; another run or the batch stage may hold the database (a migration, a
            // document's transaction): wait for it rather than fail.
            var configuration = Configuration()
            configuration.busyMode = .timeout(30)
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw ProvenanceError(message: "\(path): cannot open the database: \(error)")
        }
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("scrape-1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE scrape_objects (
                        sha256 TEXT PRIMARY KEY NOT NULL,
                        size INTEGER NOT NULL,
                        path TEXT NOT NULL,
                        first_name TEXT,
                        first_seen TEXT NOT NULL,
                        processed_at TEXT,
                        batch_status INTEGER
                    );
                    CREATE TABLE scrape_urls (
                        source TEXT NOT NULL,
                        url TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        final_url TEXT,
                        fetched_at TEXT,
                        checked_at TEXT,
                        status INTEGER,
                        outcome TEXT NOT NULL,
                        error TEXT,
                        etag TEXT,
                        last_modified TEXT,
                        size INTEGER,
                        sha256 TEXT,
                        name TEXT,
                        department TEXT,
                        year INTEGER,
                        PRIMARY KEY (source, url)
                    );
                    CREATE INDEX scrape_urls_sha256 ON scrape_urls(sha256);
                    CREATE TABLE scrape_links (
                        source TEXT NOT NULL,
                        index_url TEXT NOT NULL,
                        url TEXT NOT NULL,
                        text TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        PRIMARY KEY (source, index_url, url)
                    );
                    """)
        }
        return migrator
    }

    /// The stored state of a URL of a source.
    public func state(source: String, url: String) async throws(ProvenanceError) -> URLState? {
        try await run { db in
            try Row.fetchOne(
                db, sql: "SELECT * FROM scrape_urls WHERE source = ? AND url = ?", arguments: [source, url]
            )
            .map(Self.state)
        }
    }

    /// Every stored URL state, ordered by source and URL.
    public func allStates() async throws(ProvenanceError) -> [URLState] {
        try await run { db in
            try Row.fetchAll(db, sql: "SELECT * FROM scrape_urls ORDER BY source, url").map(Self.state)
        }
    }

    /// Saves a URL's state (replacing the previous one).
    public func save(_ state: URLState) async throws(ProvenanceError) {
        try await run { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO scrape_urls (source, url, kind, final_url, fetched_at, checked_at, status,
                        outcome, error, etag, last_modified, size, sha256, name, department, year)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    state.source, state.url, state.kind, state.finalURL, state.fetchedAt, state.checkedAt,
                    state.status,
                    state.outcome, state.error, state.etag, state.lastModified, state.size, state.sha256,
                    state.name,
                    state.department, state.year,
                ])
        }
    }

    /// Records a stored object; returns `true` when its SHA-256 was not known before.
    public func addObject(sha256: String, size: Int64, path: String, name: String?, at time: String)
        async throws(ProvenanceError)
        -> Bool
    {
        try await run { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO scrape_objects (sha256, size, path, first_name, first_seen)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [sha256, size, path, name, time])
            return db.changesCount > 0
        }
    }

    /// The links last read from an index page.
    public func links(source: String, indexURL: String) async throws(ProvenanceError) -> [Link] {
        try await run { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT url, text FROM scrape_links WHERE source = ? AND index_url = ? ORDER BY position",
                arguments: [source, indexURL]
            ).map { Link(url: $0["url"], text: $0["text"]) }
        }
    }

    /// Replaces the links of an index page.
    public func setLinks(_ links: [Link], source: String, indexURL: String)
        async throws(ProvenanceError)
    {
        try await run { db in
            try db.execute(
                sql: "DELETE FROM scrape_links WHERE source = ? AND index_url = ?",
                arguments: [source, indexURL])
            for (position, link) in links.enumerated() {
                try db.execute(
                    sql:
                        "INSERT OR IGNORE INTO scrape_links (source, index_url, url, text, position) VALUES (?, ?, ?, ?, ?)",
                    arguments: [source, indexURL, link.url, link.text, position])
            }
        }
    }

    /// Stored files not yet handed to the batch stage (with their first readable name's path), oldest first.
    public func pendingObjects(archiveRoot: String) async throws(ProvenanceError) -> [PendingObject] {
        try await run { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT sha256, path, first_name FROM scrape_objects WHERE processed_at IS NULL ORDER BY first_seen, sha256"
            ).map { row in
                let name: String? = row["first_name"]
                return PendingObject(
                    sha256: row["sha256"], path: name.map { "\(archiveRoot)/\($0)" } ?? row["path"])
            }
        }
    }

    /// Marks files as handed to the batch stage, with its exit status.
    public func markProcessed(_ shas: [String], batchStatus: Int32, at time: String)
        async throws(ProvenanceError)
    {
        try await run { db in
            for sha in shas {
                try db.execute(
                    sql: "UPDATE scrape_objects SET processed_at = ?, batch_status = ? WHERE sha256 = ?",
                    arguments: [time, Int(batchStatus), sha])
            }
        }
    }

    /// How many URLs point at each object, keyed by SHA-256 (for reports and tests).
    public func linkCounts() async throws(ProvenanceError) -> [String: Int] {
        try await run { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql:
                    "SELECT o.sha256 AS sha, COUNT(u.url) AS n FROM scrape_objects o LEFT JOIN scrape_urls u ON u.sha256 = o.sha256 GROUP BY o.sha256"
            ) {
                counts[row["sha"]] = row["n"]
            }
            return counts
        }
    }

    private func run<T: Sendable>(_ body: @Sendable @escaping (Database) throws -> T)
        async throws(ProvenanceError) -> T
    {
        do {
            return try await pool.write(body)
        } catch {
            throw ProvenanceError(message: "the scrape tables: \(error)")
        }
    }

    private static func state(_ row: Row) -> URLState {
        URLState(
            source: row["source"], url: row["url"], kind: row["kind"], finalURL: row["final_url"],
            fetchedAt: row["fetched_at"], checkedAt: row["checked_at"], status: row["status"],
            outcome: row["outcome"],
            error: row["error"], etag: row["etag"], lastModified: row["last_modified"], size: row["size"],
            sha256: row["sha256"], name: row["name"], department: row["department"], year: row["year"])
    }
}

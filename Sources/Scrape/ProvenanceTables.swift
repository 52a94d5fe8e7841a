import Store

/// `scrape_objects`: one row per distinct stored file (docs/scrape.md).
enum ScrapeObjectsTable {
    static let sha256 = StoreColumn<String>("sha256", primaryKey: true)
    static let size = StoreColumn<Int64>("size")
    static let path = StoreColumn<String>("path")
    static let firstName = StoreColumn<String?>("first_name")
    static let firstSeen = StoreColumn<String>("first_seen")
    static let processedAt = StoreColumn<String?>("processed_at")
    static let batchStatus = StoreColumn<Int?>("batch_status")

    static let description = TableDescription(
        "scrape_objects", columns: [sha256, size, path, firstName, firstSeen, processedAt, batchStatus],
        layout: .compact)
}

/// `scrape_urls`: one row per (source, URL), its provenance and validators.
enum ScrapeURLsTable {
    static let source = StoreColumn<String>("source")
    static let url = StoreColumn<String>("url")
    static let kind = StoreColumn<String>("kind")
    static let finalURL = StoreColumn<String?>("final_url")
    static let fetchedAt = StoreColumn<String?>("fetched_at")
    static let checkedAt = StoreColumn<String?>("checked_at")
    static let status = StoreColumn<Int?>("status")
    static let outcome = StoreColumn<String>("outcome")
    static let error = StoreColumn<String?>("error")
    static let etag = StoreColumn<String?>("etag")
    static let lastModified = StoreColumn<String?>("last_modified")
    static let size = StoreColumn<Int64?>("size")
    static let sha256 = StoreColumn<String?>("sha256")
    static let name = StoreColumn<String?>("name")
    static let department = StoreColumn<String?>("department")
    static let year = StoreColumn<Int?>("year")

    static let description = TableDescription(
        "scrape_urls",
        columns: [
            source, url, kind, finalURL, fetchedAt, checkedAt, status, outcome, error, etag, lastModified, size,
            sha256, name, department, year,
        ],
        primaryKey: [source.name, url.name], indexes: [IndexDescription("scrape_urls_sha256", on: [sha256.name])],
        layout: .compact)

    /// The row of a URL's state.
    static func encode(_ state: URLState) -> StoredRow {
        var row = StoredRow(description.name)
        row.set(source, state.source)
        row.set(url, state.url)
        row.set(kind, state.kind)
        row.set(finalURL, state.finalURL)
        row.set(fetchedAt, state.fetchedAt)
        row.set(checkedAt, state.checkedAt)
        row.set(status, state.status)
        row.set(outcome, state.outcome)
        row.set(error, state.error)
        row.set(etag, state.etag)
        row.set(lastModified, state.lastModified)
        row.set(size, state.size)
        row.set(sha256, state.sha256)
        row.set(name, state.name)
        row.set(department, state.department)
        row.set(year, state.year)
        return row
    }

    /// A URL's state from its row.
    static func decode(_ row: StoredRow) throws(StoreError) -> URLState {
        URLState(
            source: try row.value(source), url: try row.value(url), kind: try row.value(kind),
            finalURL: try row.value(finalURL), fetchedAt: try row.value(fetchedAt),
            checkedAt: try row.value(checkedAt), status: try row.value(status), outcome: try row.value(outcome),
            error: try row.value(error), etag: try row.value(etag), lastModified: try row.value(lastModified),
            size: try row.value(size), sha256: try row.value(sha256), name: try row.value(name),
            department: try row.value(department), year: try row.value(year))
    }
}

/// `scrape_links`: the matching links last read from each index page, in page order.
enum ScrapeLinksTable {
    static let source = StoreColumn<String>("source")
    static let indexURL = StoreColumn<String>("index_url")
    static let url = StoreColumn<String>("url")
    static let text = StoreColumn<String>("text")
    static let position = StoreColumn<Int>("position")

    static let description = TableDescription(
        "scrape_links", columns: [source, indexURL, url, text, position],
        primaryKey: [source.name, indexURL.name, url.name], layout: .compact)
}

extension ProvenanceStore {
    /// The scrape's migrations, contributed to the database's one migrator (``Store/SQLiteSchema``).
    public static let migrations: [SQLiteMigration] = [
        SQLiteMigration(
            "scrape-1",
            tables: [ScrapeObjectsTable.description, ScrapeURLsTable.description, ScrapeLinksTable.description])
    ]
}

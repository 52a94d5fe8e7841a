import AsyncHTTPClient
import Basics
import FoundationEssentials
import Logging

/// A file that a run stored for the first time (new, or a changed version of a known URL).
public struct ArchivedFile: Sendable, Hashable {
    /// The source's name.
    public var source: String
    /// The URL it was published at.
    public var url: String
    /// Its SHA-256.
    public var sha256: String
    /// Its readable name's absolute path in the archive.
    public var path: String
    /// `true` when the URL had been fetched before with other content.
    public var changed: Bool
}

/// A URL that could not be fetched or stored.
public struct FetchFailureReport: Sendable, Hashable {
    /// The source's name.
    public var source: String
    /// The URL.
    public var url: String
    /// Why.
    public var message: String
}

/// What one run did.
public struct ScrapeReport: Sendable {
    /// Files stored for the first time, in source and URL order.
    public var archived: [ArchivedFile] = []
    /// URLs whose body was fetched but whose content was already stored (same file published again, or unchanged).
    public var alreadyStored = 0
    /// URLs answered `304 Not Modified`.
    public var notModified = 0
    /// Requests that failed, in source and URL order.
    public var failures: [FetchFailureReport] = []
    /// Files handed to the batch stage.
    public var processed: [String] = []
    /// Whether the batch stage reported findings or failures (exit status 1).
    public var batchFindings = false
    /// Problems running the batch stage (files stay pending for the next `--process` run).
    public var batchFailures: [String] = []

    /// 0 when nothing failed and the batch stage (if run) was clean, else 1.
    public var exitCode: Int32 { failures.isEmpty && batchFailures.isEmpty && !batchFindings ? 0 : 1 }
}

/// Whatever stops a run before it starts fetching (the archive, its lock or the database).
public struct ScrapeError: JuesuanError, CustomStringConvertible {
    /// The message for the `error:` line.
    public var message: String
}

/// One scrape: fetches every source politely, stores new files in the archive with their
/// provenance, and (with a ``BatchRunner``) hands what is new to the batch stage.
public struct Scraper: Sendable {
    /// The sources to fetch.
    public var sources: [Source]
    /// The archive folder.
    public var archivePath: String
    /// The SQLite database (shared with the batch store).
    public var databasePath: String
    /// Runs the batch stage on pending files when set (`--process`).
    public var batch: BatchRunner?
    /// How long to wait for another run's lock on the archive.
    public var lockTimeout: Duration
    /// Progress messages (to standard error in the CLI).
    public var logger: Logger

    /// A scrape from its settings.
    public init(
        sources: [Source], archivePath: String, databasePath: String, batch: BatchRunner? = nil,
        lockTimeout: Duration = .seconds(600),
        logger: Logger = Logger(label: "juesuan.scrape", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.sources = sources
        self.archivePath = archivePath
        self.databasePath = databasePath
        self.batch = batch
        self.lockTimeout = lockTimeout
        self.logger = logger
    }

    /// Runs the scrape. Throws only when it cannot start; failed fetches are in the report.
    public func run() async throws(ScrapeError) -> ScrapeReport {
        let archive: Archive
        let lock: ArchiveLock
        let store: ProvenanceStore
        do {
            archive = try Archive(path: archivePath)
            lock = try await archive.lock(timeout: lockTimeout)
            // Under the lock, whatever is in .tmp/ was left by a run that crashed.
            archive.removeLeftovers()
        } catch {
            throw ScrapeError(message: error.message)
        }
        defer { lock.release() }
        do {
            store = try ProvenanceStore(path: databasePath)
        } catch {
            throw ScrapeError(message: error.message)
        }
        // Redirects are followed by hand (Fetcher), to check each hop's host.
        let configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let gate = HostGate()
        for source in sources {
            for host in source.hosts { await gate.register(host: host, politeness: source.politeness) }
        }
        let work = Work(
            fetcher: Fetcher(client: client, gate: gate, logger: logger), archive: archive, store: store,
            logger: logger)
        var report = ScrapeReport()
        let results = await withTaskGroup(of: [Event].self) { group in
            for source in sources {
                group.addTask { await work.scrape(source) }
            }
            var all: [Event] = []
            for await events in group { all += events }
            return all
        }
        try? await client.shutdown()
        for event in results.sorted(by: { ($0.source, $0.url) < ($1.source, $1.url) }) {
            switch event.kind {
            case .archived(let file): report.archived.append(file)
            case .alreadyStored: report.alreadyStored += 1
            case .notModified: report.notModified += 1
            case .failed(let message):
                report.failures.append(
                    FetchFailureReport(source: event.source, url: event.url, message: message))
            }
        }
        if let batch {
            await process(with: batch, store: store, archive: archive, into: &report)
        }
        return report
    }

    private func process(
        with batch: BatchRunner, store: ProvenanceStore, archive: Archive,
        into report: inout ScrapeReport
    ) async {
        let pending: [PendingObject]
        do {
            pending = try await store.pendingObjects(archiveRoot: archive.root)
        } catch {
            report.batchFailures.append(error.message)
            return
        }
        var start = 0
        while start < pending.count {
            let chunk = Array(pending[start..<min(start + batch.chunkSize, pending.count)])
            start += chunk.count
            let files = chunk.map(\.path)
            switch await batch.run(files: files) {
            case .exited(let status) where status == 0 || status == 1:
                if status == 1 { report.batchFindings = true }
                report.processed += files
                do {
                    try await store.markProcessed(chunk.map(\.sha256), batchStatus: status, at: Self.now())
                } catch {
                    report.batchFailures.append(error.message)
                }
            case .exited(let status):
                report.batchFailures.append(
                    "batch exited with status \(status) for \(files.count) file(s); they stay pending")
            case .signalled(let signal):
                report.batchFailures.append(
                    "batch was killed by signal \(signal) for \(files.count) file(s); they stay pending")
            case .notStarted(let message):
                report.batchFailures.append(message)
                return
            }
        }
    }

    static func now() -> String { Date.now.formatted(.iso8601) }
}

/// What happened to one URL.
struct Event: Sendable {
    enum Kind: Sendable {
        case archived(ArchivedFile)
        case alreadyStored
        case notModified
        case failed(String)
    }

    var source: String
    var url: String
    var kind: Kind
}

/// The fetching and storing of one run, shared by its tasks.
struct Work: Sendable {
    let fetcher: Fetcher
    let archive: Archive
    let store: ProvenanceStore
    let logger: Logger

    /// Every event of one source: its index (if any) and its documents, fetched concurrently
    /// (the host gate keeps it polite).
    func scrape(_ source: Source) async -> [Event] {
        var targets: [Link]
        switch source.kind {
        case .urls(let urls):
            targets = urls.map { Link(url: $0, text: "") }
        case .index(let url, let pattern):
            do {
                targets = try await indexLinks(source: source, url: url, pattern: pattern)
            } catch {
                return [Event(source: source.name, url: url, kind: .failed(error.message))]
            }
        }
        var seen: Set<String> = []
        targets = targets.filter { seen.insert($0.url).inserted }
        let unique = targets
        return await withTaskGroup(of: Event.self) { group in
            for target in unique {
                group.addTask { await document(target, source: source) }
            }
            var events: [Event] = []
            for await event in group { events.append(event) }
            return events
        }
    }

    private func indexLinks(source: Source, url: String, pattern: String) async throws(FetchFailure)
        -> [Link]
    {
        let previous: URLState?
        do {
            previous = try await store.state(source: source.name, url: url)
        } catch {
            throw FetchFailure(message: error.message, retryable: false)
        }
        let validators = previous.flatMap { state -> Fetcher.Validators? in
            guard state.outcome != "failed" || state.sha256 != nil,
                state.etag != nil || state.lastModified != nil
            else {
                return nil
            }
            return Fetcher.Validators(etag: state.etag, lastModified: state.lastModified)
        }
        let now = Scraper.now()
        do {
            guard
                let body = try await changedBody(
                    url, source: source, validators: validators, previous: previous, at: now)
            else {
                return try await store.links(source: source.name, indexURL: url)
            }
            let regex = try Regex(pattern)
            let html = String(decoding: body.bytes, as: UTF8.self)
            let links = Links.extract(html: html, base: body.finalURL).filter {
                $0.url.firstMatch(of: regex) != nil
            }
            try await store.setLinks(links, source: source.name, indexURL: url)
            let sha = Checksum.sha256Hex(Array(body.bytes))
            try await store.save(
                URLState(
                    source: source.name, url: url, kind: "index", finalURL: body.finalURL, fetchedAt: now,
                    checkedAt: now, status: body.status,
                    outcome: previous?.sha256 == nil ? "new" : previous?.sha256 == sha ? "unchanged" : "changed",
                    etag: body.etag, lastModified: body.lastModified, size: Int64(body.bytes.count),
                    sha256: sha,
                    department: source.department))
            logger.info("\(source.name): \(links.count) matching link(s) on \(url)")
            return links
        } catch let failure as FetchFailure {
            await saveFailure(
                previous, source: source, url: url, kind: "index", failure: failure, at: now)
            throw failure
        } catch {
            let failure = FetchFailure(message: "\(error)", retryable: false)
            await saveFailure(
                previous, source: source, url: url, kind: "index", failure: failure, at: now)
            throw failure
        }
    }

    private func document(_ link: Link, source: Source) async -> Event {
        let url = link.url
        let now = Scraper.now()
        var previous: URLState?
        do {
            previous = try await store.state(source: source.name, url: url)
            // Ask conditionally only when the stored copy is still in the archive.
            let validators = previous.flatMap { state -> Fetcher.Validators? in
                guard let sha = state.sha256, state.etag != nil || state.lastModified != nil,
                    FileManager.default.fileExists(atPath: archive.objectPath(sha256: sha))
                else { return nil }
                return Fetcher.Validators(etag: state.etag, lastModified: state.lastModified)
            }
            guard
                let body = try await changedBody(
                    url, source: source, validators: validators, previous: previous, at: now)
            else {
                return Event(source: source.name, url: url, kind: .notModified)
            }
            guard Bytes.hasPDFHeader(body.bytes) else {
                throw FetchFailure(
                    message: "not a PDF (Content-Type \(body.contentType ?? "none"), no %PDF- header)",
                    retryable: false, status: body.status)
            }
            let sha = Checksum.sha256Hex(Array(body.bytes))
            let objectPath = try archive.storeObject(body.bytes, sha256: sha)
            let name =
                previous?.name
                ?? Archive.namePath(
                    source: source.name,
                    fileName: SafeName.fileName(url: url, contentDisposition: body.contentDisposition))
            let namePath = try archive.link(name, to: sha)
            let isNew = try await store.addObject(
                sha256: sha, size: Int64(body.bytes.count), path: objectPath, name: name, at: now)
            let changed = previous?.sha256 != nil && previous?.sha256 != sha
            let outcome = previous?.sha256 == nil ? "new" : changed ? "changed" : "unchanged"
            let year = source.yearPattern.flatMap {
                Self.year(
                    pattern: $0,
                    in: [SafeName.percentDecoded(url) ?? url, link.text, body.contentDisposition ?? ""])
            }
            try await store.save(
                URLState(
                    source: source.name, url: url, kind: "pdf", finalURL: body.finalURL, fetchedAt: now,
                    checkedAt: now,
                    status: body.status, outcome: outcome, etag: body.etag, lastModified: body.lastModified,
                    size: Int64(body.bytes.count), sha256: sha, name: name, department: source.department,
                    year: year))
            if isNew {
                logger.info("\(source.name): \(outcome) \(url) → \(name)")
                return Event(
                    source: source.name, url: url,
                    kind: .archived(
                        ArchivedFile(
                            source: source.name, url: url, sha256: sha, path: namePath, changed: changed)))
            }
            return Event(source: source.name, url: url, kind: .alreadyStored)
        } catch let failure as FetchFailure {
            await saveFailure(previous, source: source, url: url, kind: "pdf", failure: failure, at: now)
            return Event(source: source.name, url: url, kind: .failed(failure.message))
        } catch let error as JuesuanError {
            // The archive's and the provenance store's errors.
            return Event(source: source.name, url: url, kind: .failed(error.message))
        } catch {
            return Event(source: source.name, url: url, kind: .failed("\(error)"))
        }
    }

    /// GETs `url`, conditionally when there are validators: the body when it changed, `nil` after
    /// recording a 304 against `previous` (index pages and documents alike).
    private func changedBody(
        _ url: String, source: Source, validators: Fetcher.Validators?, previous: URLState?, at now: String
    ) async throws -> FetchedBody? {
        switch try await fetcher.get(
            url, validators: validators, allowedHosts: source.hosts, politeness: source.politeness)
        {
        case .notModified(let finalURL):
            try await Self.recordNotModified(
                previous, validated: validators != nil, finalURL: finalURL, at: now, in: store)
            return nil
        case .body(let body):
            return body
        }
    }

    /// Keeps the previous copy's provenance and validators, with the failure on top.
    private func saveFailure(
        _ previous: URLState?, source: Source, url: String, kind: String, failure: FetchFailure,
        at now: String
    )
        async
    {
        var state =
            previous
            ?? URLState(
                source: source.name, url: url, kind: kind, outcome: "failed", department: source.department)
        state.checkedAt = now
        state.status = failure.status
        state.outcome = "failed"
        state.error = failure.message
        try? await store.save(state)
    }

    /// Records a 304: the URL's stored state, checked again at `now`. A 304 to a request that sent
    /// no validators is a server's mistake, a failure.
    static func recordNotModified(
        _ previous: URLState?, validated: Bool, finalURL: String, at now: String, in store: ProvenanceStore
    ) async throws {
        guard var state = previous, validated else {
            throw FetchFailure(message: "HTTP 304 to a request without validators", retryable: false, status: 304)
        }
        state.checkedAt = now
        state.status = 304
        state.outcome = "not-modified"
        state.error = nil
        state.finalURL = finalURL
        try await store.save(state)
    }

    /// The year a pattern finds (first capture group, else the whole match) in the first text where it matches.
    static func year(pattern: String, in texts: [String]) -> Int? {
        guard let regex = try? Regex(pattern) else { return nil }
        for text in texts {
            guard let match = text.firstMatch(of: regex) else { continue }
            let captured = match.output.count > 1 ? match.output[1].substring : match.output[0].substring
            if let captured, let year = Int(captured), (1900...2100).contains(year) { return year }
        }
        return nil
    }
}

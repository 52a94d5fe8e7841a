import Basics
import Foundation
import Store
import Synchronization

/// What a batch run is told to do.
public struct BatchConfiguration: Sendable {
    /// The documents, in the order they are started.
    public var files: [String]
    /// How many worker processes run at once.
    public var jobs: Int
    /// The time limit of one document.
    public var timeout: Duration
    /// Process documents already stored again (replacing what was stored).
    public var force: Bool
    /// How serving workers are started (`juesuan worker --serve …`; ``WorkerPool``).
    public var worker: WorkerCommand
    /// A worker is replaced after this many documents.
    public var documentsPerWorker: Int
    /// Where the workers' result files go (created if needed, emptied of this run's files at the end).
    public var scratchFolder: String

    /// A configuration from its parts.
    public init(
        files: [String], jobs: Int, timeout: Duration, force: Bool, worker: WorkerCommand,
        documentsPerWorker: Int = 200, scratchFolder: String
    ) {
        self.files = files
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self.force = force
        self.worker = worker
        self.documentsPerWorker = max(1, documentsPerWorker)
        self.scratchFolder = scratchFolder
    }

    /// Runs `body` with a pool of ``jobs`` serving workers for this configuration (the scratch
    /// folder is created first), and ends the workers when `body` returns or throws.
    public func withPool<T>(_ body: (WorkerPool) async throws -> T) async throws -> T {
        try FileManager.default.createDirectory(atPath: scratchFolder, withIntermediateDirectories: true)
        let pool = WorkerPool(
            command: worker, size: jobs, documentsPerWorker: documentsPerWorker, scratchFolder: scratchFolder)
        let value: T
        do {
            value = try await body(pool)
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        return value
    }
}

/// What happened to one document of a batch.
public enum DocumentOutcome: Sendable {
    /// Processed (or recorded as failed) and stored now; `detail` is the worker's last message for
    /// a failure.
    case stored(DocumentSummary, seconds: Double, detail: String?)
    /// Already in the store (not processed again): whether it failed, how many error findings and
    /// mismatches it has.
    case skipped(path: String, failed: Bool, errors: Int, mismatches: Int)
    /// The same bytes as another document of this run.
    case duplicate(path: String, of: String)
    /// Not even its bytes could be read, so it has no key and is not stored.
    case unreadable(path: String)

    /// The document's path.
    public var path: String {
        switch self {
        case .stored(let result, _, _): result.identity.path
        case .skipped(let path, _, _, _), .duplicate(let path, _), .unreadable(let path): path
        }
    }
}

/// Runs a batch: hashes each document, skips the ones stored, processes the others in serving
/// worker processes (``WorkerPool``, at most `jobs` at once, largest files first) and saves each
/// result in its own transaction as it arrives.
public enum BatchRunner {
    /// Processes every file of `configuration`; `report` sees each outcome as it happens, in the
    /// calling task. Throws when the store cannot save anything (the batch stops there).
    public static func run(
        _ configuration: BatchConfiguration, store: any ArchiveStore, report: (DocumentOutcome) -> Void
    ) async throws {
        try await configuration.withPool { pool in
            try await run(configuration, pool: pool, store: store, report: report)
        }
    }

    private static func run(
        _ configuration: BatchConfiguration, pool: WorkerPool, store: any ArchiveStore,
        report: (DocumentOutcome) -> Void
    ) async throws {
        let claimed = Claims()
        let order = startOrder(configuration.files)
        try await withThrowingTaskGroup(of: Step.self) { group in
            var next = 0
            func startNext() {
                guard next < order.count else { return }
                let index = order[next]
                let file = configuration.files[index]
                next += 1
                group.addTask {
                    try await process(
                        file, index: index, configuration: configuration, pool: pool, store: store,
                        claimed: claimed)
                }
            }
            for _ in 0..<configuration.jobs { startNext() }
            while let step = try await group.next() {
                // The next document goes to the worker now free while this one is being stored.
                startNext()
                switch step {
                case .done(let outcome):
                    report(outcome)
                case .save(let result, let seconds, let detail):
                    var saved = result
                    do {
                        try await store.save(result)
                    } catch {
                        // A result that cannot be stored is recorded as a failure with the reason.
                        saved = DocumentResult(
                            identity: result.identity, status: .failed(reason: "not stored: \(error)"))
                        try await store.save(saved)
                    }
                    report(.stored(DocumentSummary(saved), seconds: seconds, detail: detail))
                }
            }
        }
    }

    /// What a document's task hands back to the batch: an outcome, or a result still to be saved.
    enum Step: Sendable {
        case done(DocumentOutcome)
        case save(DocumentResult, seconds: Double, detail: String?)
    }

    /// The order documents are started in: the largest files first (ties in the order given), so
    /// that the documents still running when the others are done are small ones and no worker waits
    /// long for the last, large one at the end (longest-processing-time-first scheduling). Files
    /// whose size cannot be read come last.
    static func startOrder(_ files: [String]) -> [Int] {
        let sizes = files.map { file -> Int64 in
            var info = stat()
            return stat(file, &info) == 0 ? Int64(info.st_size) : -1
        }
        return files.indices.sorted { sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : $0 < $1 }
    }

    /// One document: its key, the store's answer, the worker's result.
    static func process(
        _ file: String, index: Int, configuration: BatchConfiguration, pool: WorkerPool,
        store: any ArchiveStore, claimed: Claims
    ) async throws -> Step {
        guard let (sha256, size) = Checksum.sha256Hex(fileAtPath: file) else {
            return .done(.unreadable(path: file))
        }
        let first = claimed.first.withLock { seen -> String? in
            if let first = seen[sha256] { return first }
            seen[sha256] = file
            return nil
        }
        if let first { return .done(.duplicate(path: file, of: first)) }
        if !configuration.force, try await store.contains(sha256: sha256) {
            let table = try await store.export(
                .documents, filters: [ExportFilter(column: "sha256", value: sha256)])
            let columns = table.columns
            var failed = false
            var errors = 0
            var mismatches = 0
            if let row = table.rows.first {
                if let status = columns.firstIndex(of: "status"), case .text(let text) = row[status] {
                    failed = text == "failed"
                }
                if let count = columns.firstIndex(of: "errors"), case .integer(let number) = row[count] {
                    errors = Int(number)
                }
                if let count = columns.firstIndex(of: "mismatches"), case .integer(let number) = row[count] {
                    mismatches = Int(number)
                }
            }
            return .done(.skipped(path: file, failed: failed, errors: errors, mismatches: mismatches))
        }
        let (product, seconds, detail) = await work(
            file, sha256: sha256, size: size, index: index, configuration: configuration, pool: pool)
        switch product {
        case .saved(let summary): return .done(.stored(summary, seconds: seconds, detail: detail))
        case .result(let result): return .save(result, seconds: seconds, detail: detail)
        }
    }

    /// What a worker made of a document.
    enum Product: Sendable {
        /// The result, to be saved by the caller.
        case result(DocumentResult)
        /// The worker saved the result itself; this is its summary.
        case saved(DocumentSummary)
    }

    /// Has a worker of `pool` process `file` and returns its result (a failed one, with the reason,
    /// when the worker crashed, hung or gave nothing back), how long it took, and the worker's last
    /// line on standard error for a failure. Stores nothing: the caller does (a PostgreSQL queue
    /// worker), so the worker command must not have `--save`.
    public static func runWorker(
        _ file: String, sha256: String, size: Int64, index: Int, configuration: BatchConfiguration,
        pool: WorkerPool
    ) async -> (result: DocumentResult, seconds: Double, detail: String?) {
        let (product, seconds, detail) = await work(
            file, sha256: sha256, size: size, index: index, configuration: configuration, pool: pool)
        switch product {
        case .result(let result):
            return (result, seconds, detail)
        case .saved(let summary):
            // A worker told to hand its result back saved it instead: say so rather than lose it.
            let reason = "failed: the worker saved the result itself (its command has --save)"
            return (DocumentResult(identity: summary.identity, status: .failed(reason: reason)), seconds, detail)
        }
    }

    /// One document through a worker: its result, or its summary when the worker saved it.
    static func work(
        _ file: String, sha256: String, size: Int64, index: Int, configuration: BatchConfiguration,
        pool: WorkerPool
    ) async -> (product: Product, seconds: Double, detail: String?) {
        let identity = DocumentIdentity(sha256: sha256, path: file, size: size)
        let output = configuration.scratchFolder + "/\(index).json"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let start = ContinuousClock.now
        let (outcome, detail) = await pool.process(
            WorkerRequest(file: file, output: output, sha256: sha256, size: size), timeout: configuration.timeout)
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        func failed(_ reason: String) -> (product: Product, seconds: Double, detail: String?) {
            (.result(DocumentResult(identity: identity, status: .failed(reason: reason))), seconds, detail)
        }
        switch outcome {
        case .timedOut:
            return failed("timeout")
        case .signalled(let signal):
            return failed("crashed: signal \(signal)")
        case .notStarted(let why):
            return failed("worker not started: \(why)")
        case .exited(let status):
            return failed("failed: exit \(status)")
        case .answered(let answer):
            if let error = answer.error { return failed("failed: \(error)") }
            if let summary = answer.stored { return (.saved(summary), seconds, detail) }
            // The worker stored the batch's own key, path and size in the result (the request's).
            guard let data = FileManager.default.contents(atPath: output),
                let result = try? JSONDecoder().decode(DocumentResult.self, from: data)
            else { return failed("failed: no result from the worker") }
            return (.result(result), seconds, detail)
        }
    }
}

/// The first path of each SHA-256 seen in this run, shared by the documents' tasks.
final class Claims: Sendable {
    let first = Mutex<[String: String]>([:])
}

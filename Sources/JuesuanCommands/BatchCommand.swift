import ArgumentParser
import Basics
import Batch
import Foundation
import Pipeline
import PostgresStore
import Reconciler
import Store
import Synchronization

/// `juesuan batch PATH… --db DB`: every PDF under the paths, each in its own worker process,
/// into the store (docs/batch.md).
struct Batch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Process folders of reports into a store: facts, findings, mismatches.",
        discussion: """
            Each document is read in a separate worker process with a time limit, so a document that \
            crashes or hangs is recorded as failed (with its reason) and the batch goes on. Documents \
            whose SHA-256 is already stored are skipped unless --force. Mismatches are computed against \
            the store's records (juesuan records import, or --records, which imports the file first) \
            for every document whose department has records. Exit code 1 when a document failed, \
            has error findings or has mismatches.
            With --db postgres://…, several machines share the work: `--enqueue PATH…` queues the \
            documents, and each `--work` process (on any machine that sees the same paths) claims \
            them one at a time with FOR UPDATE SKIP LOCKED until the queue is empty; a worker that \
            dies releases its claim when its lease expires (docs/postgres.md).
            """)

    @Argument(help: "PDF files, or folders to search for *.pdf (none with --work).")
    var paths: [String] = []

    @Option(help: "The store: an SQLite file (created if missing) or a postgres:// URL.")
    var db: String

    @Flag(help: "PostgreSQL only: queue the documents under PATH… for --work processes, and stop.")
    var enqueue = false

    @Flag(help: "PostgreSQL only: process queued documents until the queue is empty.")
    var work = false

    @Option(help: "With --work: how long a claim lasts without a heartbeat, in seconds.")
    var lease: Int = 300

    @Option(help: "How many documents to process at once (default: the number of cores).")
    var jobs: Int?

    @Option(
        help:
            "A records CSV to import into the store before the batch (replacing records with the same key)."
    )
    var records: String?

    @Option(help: "The records file's character set: UTF-8, GB18030 or GBK (default: detected).")
    var encoding: String?

    @Option(help: "The time limit of one document, in seconds.")
    var timeout: Int = 120

    @Flag(help: "Process documents already stored again, replacing what was stored.")
    var force = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
        if lease < 1 { throw ValidationError("--lease must be at least 1 second") }
        if enqueue && work { throw ValidationError("--enqueue and --work are separate steps; give one") }
        if (enqueue || work) && !Stores.isPostgres(db) {
            throw ValidationError("--enqueue and --work need a postgres:// store (--db)")
        }
        if work && !paths.isEmpty { throw ValidationError("--work takes no paths: it processes the queue") }
        if !work && paths.isEmpty { throw ValidationError("give the PDF files or folders to process") }
    }

    func run() async throws {
        if enqueue || work {
            try await runQueue()
            return
        }
        let files = try Inputs.pdfs(in: paths)
        let store = try await openStore(db)
        defer { Stores.close(store) }
        try await importRecords(into: store)
        let scratch = FileManager.default.temporaryDirectory.path + "/juesuan-batch-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let configuration = workerConfiguration(files: files, scratch: scratch, saving: store is SQLiteStore)
        var progress = BatchProgress(total: files.count, bar: BatchProgress.standardErrorIsTerminal)
        progress.draw(force: true)
        try await BatchRunner.run(configuration, store: store) { outcome in progress.record(outcome) }
        progress.finish()
        if progress.hasFindings { throw ExitCode(1) }
    }

    /// How documents are processed: worker processes of this executable, with the time limit. With
    /// an SQLite store (`saving`), each worker saves its documents' results itself.
    private func workerConfiguration(files: [String], scratch: String, saving: Bool) -> BatchConfiguration {
        var environment = ProcessInfo.processInfo.environment
        // A crashing worker should end at once rather than print a symbolicated backtrace.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        return BatchConfiguration(
            files: files, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            timeout: .seconds(timeout), force: force,
            worker: WorkerCommand(
                executable: Self.executable,
                arguments: ["worker", "--serve", "--records-db", db] + (saving ? ["--save"] : []),
                environment: environment),
            scratchFolder: scratch)
    }

    /// Imports `--records` into the store, when given, before any document is processed.
    private func importRecords(into store: any ArchiveStore) async throws {
        guard let records else { return }
        let filed = try RecordsFile.read(path: records, encoding: encoding)
        _ = try await store.importRecords(filed)
    }

    /// `--enqueue` and `--work` on a PostgreSQL store.
    private func runQueue() async throws {
        let store = try await openStore(db)
        defer { Stores.close(store) }
        guard let postgres = store as? PostgresStore else { return }
        let queue = PostgresWorkQueue(store: postgres)
        try await importRecords(into: store)
        if enqueue {
            let files = try Inputs.pdfs(in: paths)
            var entries: [QueueEntry] = []
            for file in files {
                // Workers on other machines read the same path: queue it absolute.
                let path = URL(fileURLWithPath: file).standardizedFileURL.path
                guard let (sha256, size) = Checksum.sha256Hex(fileAtPath: path) else {
                    Terminal.warning("\(file): cannot be read; not queued")
                    continue
                }
                entries.append(QueueEntry(path: path, sha256: sha256, size: size))
            }
            let summary = try await queue.enqueue(entries)
            Terminal.note(
                "queued \(summary.queued) documents (\(summary.alreadyQueued) already queued, \(summary.alreadyStored) already stored)"
            )
            return
        }
        let scratch = FileManager.default.temporaryDirectory.path + "/juesuan-batch-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let configuration = workerConfiguration(files: [], scratch: scratch, saving: false)
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        } catch {
            throw CLIFailure(message: "\(scratch): \(error.localizedDescription)")
        }
        let progress = Mutex(BatchProgress(total: 0, bar: false))
        let counter = Atomic<Int>(0)
        let worker = PostgresWorker(queue: queue, lease: .seconds(lease))
        let summary = try await configuration.withPool { pool in
            try await worker.run(stopWhenEmpty: true, concurrency: configuration.jobs) { job in
                let index = counter.add(1, ordering: .relaxed).newValue
                let (result, seconds, detail) = await BatchRunner.runWorker(
                    job.path, sha256: job.sha256, size: job.size, index: index, configuration: configuration,
                    pool: pool)
                progress.withLock {
                    $0.record(.stored(DocumentSummary(result), seconds: seconds, detail: detail))
                }
                return result
            }
        }
        progress.withLock { $0.finish() }
        Terminal.note(
            "this worker stored \(summary.completed) documents (\(summary.failed) failed in processing, \(summary.lost) claims lost to other workers)"
        )
        if progress.withLock({ $0.hasFindings }) { throw ExitCode(1) }
    }

    /// This executable, which the batch runs again as its workers.
    static var executable: String {
        #if os(Linux)
            if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
                return path
            }
        #endif
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// The store that `--db` names, schema ready (``Stores/open(_:environment:)``), configured from
/// this process's environment. Its errors are ``StoreError``s, which the entry point reports as
/// every `JuesuanError`.
func openStore(_ db: String) async throws -> any ArchiveStore {
    try await Stores.open(db, environment: ProcessInfo.processInfo.environment)
}

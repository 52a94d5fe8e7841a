import ArgumentParser
import Batch
import Foundation
import Reconciler
import Store

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
            """)

    @Argument(help: "PDF files, or folders to search for *.pdf.")
    var paths: [String]

    @Option(help: "The store: an SQLite file (created if missing).")
    var db: String

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
    }

    func run() async throws {
        let files: [String]
        do {
            files = try Inputs.pdfs(in: paths)
        } catch {
            throw CLIFailure(message: error.description)
        }
        let store = try await openStore(db)
        if let records {
            let filed: [Record]
            do {
                filed = try RecordsFile.read(path: records, encoding: encoding)
            } catch {
                throw CLIFailure(message: error.description)
            }
            _ = try await storeCall { try await store.importRecords(filed) }
        }
        let scratch = FileManager.default.temporaryDirectory.path + "/juesuan-batch-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var environment = ProcessInfo.processInfo.environment
        // A crashing worker should end at once rather than print a symbolicated backtrace.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let db = self.db
        let configuration = BatchConfiguration(
            files: files, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
            timeout: .seconds(timeout),
            force: force, workerExecutable: Self.executable,
            workerArguments: { file, output in ["worker", file, "--output", output, "--records-db", db] },
            workerEnvironment: environment, scratchFolder: scratch)
        var progress = BatchProgress(total: files.count, bar: BatchProgress.standardErrorIsTerminal)
        progress.draw(force: true)
        try await storeCall {
            try await BatchRunner.run(configuration, store: store) { outcome in progress.record(outcome) }
        }
        progress.finish()
        if progress.hasFindings { throw ExitCode(1) }
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

/// Whether `db` names a PostgreSQL server rather than an SQLite file.
func isPostgres(_ db: String) -> Bool {
    db.hasPrefix("postgres://") || db.hasPrefix("postgresql://")
}

/// The store that `--db` names, schema ready: an SQLite file path (created if missing), or — not
/// wired yet — a `postgres://` URL. The one place that chooses the store.
func openStore(_ db: String) async throws -> any ArchiveStore {
    if isPostgres(db) {
        throw CLIFailure(
            message: "\(db): PostgreSQL stores are not supported yet; give an SQLite file path")
    }
    return try await storeCall {
        let store = try SQLiteStore(path: db)
        try await store.prepare()
        return store
    }
}

/// Runs a store operation, turning a ``StoreError`` into the CLI's `error:` line (exit 2).
func storeCall<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as StoreError {
        throw CLIFailure(message: error.message)
    }
}

/// ``storeCall(_:)`` for synchronous operations.
func storeCall<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreError {
        throw CLIFailure(message: error.message)
    }
}

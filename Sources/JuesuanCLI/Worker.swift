import ArgumentParser
import Basics
import Batch
import Checks
import Foundation
import PDF
import Reconciler
import ReportModel
import Store

/// `juesuan worker --serve [--records-db DB]`: the batch's worker process (hidden). It reads one
/// ``WorkerRequest`` per line on standard input (a PDF and where to write its result), processes the
/// PDF, writes its ``DocumentResult`` as JSON and answers with one ``WorkerAnswer`` line; it ends at
/// the end of its input. Processing means: read the PDF, check it and, with `--records-db`,
/// reconcile it against the store's records. A PDF that cannot be read is a result too (status
/// `failed` with its reason). `juesuan worker FILE [--output PATH]` processes one file the same way,
/// for debugging.
///
/// Test-only switches (environment): `JUESUAN_TEST_CRASH_ON=NAME` makes the worker raise SIGSEGV on
/// the file named NAME, `JUESUAN_TEST_HANG_ON=NAME` makes it hang; they exercise the batch's crash
/// and timeout handling (docs/batch.md).
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Process one document for a batch (internal).",
        shouldDisplay: false)

    @Argument(help: "The PDF to process (without --serve).")
    var file: String?

    @Flag(help: "Serve requests from standard input, one JSON line each, until it ends.")
    var serve = false

    @Flag(help: "With --serve: save each result into the --records-db store and answer with its summary.")
    var save = false

    @Option(help: "Write the result (JSON) here; standard output when omitted.")
    var output: String?

    @Option(name: .customLong("records-db"), help: "Reconcile against the records of this store.")
    var recordsDB: String?

    func validate() throws {
        if serve == (file != nil) { throw ValidationError("give either FILE or --serve") }
        if save && (!serve || recordsDB == nil) { throw ValidationError("--save needs --serve and --records-db") }
    }

    func run() async throws {
        if serve {
            try await serveRequests()
            return
        }
        guard let file else { return }
        Self.testSwitches(file)
        var store: (any ArchiveStore)? = nil
        if let recordsDB { store = try await openStore(recordsDB) }
        defer { store.map(closeStore) }
        let result = try await Self.process(file, records: store)
        if let output {
            try Self.write(result, to: output)
        } else {
            Terminal.raw(String(decoding: try Self.encoded(result), as: UTF8.self) + "\n")
        }
    }

    /// The `--serve` loop. Answers go to a copy of the original standard output, and standard
    /// output itself is pointed at standard error, so that nothing printed by accident can be
    /// taken for an answer.
    private func serveRequests() async throws {
        let answers = FileHandle(fileDescriptor: dup(STDOUT_FILENO), closeOnDealloc: true)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        Self.endWithTheBatch()
        var store: (any ArchiveStore)? = nil
        defer { store.map(closeStore) }
        while let line = readLine(strippingNewline: true) {
            var answer = WorkerAnswer()
            do {
                let request = try JSONDecoder().decode(WorkerRequest.self, from: Data(line.utf8))
                Self.testSwitches(request.file)
                if let recordsDB, store == nil { store = try await openStore(recordsDB) }
                var result = try await Self.process(request.file, records: store)
                // The batch's key and path win: this worker may not have been able to read them.
                if let sha256 = request.sha256 { result.identity.sha256 = sha256 }
                if let size = request.size { result.identity.size = size }
                result.identity.path = request.file
                if save, let store {
                    do {
                        try await store.save(result)
                    } catch {
                        throw CLIFailure(message: "not stored: \(error)")
                    }
                    answer.stored = DocumentSummary(result)
                } else {
                    try Self.write(result, to: request.output)
                }
            } catch let failure as JuesuanError {
                answer.error = failure.message
            } catch {
                answer.error = String(describing: error)
            }
            if let error = answer.error { Terminal.error(error) }
            try answers.write(contentsOf: answer.line)
        }
    }

    /// Ends this worker as soon as the batch that started it is gone (`kill -9`, say), even in the
    /// middle of a document that hangs: a thread looks once a second whether the parent process has
    /// changed. (An idle worker ends anyway, at the end of its input.)
    private static func endWithTheBatch() {
        let parent = getppid()
        let watchdog = Thread {
            while true {
                sleep(1)
                if getppid() != parent { _exit(3) }
            }
        }
        watchdog.start()
    }

    /// The test-only switches (docs/batch.md): crash or hang on the file with a chosen name.
    private static func testSwitches(_ file: String) {
        let name = URL(fileURLWithPath: file).lastPathComponent
        let environment = ProcessInfo.processInfo.environment
        if environment["JUESUAN_TEST_CRASH_ON"] == name {
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        }
        if environment["JUESUAN_TEST_HANG_ON"] == name {
            while true { sleep(3600) }
        }
    }

    /// Writes `result` to `output` as the batch reads it.
    private static func write(_ result: DocumentResult, to output: String) throws {
        guard FileManager.default.createFile(atPath: output, contents: try encoded(result)) else {
            throw CLIFailure(message: "\(output): cannot write the result")
        }
    }

    /// A result as the batch reads it.
    private static func encoded(_ result: DocumentResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(result)
    }

    /// Everything the batch stores about one document.
    static func process(_ file: String, records store: (any ArchiveStore)?) async throws -> DocumentResult {
        var identity = DocumentIdentity(sha256: "", path: file, size: 0)
        let loaded: LoadedReport
        do {
            loaded = try LoadedReport(path: file, password: nil)
        } catch let error as PDFError {
            return DocumentResult(identity: identity, status: .failed(reason: reason(error)))
        }
        let report = loaded.report
        identity.sha256 = loaded.info.sha256
        identity.size = Int64(loaded.info.byteCount)
        identity.pages = loaded.info.pageCount
        identity.producer = loaded.info.producer
        identity.department = report.entity.isEmpty ? nil : report.entity
        identity.year = report.year
        let facts = report.facts
        let findings = CheckPipeline.findings(loaded)
        var mismatches: [Mismatch] = []
        if let store {
            var records: [Record] = []
            let entities = Set(facts.map(\.entity) + [report.entity]).filter { !$0.isEmpty }.sorted()
            for entity in entities {
                records += try await store.records(department: entity, year: report.year)
            }
            // A document whose departments have no records filed is not reconciled (every figure
            // would be "missing in records").
            if !records.isEmpty {
                mismatches = Reconciler().reconcile(
                    facts: facts, records: records, department: identity.department, year: report.year)
            }
        }
        return DocumentResult(
            identity: identity, status: .processed, facts: facts, findings: findings,
            mismatches: mismatches)
    }

    /// The stored reason of a PDF that cannot be read (docs/batch.md).
    static func reason(_ error: PDFError) -> String {
        switch error {
        case .fileNotFound: "not found"
        case .unreadable: "unreadable"
        case .emptyFile: "empty file"
        case .notAPDF: "not a PDF"
        case .truncated: "truncated"
        case .damaged, .pageOutOfRange: "damaged"
        case .passwordRequired, .wrongPassword: "encrypted"
        case .noTextLayer: "no text layer"
        }
    }
}

import ArgumentParser
import Checks
import Foundation
import PDF
import Reconciler
import ReportModel
import Store

/// `juesuan worker FILE --output PATH`: the batch's per-document process (hidden). Reads one PDF,
/// checks it and, with `--records-db`, reconciles it against the store's records; writes its
/// ``DocumentResult`` as JSON. A PDF that cannot be read is a result too (status `failed` with its
/// reason), so the worker exits 0 for every document it could judge.
///
/// Test-only switches (environment): `JUESUAN_TEST_CRASH_ON=NAME` makes the worker raise SIGSEGV on
/// the file named NAME, `JUESUAN_TEST_HANG_ON=NAME` makes it hang; they exercise the batch's crash
/// and timeout handling (docs/batch.md).
struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker", abstract: "Process one document for a batch (internal).",
        shouldDisplay: false)

    @Argument(help: "The PDF to process.")
    var file: String

    @Option(help: "Write the result (JSON) here; standard output when omitted.")
    var output: String?

    @Option(name: .customLong("records-db"), help: "Reconcile against the records of this store.")
    var recordsDB: String?

    func run() async throws {
        let name = URL(fileURLWithPath: file).lastPathComponent
        let environment = ProcessInfo.processInfo.environment
        if environment["JUESUAN_TEST_CRASH_ON"] == name {
            signal(SIGSEGV, SIG_DFL)
            raise(SIGSEGV)
        }
        if environment["JUESUAN_TEST_HANG_ON"] == name {
            while true { sleep(3600) }
        }
        let result = try await Self.process(file, recordsDB: recordsDB)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(result)
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: data) else {
                throw CLIFailure(message: "\(output): cannot write the result")
            }
        } else {
            Terminal.raw(String(decoding: data, as: UTF8.self) + "\n")
        }
    }

    /// Everything the batch stores about one document.
    static func process(_ file: String, recordsDB: String?) async throws -> DocumentResult {
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
        if let recordsDB {
            let store = try await openStore(recordsDB)
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

import Checks
import PDF
import Reconciler
import ReportModel
import Store

/// One document through every stage, into the ``DocumentResult`` a store keeps: what the batch's
/// worker process does for each PDF, and what a web server does for an uploaded one.
public enum DocumentPipeline {
    /// Everything the store keeps about the PDF at `file`: read it, check it and, with a `records`
    /// store, reconcile it against the records of its departments and year.
    ///
    /// A PDF that cannot be read is a result too (status `failed` with ``failureReason(_:)``).
    /// The diagnostics of reading go to `diagnose` as soon as the document is read, before it is
    /// checked (a worker writes them to standard error, where the batch reads its last line).
    /// Errors of the records store are thrown.
    public static func process(
        _ file: String, records store: (any ArchiveStore)?, diagnose: (Diagnostic) -> Void = { _ in }
    ) async throws -> DocumentResult {
        var identity = DocumentIdentity(sha256: "", path: file, size: 0)
        let loaded: LoadedReport
        do {
            loaded = try LoadedReport(path: file, password: nil)
        } catch {
            return DocumentResult(identity: identity, status: .failed(reason: failureReason(error)))
        }
        loaded.diagnostics.forEach(diagnose)
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
    public static func failureReason(_ error: PDFError) -> String {
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

import Checks
import Pipeline
import Reconciler

extension ReportSubject {
    /// The identity of what a command read: the PDF's name, hash and pages, or the facts file's
    /// name, with the department and year found.
    public init(_ source: DocumentSource) {
        switch source {
        case .pdf(let loaded):
            self.init(document: loaded.info, department: loaded.report.entity, year: loaded.report.year)
        case .facts(let path, let facts):
            self.init(
                fileName: ReportSubject.lastComponent(of: path),
                department: facts.first.map(\.entity).flatMap { $0.isEmpty ? nil : $0 })
        }
    }
}

extension HTMLReport {
    /// The HTML page for `findings` and/or `mismatches` of what was read, with evidence crops from
    /// the PDF when one was read (from the open document, not the file a second time).
    public static func render(
        _ source: DocumentSource, findings: [Finding]? = nil, mismatches: [Mismatch]? = nil
    ) -> String {
        let evidence = source.loaded.map { EvidenceRenderer(document: $0.document) }
        return render(subject: ReportSubject(source), findings: findings, mismatches: mismatches, evidence: evidence)
    }
}

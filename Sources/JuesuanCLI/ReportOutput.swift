import ArgumentParser
import Checks
import FoundationEssentials
import PDF
import Reconciler
import ReportModel
import Reports

extension ReportFormat: ExpressibleByArgument {}

/// The identity and evidence of the document a `check` or `reconcile` report speaks about, for
/// the HTML format.
enum ReportOutput {
    /// What a command read: a PDF (laid out once by ``LoadedReport``) or a facts.csv.
    enum Source {
        case pdf(LoadedReport)
        case facts(path: String, [Fact])

        /// The document's identity: the PDF's name, hash and pages, or the facts file's name.
        var subject: ReportSubject {
            switch self {
            case .pdf(let loaded):
                return ReportSubject(
                    document: loaded.info, department: loaded.report.entity, year: loaded.report.year)
            case .facts(let path, let facts):
                return ReportSubject(
                    fileName: ReportSubject.lastComponent(of: path),
                    department: facts.first.map(\.entity).flatMap { $0.isEmpty ? nil : $0 })
            }
        }
    }

    /// The HTML page for `findings` and/or `mismatches`, with crops from the PDF when one was read.
    static func html(_ source: Source, findings: [Finding]? = nil, mismatches: [Mismatch]? = nil) -> String {
        var evidence: EvidenceRenderer? = nil
        if case .pdf(let loaded) = source { evidence = EvidenceRenderer(document: loaded.document) }
        return HTMLReport.render(
            subject: source.subject, findings: findings, mismatches: mismatches, evidence: evidence)
    }

    /// Writes a CSV or HTML document as it is, to standard output or `-o PATH`.
    ///
    /// Unlike ``OutputOptions/emit(_:)`` nothing is appended: the documents end with their own
    /// line end, and a CSV's CRLF (one `Character`) would otherwise get a stray LF after it.
    static func emit(_ document: String, to options: OutputOptions) throws {
        guard let path = options.output else {
            Terminal.raw(document)
            return
        }
        do {
            try Data(document.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIFailure(
                message: "\(path): cannot write the output; check the folder exists and is writable")
        }
    }
}

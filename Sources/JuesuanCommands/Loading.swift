import ArgumentParser
import PDF
import Pipeline
import Reports

extension ReportFormat: ExpressibleByArgument {}

extension LoadedReport {
    /// Reads the PDF at `path` and prints what reading noticed (`warning:` lines) before anything
    /// else is printed.
    static func reading(_ path: String, password: String?, narrative: Bool = true) throws(PDFError) -> LoadedReport {
        let loaded = try LoadedReport(path: path, password: password, narrative: narrative)
        Terminal.report(loaded.diagnostics)
        return loaded
    }
}

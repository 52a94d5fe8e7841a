import Checks
import Layout
import PDF
import ReportModel

/// The whole structured report (`extract --format json`): the document, what the tokenizer read,
/// the running text and its judged claims.
public struct ExtractedReport: Encodable {
    /// The document's identity.
    public var document: DocumentInfo
    /// The department the report is for (empty when not found).
    public var department: String
    /// The year the report covers.
    public var year: Int?
    /// The unit of the first table that states one.
    public var unit: String?
    /// Whether the report carries the 尾数误差 note.
    public var roundingNote: Bool
    /// The tables with header, rows and cells (page and box).
    public var tables: [ReportTable]
    /// The running text outside the tables (情况说明, appendix text), sentence by sentence.
    public var sentences: [Sentence]
    /// The numeric claims of those sentences, linked and judged (as `juesuan claims` prints them).
    public var claims: [Claim]
    /// What the tokenizer could not read whole.
    public var problems: [Problem]
    /// Every figure as a fact.
    public var facts: [Fact]

    /// The extract of a loaded document (read with its narrative).
    public init(_ loaded: LoadedReport) {
        let report = loaded.report
        document = loaded.info
        department = report.entity
        year = report.year
        unit = report.unit
        roundingNote = report.roundingNote
        tables = report.tables
        sentences = loaded.sentences
        claims = ClaimsPipeline.claims(loaded)
        problems = report.problems
        facts = report.facts
    }
}

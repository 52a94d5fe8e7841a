import Checks
import Reconciler
import ReportModel

/// What identifies a stored document.
public struct DocumentIdentity: Sendable, Hashable, Codable {
    /// SHA-256 of the file's bytes, lowercase hex: the document's key in the store.
    public var sha256: String
    /// The path the document was read from.
    public var path: String
    /// The file's size in bytes.
    public var size: Int64
    /// Number of pages; `nil` when the PDF could not be opened.
    public var pages: Int?
    /// The PDF's producer, when it states one.
    public var producer: String?
    /// The department (entity) the report is for, when recognised.
    public var department: String?
    /// The fiscal year the report is for, when recognised.
    public var year: Int?

    /// An identity from its fields.
    public init(
        sha256: String, path: String, size: Int64, pages: Int? = nil, producer: String? = nil,
        department: String? = nil, year: Int? = nil
    ) {
        self.sha256 = sha256
        self.path = path
        self.size = size
        self.pages = pages
        self.producer = producer
        self.department = department
        self.year = year
    }
}

/// Whether a document went through the pipeline.
public enum DocumentStatus: Sendable, Hashable, Codable {
    /// Read, checked and (with records) reconciled.
    case processed
    /// Could not be processed: `damaged`, `encrypted`, `no text layer`, `not a PDF`, `timeout`,
    /// `crashed: signal 11`, …
    case failed(reason: String)
}

/// Everything the pipeline learnt about one document, saved in one transaction.
public struct DocumentResult: Sendable, Hashable, Codable {
    public var identity: DocumentIdentity
    public var status: DocumentStatus
    public var facts: [Fact]
    public var findings: [Finding]
    public var mismatches: [Mismatch]

    /// A result from its parts.
    public init(
        identity: DocumentIdentity, status: DocumentStatus, facts: [Fact] = [], findings: [Finding] = [],
        mismatches: [Mismatch] = []
    ) {
        self.identity = identity
        self.status = status
        self.facts = facts
        self.findings = findings
        self.mismatches = mismatches
    }
}

/// What a batch reports about a stored document: its identity and status and how many facts, error
/// findings and mismatches (rounding notes left out) it has.
public struct DocumentSummary: Sendable, Hashable, Codable {
    public var identity: DocumentIdentity
    public var status: DocumentStatus
    public var facts: Int
    public var errors: Int
    public var mismatches: Int

    /// A summary from its parts.
    public init(identity: DocumentIdentity, status: DocumentStatus, facts: Int, errors: Int, mismatches: Int) {
        self.identity = identity
        self.status = status
        self.facts = facts
        self.errors = errors
        self.mismatches = mismatches
    }

    /// The summary of `result`.
    public init(_ result: DocumentResult) {
        self.init(
            identity: result.identity, status: result.status, facts: result.facts.count,
            errors: result.findings.filter { $0.severity == .error }.count,
            mismatches: result.mismatches.filter { $0.kind.isMismatch }.count)
    }
}

/// What `juesuan export` reads from the store.
public enum ExportKind: String, Sendable, CaseIterable, Codable {
    case documents, facts, findings, mismatches
}

/// One value of an exported table: money stays exact (integer minor units and printed scale).
public enum ExportValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case money(Amount)
}

/// Rows read from the store, with their column names.
public struct ExportTable: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[ExportValue]]

    /// A table from its columns and rows.
    public init(columns: [String], rows: [[ExportValue]]) {
        self.columns = columns
        self.rows = rows
    }
}

/// An equality filter on an exported column (`--where column=value`).
public struct ExportFilter: Sendable, Hashable {
    public var column: String
    public var value: String

    /// A filter from its column and value.
    public init(column: String, value: String) {
        self.column = column
        self.value = value
    }
}

/// The archive store: SQLite (``SQLiteStore``) by default, PostgreSQL when several machines share
/// the work. Both keep the same schema and answer the same queries.
public protocol ArchiveStore: Sendable {
    /// Creates the schema or migrates it to the current version.
    func prepare() async throws
    /// Whether a document with this SHA-256 is stored (processed or failed).
    func contains(sha256: String) async throws -> Bool
    /// Stores a document's result, replacing whatever was stored for its SHA-256, in one transaction.
    func save(_ result: DocumentResult) async throws
    /// Adds records (replacing records with the same key); returns how many were stored.
    @discardableResult
    func importRecords(_ records: [Record]) async throws -> Int
    /// The records of one department (entity) and year; all of them when both are `nil`.
    func records(department: String?, year: Int?) async throws -> [Record]
    /// Rows for `juesuan export`.
    func export(_ kind: ExportKind, filters: [ExportFilter]) async throws -> ExportTable
}

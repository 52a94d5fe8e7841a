import PDF

/// The formats `check` and `reconcile` write (`--format`).
///
/// `text` is rendered by ``FindingText`` and ``MismatchText``, `json` by ``JSONOutput`` (their
/// bytes are fixed by golden files), `csv` and `html` by ``FindingsReport``, ``MismatchReport`` and
/// ``HTMLReport``.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// Lines for a reader in a terminal.
    case text
    /// An array of findings or mismatches (CLI.md).
    case json
    /// One row per finding or mismatch, every JSON field a column, UTF-8 with a BOM.
    case csv
    /// One self-contained page with the document's identity, counts and evidence crops.
    case html
}

/// The document a report speaks about: what an auditor quotes to say which file they checked.
public struct ReportSubject: Sendable, Hashable, Codable {
    /// The file's name (the last path component), as the auditor received it.
    public var fileName: String
    /// SHA-256 of the file's bytes, lowercase hex; `nil` when only facts were read.
    public var sha256: String?
    /// The PDF's page count; `nil` when only facts were read.
    public var pages: Int?
    /// The department the report is about (N of its `部门：…` line or of the facts' entity).
    public var department: String?
    /// The year the report covers, if found.
    public var year: Int?

    /// A subject from its parts.
    public init(
        fileName: String, sha256: String? = nil, pages: Int? = nil, department: String? = nil,
        year: Int? = nil
    ) {
        self.fileName = fileName
        self.sha256 = sha256
        self.pages = pages
        self.department = department
        self.year = year
    }

    /// The subject of an opened PDF: its name, hash and page count from `document`; an empty
    /// `department` counts as unknown.
    public init(document: DocumentInfo, department: String?, year: Int?) {
        self.init(
            fileName: Self.lastComponent(of: document.path), sha256: document.sha256,
            pages: document.pageCount,
            department: department.flatMap { $0.isEmpty ? nil : $0 }, year: year)
    }

    /// The last component of a path (`a/b/c.pdf` → `c.pdf`).
    public static func lastComponent(of path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init)
            ?? path
    }
}

import ReportModel

/// A records file that cannot be used, with the file, line and field that are wrong.
public struct RecordsError: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line (the header is line 1); 0 for the file as a whole.
    public var line: Int
    /// The field (column name) at fault, when one is.
    public var field: String?
    public var message: String

    /// An error from its parts.
    public init(file: String, line: Int, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var place = file
        if line > 0 { place += ": line \(line)" }
        if let field { place += ": \(field)" }
        return "\(place): \(message)"
    }
}

/// Reads records from a CSV file in the CLI.md layout.
public enum RecordsFile {
    /// The header line, exactly (CLI.md).
    public static let header = ["department", "year", "table", "row", "col", "unit", "value"]

    /// Reads and validates every record of a file; `encoding` names a character set (`UTF-8`,
    /// `GB18030`, `GBK`); `nil` detects UTF-8 (with or without a BOM) or GB18030.
    public static func read(path: String, encoding: String? = nil) throws(RecordsError) -> [Record] {
        throw RecordsError(file: path, line: 0, field: nil, message: "being built")
    }
}

import Basics
import CSV
import FoundationEssentials
import ReportModel

/// A records file that cannot be used, with the file, line and field that are wrong.
public struct RecordsError: JuesuanError, Hashable, CustomStringConvertible {
    public var file: String
    /// 1-based line (the header is line 1); 0 for the file as a whole.
    public var line: Int
    /// The field (column name) at fault, when one is.
    public var field: String?
    /// What is wrong there.
    public var problem: String

    /// An error from its parts.
    public init(file: String, line: Int, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = message
    }

    /// `FILE: line N: field F: problem`, the place as precise as it is known.
    public var message: String {
        var place = file
        if line > 0 { place += ": line \(line)" }
        if let field { place += ": field \(field)" }
        return "\(place): \(problem)"
    }

}

/// Reads records from a CSV file in the CLI.md layout: header
/// `department,year,table,row,col,unit,value` (in any order; other columns are ignored).
///
/// Accepts a UTF-8 BOM, CRLF line ends and quoted fields (RFC 4180, through yaslab/CSV.swift), and
/// files saved as GB18030/GBK by Chinese Excel (detected when the bytes are not UTF-8). Every
/// problem is an error naming the file, line and field; nothing is skipped silently.
public enum RecordsFile {
    /// The columns a records file must have (CLI.md).
    public static let header = ["department", "year", "table", "row", "col", "unit", "value"]

    /// Reads and validates every record of a file. `encoding` names a character set (`UTF-8`,
    /// `GB18030`, `GBK`, …); `nil` detects UTF-8 (with or without a BOM) or GB18030.
    public static func read(path: String, encoding: String? = nil) throws(RecordsError) -> [Record] {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw RecordsError(
                file: path, line: 0, field: nil, message: "no such file or not readable; check the path")
        }
        let text = try decode(bytes, encoding: encoding, file: path)
        return try parse(text, source: path)
    }

    /// The text of a records file: UTF-8 without its BOM, or converted from `encoding`.
    static func decode(_ bytes: [UInt8], encoding: String?, file: String) throws(RecordsError)
        -> String
    {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let requested = encoding.map { $0.uppercased().replacingOccurrences(of: "-", with: "") }
        if requested == nil || requested == "UTF8" {
            if let text = String(validating: body, as: UTF8.self) { return text }
            if requested != nil {
                throw RecordsError(
                    file: file, line: 0, field: nil,
                    message: "not valid UTF-8; give the file's --encoding (GB18030, GBK)")
            }
        }
        let charset = encoding ?? "GB18030"
        guard let text = TextEncoding.decode(Array(bytes), from: charset) else {
            let message =
                encoding == nil
                ? "neither UTF-8 nor GB18030 text; give the file's --encoding"
                : "not valid \(charset) text (or an unknown character set); check --encoding"
            throw RecordsError(file: file, line: 0, field: nil, message: message)
        }
        return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
    }

    /// Parses and validates the text of a records file.
    public static func parse(_ text: String, source: String) throws(RecordsError) -> [Record] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false)
        } catch {
            throw RecordsError(file: source, line: 1, field: nil, message: "not CSV: \(error)")
        }
        guard let headerRow = reader.next() else {
            throw RecordsError(
                file: source, line: 0, field: nil,
                message: "empty; the first line must be \(header.joined(separator: ","))")
        }
        let names = headerRow.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var column: [String: Int] = [:]
        for name in header {
            guard let index = names.firstIndex(of: name) else {
                throw RecordsError(
                    file: source, line: 1, field: name,
                    message: "missing column; the header must name \(header.joined(separator: ","))")
            }
            column[name] = index
        }
        var line = 1 + lineBreaks(in: headerRow)
        var records: [Record] = []
        var seen: [RecordKey: Int] = [:]
        while let fields = reader.next() {
            line += 1
            defer { line += lineBreaks(in: fields) }
            if fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard fields.count == headerRow.count else {
                throw RecordsError(
                    file: source, line: line, field: nil,
                    message:
                        "\(fields.count) fields where the header has \(headerRow.count); quote fields that hold commas"
                )
            }
            func field(_ name: String) -> String { fields[column[name]!] }
            let department = Normalization.n(field("department"))
            guard !department.isEmpty else {
                throw RecordsError(
                    file: source, line: line, field: "department",
                    message: "empty; every record names its department")
            }
            let yearText = Normalization.n(field("year"))
            guard yearText.count == 4, let year = Int(yearText), year >= 1900 else {
                throw RecordsError(
                    file: source, line: line, field: "year",
                    message: "“\(field("year"))” is not a year such as 2023")
            }
            let table = Normalization.n(field("table"))
            let row = Normalization.n(field("row"))
            let col = Normalization.n(field("col"))
            for (name, value) in [("table", table), ("row", row), ("col", col)] where value.isEmpty {
                throw RecordsError(
                    file: source, line: line, field: name,
                    message: "empty; the key needs table, row and col (FACTS.md)")
            }
            let unitText = Normalization.n(field("unit"))
            guard let unit = MoneyUnit(rawValue: unitText) else {
                throw RecordsError(
                    file: source, line: line, field: "unit",
                    message: "unknown unit “\(field("unit"))”; use 元 or 万元")
            }
            guard let value = Amount.parse(field("value")) else {
                throw RecordsError(
                    file: source, line: line, field: "value", message: "“\(field("value"))” is not a number")
            }
            let record = Record(
                department: department, year: year, table: table, row: row, col: col, unit: unit,
                value: value,
                source: source, line: line)
            let key = RecordKey(record)
            if let earlier = seen[key] {
                let first = records[earlier]
                if Exact(first.value, first.unit).value == Exact(record.value, record.unit).value {
                    continue
                }
                throw RecordsError(
                    file: source, line: line, field: "value",
                    message:
                        "duplicate key (\(department), \(year), \(table), \(row), \(col)) with another value than line \(first.line) (\(first.value)\(first.unit.rawValue) vs \(record.value)\(record.unit.rawValue))"
                )
            }
            seen[key] = records.count
            records.append(record)
        }
        if let error = reader.error {
            throw RecordsError(
                file: source, line: line, field: nil, message: "cannot read the CSV: \(error)")
        }
        return records
    }

    private static func lineBreaks(in fields: [String]) -> Int {
        fields.reduce(0) { count, field in count + field.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
    }
}

/// A record's identity: department, year, table, row, col.
public struct RecordKey: Hashable, Sendable {
    public var department: String
    public var year: Int
    public var table: String
    public var row: String
    public var col: String

    /// The key of `record`.
    public init(_ record: Record) {
        department = record.department
        year = record.year
        table = record.table
        row = record.row
        col = record.col
    }
}

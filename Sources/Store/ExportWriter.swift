import CSV
import Foundation

/// Writes an exported table as CSV (UTF-8 with a BOM, RFC 4180) or as a JSON array of objects.
/// Money is written as its printed value (``ReportModel/Amount/description``): exact, decimals kept.
public enum ExportWriter {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        case csv, json
    }

    /// The whole table in `format`.
    public static func write(_ table: ExportTable, as format: Format) throws(StoreError) -> [UInt8] {
        switch format {
        case .csv: try csv(table)
        case .json: Array(json(table).utf8)
        }
    }

    /// CSV with a UTF-8 BOM (so that spreadsheet programs read the Chinese text right); null is empty.
    public static func csv(_ table: ExportTable) throws(StoreError) -> [UInt8] {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        _ = bom.withUnsafeBufferPointer { stream.write($0.baseAddress!, maxLength: $0.count) }
        do {
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: table.columns)
            for row in table.rows { try writer.write(row: row.map(text)) }
            writer.stream.close()
        } catch {
            throw StoreError(.output, "cannot write CSV: \(error)")
        }
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else {
            throw StoreError(.output, "cannot write CSV: no data")
        }
        var bytes = [UInt8](data)
        if bytes.last != 0x0A { bytes.append(0x0A) }
        return bytes
    }

    /// A JSON array with one object per row, keys in column order; money as a string.
    public static func json(_ table: ExportTable) -> String {
        var out = "["
        for (index, row) in table.rows.enumerated() {
            out += index == 0 ? "\n  {" : ",\n  {"
            for column in zip(table.columns, row).enumerated() {
                if column.offset > 0 { out += ", " }
                out += quoted(column.element.0) + ": "
                switch column.element.1 {
                case .null: out += "null"
                case .integer(let number): out += String(number)
                case .text(let text): out += quoted(text)
                case .money(let amount): out += quoted(amount.description)
                }
            }
            out += "}"
        }
        out += table.rows.isEmpty ? "]\n" : "\n]\n"
        return out
    }

    /// A value as CSV text: empty for null, the printed value for money.
    public static func text(_ value: ExportValue) -> String {
        switch value {
        case .null: ""
        case .integer(let number): String(number)
        case .text(let text): text
        case .money(let amount): amount.description
        }
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

import Basics
import CSV
import Checks
import Foundation
import Reconciler

/// Findings as CSV: one row per finding, every field of the JSON output a column.
public enum FindingsReport {
    /// The header row. `box` is spread over four columns; a `null` is an empty cell.
    public static let columns = [
        "rule", "severity", "entity", "table", "row", "col", "page", "box.x0", "box.y0", "box.x1",
        "box.y1",
        "printed", "expected", "message", "sentence",
    ]

    /// The findings as a CSV document: UTF-8 with a byte-order mark (so that Excel set to Chinese
    /// reads it as UTF-8), CRLF line ends, the header and one row per finding in the given order.
    public static func csv(_ findings: [Finding]) -> String {
        CSVDocument.render(
            header: columns,
            rows: findings.map { finding in
                [
                    finding.rule, finding.severity.rawValue, finding.entity, finding.table, finding.row,
                    finding.col,
                    finding.page.map(String.init),
                ] + CSVDocument.boxFields(finding.box) + [
                    finding.printed, finding.expected, finding.message, finding.sentence,
                ]
            })
    }
}

/// Mismatches as CSV: one row per mismatch, every field of the JSON output a column.
public enum MismatchReport {
    /// The header row. `severity` (`error`, or `info` for a rounding note) is added for sorting
    /// in a spreadsheet; `box` is spread over four columns; a missing value is an empty cell.
    public static let columns = [
        "kind", "severity", "entity", "table", "row", "col", "name", "published", "publishedUnit",
        "recorded",
        "recordedUnit", "page", "box.x0", "box.y0", "box.x1", "box.y1", "recordSource", "recordLine",
        "message",
    ]

    /// The mismatches as a CSV document, like ``FindingsReport/csv(_:)``.
    public static func csv(_ mismatches: [Mismatch]) -> String {
        CSVDocument.render(
            header: columns,
            rows: mismatches.map { mismatch in
                [
                    mismatch.kind.rawValue, mismatch.severity, mismatch.entity, mismatch.table, mismatch.row,
                    mismatch.col, mismatch.name, mismatch.published, mismatch.publishedUnit,
                    mismatch.recorded,
                    mismatch.recordedUnit, mismatch.page.map(String.init),
                ] + CSVDocument.boxFields(mismatch.box) + [
                    mismatch.recordSource, mismatch.recordLine.map(String.init), mismatch.message,
                ]
            })
    }
}

/// The CSV conventions of both reports.
enum CSVDocument {
    /// The UTF-8 byte-order mark that precedes every CSV document.
    static let byteOrderMark = "\u{FEFF}"

    static func render(header: [String], rows: [[String?]]) -> String {
        let stream = OutputStream(toMemory: ())
        do {
            let writer = try CSVWriter(stream: stream, newline: .crlf)
            try writer.write(row: header)
            for row in rows { try writer.write(row: row.map { neutralized($0 ?? "") }) }
            stream.close()
        } catch {
            // Writing to memory fails only when memory does.
            preconditionFailure("cannot write CSV to memory: \(error)")
        }
        let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return byteOrderMark + String(decoding: data, as: UTF8.self) + "\r\n"
    }

    /// A box as four cells, written as JSON writes the numbers (`72`, not `72.0`).
    static func boxFields(_ box: Rect?) -> [String?] {
        guard let box else { return [nil, nil, nil, nil] }
        return box.printedCoordinates.map(number)
    }

    static func number(_ value: Double) -> String {
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// A cell that a spreadsheet would take for a formula (`=…`, `+…`, `@…`, or `-` not starting a
    /// number) gets a leading apostrophe, so that text copied from a PDF cannot run as a formula.
    static func neutralized(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first else { return cell }
        switch first {
        case "=", "+", "@", "\t", "\r":
            return "'" + cell
        case "-":
            let rest = cell.unicodeScalars.dropFirst()
            let numeric =
                !rest.isEmpty && rest.allSatisfy { ("0"..."9").contains($0) || $0 == "." || $0 == "," }
            return numeric ? cell : "'" + cell
        default:
            return cell
        }
    }
}

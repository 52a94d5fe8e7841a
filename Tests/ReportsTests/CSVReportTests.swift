import Basics
import CSV
import Checks
import Foundation
import Reconciler
import Reports
import Testing

@Suite("CSV reports")
struct CSVReportTests {
    static let finding = Finding(
        rule: "rollup-functional", severity: .error, entity: "云溪县教育局", table: "一般公共预算财政拨款支出决算表",
        row: "2080502", col: "本年支出/小计", page: 9, printed: "1473945.58", expected: "1523945.58",
        message: "20805 = Σ its 4 items, \"quoted\"\nand on a second line",
        box: Rect(x0: 72, y0: 100.5, x1: 120.25, y1: 110))

    static let narrative = Finding(
        rule: "narrative-share", severity: .warning, entity: "云溪县教育局", table: nil, row: nil, col: nil,
        page: 18,
        printed: "4.3", expected: "4.2", message: "=HYPERLINK(\"http://x\") is not a formula here",
        sentence: "教育支出占4.3%。")

    /// Parses CSV text (after the BOM) into rows of fields.
    static func parse(_ text: String) throws -> [[String]] {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let reader = try CSVReader(string: body)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }

    @Test func startsWithAByteOrderMark() {
        let bytes = Array(FindingsReport.csv([Self.finding]).utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let mismatchBytes = Array(MismatchReport.csv([]).utf8)
        #expect(Array(mismatchBytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        // Exactly one BOM, then the header.
        #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("rule,severity,"))
    }

    @Test func oneRowPerFindingWithEveryJSONField() throws {
        let rows = try Self.parse(FindingsReport.csv([Self.finding, Self.narrative]))
        #expect(rows.count == 3)
        #expect(rows[0] == FindingsReport.columns)
        let first = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(first["rule"] == "rollup-functional")
        #expect(first["table"] == "一般公共预算财政拨款支出决算表")
        #expect(first["col"] == "本年支出/小计")
        #expect(first["page"] == "9")
        #expect(
            first["box.x0"] == "72" && first["box.y0"] == "100.5" && first["box.x1"] == "120.25"
                && first["box.y1"] == "110")
        #expect(first["printed"] == "1473945.58" && first["expected"] == "1523945.58")
        // Quotes and line breaks survive the round trip.
        #expect(first["message"] == Self.finding.message)
        #expect(first["sentence"] == "")
        let second = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[2]))
        // JSON nulls are empty cells.
        #expect(
            second["table"] == "" && second["row"] == "" && second["col"] == "" && second["box.x0"] == "")
        #expect(second["sentence"] == "教育支出占4.3%。")
        // The JSON output's keys are all columns (box spread over four).
        let json =
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.narrative)) as? [String: Any]
            ?? [:]
        for key in json.keys where key != "box" {
            #expect(FindingsReport.columns.contains(key), "\(key)")
        }
    }

    @Test func formulasAreNeutralisedButNegativeNumbersAreNot() throws {
        var negative = Self.finding
        negative.printed = "-12.50"
        negative.row = "-其中"
        negative.expected = "+3"
        let rows = try Self.parse(FindingsReport.csv([Self.narrative, negative]))
        let narrative = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(narrative["message"] == "'=HYPERLINK(\"http://x\") is not a formula here")
        let other = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[2]))
        #expect(other["printed"] == "-12.50")
        #expect(other["row"] == "'-其中")
        #expect(other["expected"] == "'+3")
    }

    @Test func linesEndWithCRLF() {
        let text = FindingsReport.csv([Self.narrative])
        #expect(text.hasSuffix("\r\n"))
        // Two records: the header and one finding, each ended by CRLF.
        #expect(text.components(separatedBy: "\r\n").count == 3)
    }

    @Test func mismatchesHaveTheirOwnColumns() throws {
        let changed = Mismatch(
            kind: .transposedDigits, entity: "云溪县教育局", table: "收入决算表", row: "201", col: "本年收入合计",
            name: "一般公共服务支出", published: "1835.74", publishedUnit: "万元", recorded: "18537400.00",
            recordedUnit: "元", page: 6, box: Rect(x0: 1, y0: 2, x1: 3, y1: 4),
            message: "digits 3 and 5 swapped")
        let extra = Mismatch(
            kind: .extraInRecords, entity: "云溪县教育局", table: "收入决算表", row: "299", col: "本年收入合计",
            published: nil, publishedUnit: nil, recorded: "10.00", recordedUnit: "元", page: nil,
            recordSource: "records.csv", recordLine: 12, message: "filed, not published")
        let rows = try Self.parse(MismatchReport.csv([changed, extra]))
        #expect(rows.count == 3)
        #expect(rows[0] == MismatchReport.columns)
        let first = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[1]))
        #expect(first["kind"] == "transposed_digits" && first["severity"] == "error")
        #expect(first["published"] == "1835.74" && first["publishedUnit"] == "万元")
        #expect(first["recorded"] == "18537400.00" && first["recordedUnit"] == "元")
        #expect(first["box.x1"] == "3" && first["page"] == "6" && first["name"] == "一般公共服务支出")
        let second = Dictionary(uniqueKeysWithValues: zip(rows[0], rows[2]))
        #expect(second["published"] == "" && second["page"] == "" && second["box.x0"] == "")
        #expect(second["recordSource"] == "records.csv" && second["recordLine"] == "12")
        // Every key of the JSON form is a column.
        let json =
            try JSONSerialization.jsonObject(with: JSONEncoder().encode(changed)) as? [String: Any] ?? [:]
        for key in json.keys where key != "box" {
            #expect(MismatchReport.columns.contains(key), "\(key)")
        }
    }

    @Test func noFindingsIsAHeaderAlone() throws {
        let rows = try Self.parse(FindingsReport.csv([]))
        #expect(rows == [FindingsReport.columns])
    }
}

import ReportModel
import TestSupport
import Testing

@testable import Reconciler

@Suite("Records files")
struct RecordsFileTests {
    private func path(_ name: String) -> String { Samples.path("reconcile/records/" + name) }

    private func failure(_ name: String, encoding: String? = nil) -> RecordsError? {
        do {
            _ = try RecordsFile.read(path: path(name), encoding: encoding)
            return nil
        } catch {
            return error
        }
    }

    @Test func excelUTF8WithBOMCRLFAndQuotes() throws {
        let records = try RecordsFile.read(path: path("excel-utf8.csv"))
        // The fourth line repeats the first with the same value: one record.
        #expect(records.count == 3)
        #expect(
            records[0].department == "株洲市商务局" && records[0].year == 2023 && records[0].unit == .yuan)
        #expect(records[0].value == Amount(minorUnits: 3_372_720_012, decimals: 2))
        #expect(records[0].line == 2)
        // "1,835.74" is 1835.74, not 1.
        #expect(records[1].value == Amount(minorUnits: 183_574, decimals: 2))
        #expect(records[1].unit == .tenThousandYuan)
        #expect(records[2].table == "一般公共预算财政拨款“三公”经费支出决算表" && records[2].row == "#1")
        #expect(
            records[2].col == "决算数/公务接待费"
                && records[2].value == Amount(minorUnits: 20_120_000, decimals: 2))
    }

    @Test func gb18030IsDetectedAndCanBeNamed() throws {
        let detected = try RecordsFile.read(path: path("excel-gb18030.csv"))
        #expect(detected.map(\.department) == ["株洲市商务局", "株洲市商务局"])
        #expect(detected[1].table == "收入决算表")
        let named = try RecordsFile.read(path: path("excel-gb18030.csv"), encoding: "GBK")
        #expect(named == detected)
        // Named wrongly: an error, not mojibake.
        let error = try #require(failure("excel-gb18030.csv", encoding: "UTF-8"))
        #expect(error.description.contains("not valid UTF-8"))
    }

    @Test(arguments: [
        ("missing-column.csv", 1, "col", "missing column"),
        ("bad-number.csv", 3, "value", "“12.3.4” is not a number"),
        ("unknown-unit.csv", 3, "unit", "unknown unit “千元”"),
        ("duplicate-key.csv", 4, "value", "duplicate key"),
        ("bad-year.csv", 2, "year", "not a year"),
    ])
    func badRecordsNameFileLineAndField(name: String, line: Int, field: String, message: String)
        throws
    {
        let error = try #require(failure(name))
        #expect(error.file == path(name))
        #expect(error.line == line)
        #expect(error.field == field)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.description.hasPrefix("\(path(name)): line \(line): field \(field): "))
    }

    @Test func shortLinesEmptyFilesAndMissingFiles() throws {
        let short = try #require(failure("short-line.csv"))
        #expect(short.line == 3 && short.message.contains("4 fields where the header has 7"))
        let empty = try #require(failure("empty.csv"))
        #expect(empty.message.contains("empty"))
        let missing = try #require(failure("no-such-file.csv"))
        #expect(missing.message.contains("no such file"))
    }

    @Test func aDuplicateWithTheSameValueInAnotherUnitIsOneRecord() throws {
        let text =
            "department,year,table,row,col,unit,value\nA,2023,T,201,C,万元,1.00\nA,2023,T,201,C,元,10000.00\n"
        #expect(try RecordsFile.parse(text, source: "x.csv").count == 1)
    }
}

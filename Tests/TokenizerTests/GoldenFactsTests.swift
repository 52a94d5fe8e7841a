import FoundationEssentials
import PDF
import ReportModel
import Testing
import Tokenizer

/// Extracts the facts of small generated reports and compares them with their ground truth,
/// copied into `Samples/tokenizer/`.
@Suite("Golden facts")
struct GoldenFactsTests {
    static let folder: String = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/TokenizerTests/GoldenFactsTests.swift → the package root.
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples/tokenizer").path
    }()

    @Test(arguments: [
        "s01_education_2020_reportlab",  // portrait, full rules, thousands separators, table 06 as a list
        "s07_urban_2019_reportlab",  // landscape, watermark, running header, trimmed decimals, 第 N 页
        "s09_commerce_2023_libreoffice",  // LibreOffice, no rules, cells 1.5 pt apart
    ])
    func factsEqualTruth(name: String) throws {
        let document = try PDFDocument(path: Self.folder + "/" + name + ".pdf")
        let report = try Tokenizer.read(document)
        let expected = try String(contentsOfFile: Self.folder + "/" + name + ".facts.csv", encoding: .utf8)
        let actual = FactsCSV.write(report.facts)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let missing = Set(expectedLines).subtracting(actualLines).sorted()
        let extra = Set(actualLines).subtracting(expectedLines).sorted()
        #expect(missing.isEmpty, "missing: \(missing.prefix(5))")
        #expect(extra.isEmpty, "extra: \(extra.prefix(5))")
        #expect(actualLines == expectedLines, "order or duplicates differ")
        #expect(report.problems.isEmpty)
    }

    /// The real report from Shanghai Putuo (ONLYOFFICE): split 类|款|项 codes, values top-aligned
    /// while names are centred, wrapped names and headers, continuation pages without a header,
    /// and a 三公 table whose lone top header heads every column. Truth checked by hand.
    @Test func realPutuoReport() throws {
        var url = URL(fileURLWithPath: Self.folder)
        url.deleteLastPathComponent()
        let folder = url.appendingPathComponent("real").path
        let report = try Tokenizer.read(try PDFDocument(path: folder + "/putuo_caizhengju_2024_juesuan.pdf"))
        let expected = FactsCSV.parseRecords(
            try String(contentsOfFile: folder + "/putuo_caizhengju_2024_juesuan.facts.csv", encoding: .utf8))
        let actual = FactsCSV.parseRecords(FactsCSV.write(report.facts))
        // Every key, value, unit and page, in document order.
        let withoutName = { (record: [String]) in record.enumerated().filter { $0.offset != 4 }.map(\.element) }
        #expect(actual.map(withoutName) == expected.map(withoutName))
        // Names, wrapped ones included: the FangSong glyph boxes are 3 pt tall for 12 pt text
        // (机关事业单位基本养老保险 / 缴费支出 must not come out as 费支出).
        let wrongNames = zip(actual, expected).filter { $0.0 != $0.1 }.map { "\($0.0[2]): \($0.0[4]) ≠ \($0.1[4])" }
        #expect(wrongNames.isEmpty, "\(wrongNames)")
    }

    /// Real 预算 reports read from their ruling: A3 pages turned with /Rotate 90 (Distiller), and
    /// Excel's thin filled rectangles under white backgrounds, with spanning headers, group labels
    /// beside their items and a 政府采购 tree across five name columns. Truth checked by hand.
    @Test(arguments: ["js_renda_2019_yusuan_tables", "js_zhengxie_2019_yusuan_tables"])
    func realYusuanReports(name: String) throws {
        var url = URL(fileURLWithPath: Self.folder)
        url.deleteLastPathComponent()
        let folder = url.appendingPathComponent("real").path
        let report = try Tokenizer.read(try PDFDocument(path: folder + "/" + name + ".pdf"))
        let expected = FactsCSV.parseRecords(
            try String(contentsOfFile: folder + "/" + name + ".facts.csv", encoding: .utf8))
        let actual = FactsCSV.parseRecords(FactsCSV.write(report.facts))
        let missing = Set(expected.map { $0.joined(separator: ",") }).subtracting(
            actual.map { $0.joined(separator: ",") })
        let extra = Set(actual.map { $0.joined(separator: ",") }).subtracting(
            expected.map { $0.joined(separator: ",") })
        #expect(missing.isEmpty, "missing: \(missing.sorted().prefix(5))")
        #expect(extra.isEmpty, "extra: \(extra.sorted().prefix(5))")
        // Every table with figures was read from the page's ruling.
        for table in report.tables where table.rows.contains(where: { !$0.cells.isEmpty }) {
            #expect(table.layout.contains { $0.source == .rules }, "\(table.title)")
        }
    }

    @Test func recognisesTableKindsAndUnits() throws {
        let document = try PDFDocument(path: Self.folder + "/s01_education_2020_reportlab.pdf")
        let report = try Tokenizer.read(document)
        #expect(
            report.tables.map(\.kind).prefix(7) == [
                TableKind("incomeExpenditureSummary"), TableKind("income"), TableKind("expenditure"),
                TableKind("fiscalSummary"), TableKind("generalBudgetExpenditure"),
                TableKind("generalBudgetBasic"), TableKind("threePublic"),
            ])
        #expect(report.entity == "云溪县教育局")
        #expect(report.unit == "元")
        #expect(report.year == 2020)
        let basic = try #require(report.tables.first { $0.kind == TableKind("generalBudgetBasic") })
        #expect(basic.pages.count >= 2)
    }
}

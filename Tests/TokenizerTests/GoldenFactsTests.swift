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

    @Test func recognisesTableKindsAndUnits() throws {
        let document = try PDFDocument(path: Self.folder + "/s01_education_2020_reportlab.pdf")
        let report = try Tokenizer.read(document)
        #expect(report.tables.map(\.kind).prefix(7) == [
            .incomeExpenditureSummary, .income, .expenditure, .fiscalSummary, .generalBudgetExpenditure,
            .generalBudgetBasic, .threePublic,
        ])
        #expect(report.entity == "云溪县教育局")
        #expect(report.unit == "元")
        #expect(report.year == 2020)
        let basic = try #require(report.tables.first { $0.kind == .generalBudgetBasic })
        #expect(basic.pages.count >= 2)
    }
}

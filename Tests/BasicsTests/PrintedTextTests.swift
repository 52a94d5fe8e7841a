@testable import Basics
import Testing

@Suite("What reports print around their figures")
struct PrintedTextTests {
    @Test(arguments: ["-4-", "—12—", "4", "第5页", "第5页共20页", "3/25", "6/28", "－3－", "·7·"])
    func recognisesPageNumbers(text: String) {
        #expect(PageNumber.matches(text))
    }

    @Test(arguments: ["2019年", "12345", "一、", "-", "", "第二部分", "6.5", "2022年度", "59,711,583.44", "第5页共"])
    func rejectsNonPageNumbers(text: String) {
        #expect(!PageNumber.matches(text))
    }

    @Test func ordinals() {
        #expect(
            Ordinal.prefix(of: "一、一般公共服务支出") == Ordinal(numerals: .chinese, digitCount: 1, bracketed: false, length: 2))
        #expect(Ordinal.prefix(of: "二十六、抗疫特别国债安排的支出")?.length == 4)
        #expect(Ordinal.prefix(of: "(一)基本支出") == Ordinal(numerals: .chinese, digitCount: 1, bracketed: true, length: 3))
        #expect(Ordinal.prefix(of: "(2)其他") == Ordinal(numerals: .arabic, digitCount: 1, bracketed: true, length: 3))
        #expect(Ordinal.prefix(of: "10.机关运行") == Ordinal(numerals: .arabic, digitCount: 2, bracketed: false, length: 3))
        #expect(Ordinal.prefix(of: Array("1、一般公共服务"))?.numerals == .arabic)
        for text in ["入", "一般公共预算财政拨款", "(境)", "1724.10万元", "2022年度收支", "()", "", "1.65"] {
            #expect(Ordinal.prefix(of: text) == nil, "\(text)")
        }
    }

    @Test func years() {
        #expect(PrintedYear.years(in: "2021年度与2022年度", suffix: PrintedWords.fiscalYear) == ["2021", "2022"])
        #expect(PrintedYear.years(in: "2022年8月", suffix: PrintedWords.fiscalYear) == [])
        #expect(PrintedYear.years(in: "12022年度", suffix: PrintedWords.fiscalYear) == [])
        #expect(PrintedYear.years(in: "单位:2023年12月", suffix: PrintedWords.year) == ["2023"])
    }

    @Test func decimals() {
        #expect(DecimalText.digits(108542, decimals: 2) == "1085.42")
        #expect(DecimalText.digits(5, decimals: 2) == "0.05")
        #expect(DecimalText.digits(UInt128(7), decimals: 0) == "7")
        #expect(DecimalText.text(Int128(-123450), decimals: 2) == "-1234.50")
        #expect(DecimalText.text(0, decimals: 1) == "0.0")
        #expect(DecimalText.rounded(595.276, decimals: 1) == "595.3")
        #expect(DecimalText.rounded(-0.04, decimals: 1) == "0.0")
        #expect(DecimalText.rounded(-2.25, decimals: 1) == "-2.3")
        #expect(DecimalText.rounded(12.5, decimals: 0) == "13")
    }

    @Test func pdfHeader() {
        #expect(Bytes.hasPDFHeader(Array("%PDF-1.7\n".utf8)))
        #expect(Bytes.hasPDFHeader(Array("\r\n%PDF-1.4".utf8)))
        #expect(!Bytes.hasPDFHeader(Array("<!DOCTYPE html>".utf8)))
        #expect(!Bytes.hasPDFHeader([]))
        #expect(!Bytes.hasPDFHeader([UInt8](repeating: 0x20, count: 1020) + Array("%PDF-".utf8)))
    }
}

import ReportModel
import Testing

@testable import Basics

@Suite("N(s) and facts.csv")
struct NormalizationTests {
    /// The fast whitespace test answers as Unicode's White_Space property for every scalar of the
    /// Basic Multilingual Plane.
    @Test func fastWhitespaceIsUnicodeWhitespace() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if Normalization.isWhitespace(scalar) != scalar.properties.isWhitespace { differing.append(value) }
        }
        #expect(differing.isEmpty)
    }

    @Test func foldsFullWidthAndRemovesWhitespace() {
        #expect(Normalization.n("部门：株洲市 商务局") == "部门:株洲市商务局")
        #expect(Normalization.n("因公出国（境）费") == "因公出国(境)费")
        #expect(Normalization.n(" 2010101\t") == "2010101")
        #expect(Normalization.n("因 公 出 国 （ 境 ） 费 用") == "因公出国(境)费用")
    }

    @Test func mapsKangxiRadicals() {
        // ⼀ U+2F00 KANGXI RADICAL ONE → 一
        #expect(Normalization.n("\u{2F00}、一般公共服务支出") == "一、一般公共服务支出")
    }

    @Test func keepsQuotationMarks() {
        #expect(Normalization.n("一般公共预算财政拨款“三公”经费支出决算表") == "一般公共预算财政拨款“三公”经费支出决算表")
    }

    @Test func writesRFC4180() {
        let facts = [
            Fact(entity: "甲局", table: "收入决算表", row: "201", col: "本年收入合计", name: "一般,公共", value: "1.00", unit: "万元", page: 6),
            Fact(entity: "", table: "表", row: "#1", col: "决算数/合计", name: "say \"hi\"", value: "-3.20", unit: "元", page: 7),
        ]
        let text = FactsCSV.write(facts)
        let expected =
            "entity,table,row,col,name,value,unit,page\n"
            + "甲局,收入决算表,201,本年收入合计,\"一般,公共\",1.00,万元,6\n"
            + ",表,#1,决算数/合计,\"say \"\"hi\"\"\",-3.20,元,7\n"
        #expect(text == expected)
        let records = FactsCSV.parseRecords(text)
        #expect(records.count == 3)
        #expect(records[1][4] == "一般,公共")
        #expect(records[2][4] == "say \"hi\"")
    }
}

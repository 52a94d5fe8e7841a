import Basics
import ReportModel
import Testing

@testable import Tokenizer

@Suite("Titles, labels and page furniture")
struct RecognitionTests {
    @Test(arguments: [
        ("收入支出决算总表", TableKind("incomeExpenditureSummary")),
        ("财政拨款收入支出决算总表", TableKind("fiscalSummary")),
        ("收入决算表", TableKind("income")),
        ("支出决算表", TableKind("expenditure")),
        ("一般公共预算财政拨款支出决算表", TableKind("generalBudgetExpenditure")),
        ("一般公共预算财政拨款基本支出决算表", TableKind("generalBudgetBasic")),
        ("一般公共预算财政拨款“三公”经费支出决算表", TableKind("threePublic")),
        ("财政拨款“三公”经费支出决算表", TableKind("threePublic")),
        ("政府性基金预算财政拨款收入支出决算表", TableKind("governmentFund")),
        ("国有资本经营预算财政拨款支出决算表", TableKind("stateCapital")),
        ("2024年度某某局部门收入决算表", TableKind("income")),
    ])
    func recognisesTitles(title: String, kind: TableKind) {
        #expect(TableKinds.kind(ofNormalized: title) == kind)
    }

    @Test(arguments: ["一般公共预算财政拨款支出决算情况说明", "收入支出决算总表情况", "部门决算"])
    func rejectsNonTitles(text: String) {
        #expect(TableKinds.kind(ofNormalized: text) == nil)
    }

    @Test func stripsTableLabels() {
        #expect(Meta.stripLabel("公开01表收入支出决算总表") == "收入支出决算总表")
        #expect(Meta.stripLabel("收入决算表公开02表") == "收入决算表")
        #expect(Meta.stripLabel("附表3支出决算表") == "支出决算表")
        #expect(Meta.stripLabel("收入支出决算总表") == "收入支出决算总表")
    }

    @Test(arguments: ["-4-", "—12—", "4", "第5页", "第5页共20页", "3/25"])
    func recognisesPageNumbers(text: String) {
        #expect(PageNumber.matches(text))
    }

    @Test(arguments: ["2019年", "12345", "一、", "-", "第二部分", "59,711,583.44"])
    func rejectsNonPageNumbers(text: String) {
        #expect(!PageNumber.matches(text))
    }

    @Test func ordinalPrefixesStartItems() {
        #expect(TableBuilder.startsWithOrdinal("一、一般公共服务支出"))
        #expect(TableBuilder.startsWithOrdinal("二十六、抗疫特别国债安排的支出"))
        #expect(TableBuilder.startsWithOrdinal("(一)基本支出"))
        #expect(!TableBuilder.startsWithOrdinal("入"))
        #expect(!TableBuilder.startsWithOrdinal("一般公共预算财政拨款"))
    }
}

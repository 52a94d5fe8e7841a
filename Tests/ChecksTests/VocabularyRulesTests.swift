import ReportModel
import Testing
import Vocabulary

@testable import Checks

/// Rules select tables by kind and columns by alias set: one rule serves every template.
@Suite("Rules through the vocabulary")
struct VocabularyRulesTests {
    private func fact(_ table: String, _ row: String, _ col: String, _ value: String) -> Fact {
        Fact(entity: "某局", table: table, row: row, col: col, name: row, value: value, unit: "万元", page: 1)
    }

    private let standard = Checker.standard()

    /// `total-balance` names the 收入支出决算总表; a report that prints the table under the
    /// alias title 部门收支决算总表 is checked by the same rule.
    @Test func aRuleOnAKindAppliesToATablePrintedUnderAnAliasTitle() throws {
        let facts = [
            fact("部门收支决算总表", "总计", "收入/决算数", "100.00"), fact("部门收支决算总表", "总计", "支出/决算数", "90.00"),
        ]
        let findings = standard.check(facts).filter { $0.rule == "total-balance" }
        #expect(findings.count == 1)
        #expect(findings.first?.table == "部门收支决算总表")
        #expect(findings.first?.col == "支出/决算数")
    }

    /// The Shanghai template prints the 财政拨款收入支出决算总表's income as 收入/决算数: the rule
    /// written for 收入/金额 (once copied as side-income-04-sh) checks it, and reports the column
    /// as printed.
    @Test func aColumnMatchesItsAliasSet() throws {
        let table = "财政拨款收入支出决算总表"
        let facts = [
            fact(table, "本年收入合计", "收入/决算数", "50.00"), fact(table, "年初财政拨款结转和结余", "收入/决算数", "10.00"),
            fact(table, "总计", "收入/决算数", "70.00"),
        ]
        let findings = standard.check(facts).filter { $0.rule == "side-income-04" }
        #expect(findings.map(\.col) == ["收入/决算数"])
        #expect(findings.first?.row == "总计" && findings.first?.expected == "60.00")
        #expect(!standard.rules.contains { $0.id.hasSuffix("-sh") })
    }

    /// `tie-class-04-05` on the Shanghai header (合计 for 本年支出/小计), as the removed
    /// `tie-class-04-05-sh` did.
    @Test func classTiesOnTheShanghaiHeader() throws {
        // The 总表's row balances (fund-subtotal), and so does the detail table's (gpb-subtotal on
        // the Shanghai header: 合计 = 基本支出 + 项目支出), so the class tie is the only failure.
        let facts = [
            fact("财政拨款收入支出决算总表", "一、一般公共服务支出", "支出/合计", "10.00"),
            fact("财政拨款收入支出决算总表", "一、一般公共服务支出", "支出/一般公共预算财政拨款", "10.00"),
            fact("一般公共预算财政拨款支出决算表", "201", "合计", "12.00"),
            fact("一般公共预算财政拨款支出决算表", "201", "基本支出", "12.00"),
        ]
        var withName = facts
        withName[2].name = "一般公共服务支出"
        withName[3].name = "一般公共服务支出"
        let findings = standard.check(withName).filter { $0.rule == "tie-class-04-05" }
        #expect(findings.count == 1)
        #expect(findings.first?.col == "合计" && findings.first?.row == "201")
    }

    /// A title variant added to the vocabulary's tables (政府性基金预算财政拨款收支决算表, the
    /// short 收支 form the 总表 variants use) makes the table a `governmentFund` one, so the
    /// fund's rules check it.
    @Test func aTitleVariantIsData() throws {
        #expect(Vocabulary.standard.kind(ofTitle: "政府性基金预算财政拨款收支决算表") == TableKind("governmentFund"))
        let table = "政府性基金预算财政拨款收支决算表"
        let facts = [
            fact(table, "合计", "年初结转和结余", "5.00"), fact(table, "合计", "本年收入", "10.00"),
            fact(table, "合计", "本年支出/小计", "8.00"), fact(table, "合计", "年末结转和结余", "9.00"),
        ]
        let findings = standard.check(facts).filter { $0.rule == "fund-carryover-08" }
        // Reported in the table printed under the variant title (at the cell that the failing
        // equations share: tie-fund-04-08 fails too, the 总表 printing no 政府性基金 figure).
        #expect(findings.map(\.table) == [table])
    }

    /// `required` is satisfied by any table of the kind, whatever its title.
    @Test func requiredTablesByKind() throws {
        let checker = Checker(rules: try RuleParser.parse("q | required | * | 收入支出决算总表"))
        #expect(checker.check([], printedTables: ["某局": ["部门收支决算总表"]]).isEmpty)
        #expect(checker.check([], printedTables: ["某局": ["收入决算表"]]).map(\.table) == ["收入支出决算总表"])
    }

    /// Rule cells are the vocabulary's cell references: a syntax error names the rules line.
    @Test func cellErrorsNameTheRulesLine() {
        #expect {
            _ = try RuleParser.parse("# c\na | cells | * | [~收入决算表: 合计 @ a] = [收入决算表: 合计 @ b]")
        } throws: { error in
            guard let error = error as? RuleSyntaxError else { return false }
            return error.line == 2 && error.description.contains("without ~")
        }
    }
}

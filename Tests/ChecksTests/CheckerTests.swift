import FoundationEssentials
import ReportModel
import Testing
import Vocabulary

@testable import Checks

@Suite("Rules text")
struct RuleParserTests {
    @Test func defaultRulesParse() throws {
        let rules = try RuleParser.parse(DefaultRules.text)
        #expect(rules.count >= 15)
        #expect(Set(rules.map(\.id)).count == rules.count)
        #expect(rules.contains { $0.id == "rollup-functional" })
    }

    @Test func equations() throws {
        let rules = try RuleParser.parse(
            """
            # a comment
            a | columns | 表一 | 合计 = 甲 + 乙 - 丙
            b | cells | * | [表一: 总计 @ 收入] = [表二: 合计 @ 支出/小计] − [表二: 301 @ 决算数]
            """)
        #expect(rules.count == 2)
        guard case .columns(let left, let right) = rules[0].kind else {
            Issue.record("not a columns rule")
            return
        }
        #expect(left == "合计")
        #expect(right.map(\.item) == ["甲", "乙", "丙"])
        #expect(right.map(\.negative) == [false, false, true])
        #expect(rules[0].tables == [.title("表一")] && rules[0].line == 2)
        guard case .cells(let cell, let terms) = rules[1].kind else {
            Issue.record("not a cells rule")
            return
        }
        #expect(cell == RuleCell(table: .title("表一"), row: "总计", columns: ["收入"]))
        #expect(terms[0].item == RuleCell(table: .title("表二"), row: "合计", columns: ["支出/小计"]))
        #expect(terms[1].negative && terms[1].item.row == "301")
        #expect(rules[1].tables.isEmpty)
    }

    @Test(arguments: [
        ("x | sideways | 表 | a = b", 1, "unknown kind"),
        ("x | columns | 表 | a + b", 1, "one ="),
        ("x | cells | 表 | [a @ b] = c", 1, "[TABLE: ROW @ COL]"),
        ("x | columns | 表 | a = b\nx | columns | 表 | a = c", 2, "used twice"),
        ("just words", 1, "ID | KIND"),
    ])
    func errorsNameTheLine(text: String, line: Int, says: String) {
        #expect {
            _ = try RuleParser.parse(text)
        } throws: { error in
            guard let error = error as? RuleSyntaxError else { return false }
            return error.line == line && error.description.contains(says)
        }
    }
}

@Suite("Checker")
struct CheckerTests {
    private func fact(_ table: String, _ row: String, _ col: String, _ value: String, page: Int = 1) -> Fact {
        Fact(entity: "某局", table: table, row: row, col: col, name: row, value: value, unit: "万元", page: page)
    }

    private let rollup = Checker(rules: try! RuleParser.parse("r | rollup | 表 | 合计"))

    @Test func rollupErrorsOnlyBeyondRounding() {
        let facts = [
            fact("表", "合计", "金额", "30.00"), fact("表", "201", "金额", "20.01"), fact("表", "20101", "金额", "10.00"),
            fact("表", "20102", "金额", "10.00"), fact("表", "205", "金额", "10.00"),
        ]
        let findings = rollup.check(facts)
        // 201 = 20.01 against 20.00 (two items: ±0.01) is rounding; 合计 30.00 against 30.01 is too.
        #expect(findings.allSatisfy { $0.severity == .info })
        #expect(findings.map(\.row) == ["201", "合计"])
        let wrong = rollup.check(facts.map { $0.row == "20102" ? fact("表", "20102", "金额", "11.00") : $0 })
        let errors = wrong.filter { $0.severity == .error }
        #expect(errors.map(\.row) == ["201"])
        #expect(errors.first?.expected == "21.00")
        #expect(errors.first?.printed == "20.01")
    }

    /// Grandchildren roll into children, not straight into the class.
    @Test func rollupUsesTheNearestLevel() {
        let facts = [
            fact("表", "201", "金额", "10.00"), fact("表", "20101", "金额", "10.00"), fact("表", "2010101", "金额", "4.00"),
            fact("表", "2010102", "金额", "6.00"),
        ]
        #expect(rollup.check(facts).isEmpty)
    }

    @Test func blankCellsCountAsZeroButAMissingTotalSkipsACellsRule() throws {
        let checker = Checker(rules: try RuleParser.parse("c | cells | 表 | [合计 @ 甲] = [合计 @ 乙] + [合计 @ 丙]"))
        // 丙 is printed in the table, blank in the 合计 row: it counts as 0.
        let other = fact("表", "201", "丙", "1.00")
        #expect(checker.check([fact("表", "合计", "甲", "5.00"), fact("表", "合计", "乙", "5.00"), other]).isEmpty)
        let error = checker.check([fact("表", "合计", "甲", "5.00"), fact("表", "合计", "乙", "4.00"), other])
        #expect(error.map(\.severity) == [.error])
        // No total printed, or a column the table does not have (another template): nothing to say.
        #expect(checker.check([fact("表", "合计", "乙", "4.00"), other]).isEmpty)
        #expect(checker.check([fact("表", "合计", "甲", "5.00"), fact("表", "合计", "乙", "4.00")]).isEmpty)
    }

    /// `| when …`: the rule applies only where its condition holds; a table without figures adds 0.
    @Test func conditionalRules() throws {
        let checker = Checker(rules: try RuleParser.parse(
            "p | cells | * | [甲: 合计 @ 项目] = [乙: 合计 @ 项目] + [丙: 合计 @ 项目] | when [收入: 合计 @ 总] = [收入: 合计 @ 财政]"))
        let base = [fact("甲", "合计", "项目", "15.00"), fact("乙", "合计", "项目", "10.00")]
        let fiscal = [fact("收入", "合计", "总", "20.00"), fact("收入", "合计", "财政", "20.00")]
        let mixed = [fact("收入", "合计", "总", "20.00"), fact("收入", "合计", "财政", "18.00")]
        // 丙 prints nothing: it adds 0, and 15 ≠ 10 where all income is fiscal.
        #expect(checker.check(base + fiscal).map(\.table) == ["甲"])
        #expect(checker.check(base + mixed).isEmpty)
        #expect(checker.check(base).isEmpty)
        #expect(throws: RuleSyntaxError.self) {
            _ = try RuleParser.parse("x | columns | 表 | a = b | when [a @ b] = [c @ d]")
        }
        #expect(throws: RuleSyntaxError.self) { _ = try RuleParser.parse("x | cells | 表 | [a @ b] = [c @ d] | if [a @ b] = [c @ d]") }
    }

    /// `<=`: a basic-expenditure line can be at most the 三公 figure it belongs to.
    @Test func upperBounds() throws {
        let checker = Checker(rules: try RuleParser.parse("b | cells | * | [基本: 30217 @ 决算数] <= [三公: #1 @ 决算数/公务接待费]"))
        let sangong = fact("三公", "#1", "决算数/公务接待费", "1.43")
        #expect(checker.check([fact("基本", "30217", "决算数", "1.43"), sangong]).isEmpty)
        #expect(checker.check([fact("基本", "30217", "决算数", "1.00"), sangong]).isEmpty)
        let over = checker.check([fact("基本", "30217", "决算数", "2.10"), sangong])
        #expect(over.map(\.severity) == [.error])
        #expect(over.first?.expected == "1.43" && over.first?.row == "30217")
        // Without the 三公 figure there is nothing to bound it by.
        #expect(checker.check([fact("基本", "30217", "决算数", "2.10")]).isEmpty)
    }

    @Test func requiredTablesNeedTheListOfPrintedTables() throws {
        let checker = Checker(rules: try RuleParser.parse("q | required | * | 甲表; 乙表 / 丙表"))
        let facts = [fact("甲表", "合计", "金额", "1.00")]
        #expect(checker.check(facts).isEmpty)
        let findings = checker.check(facts, printedTables: ["某局": ["甲表"]])
        #expect(findings.map(\.table) == ["乙表"])
        #expect(findings.first?.severity == .warning)
        #expect(checker.check(facts, printedTables: ["某局": ["甲表", "丙表"]]).isEmpty)
    }

    /// The summary table's class rows against the detail table's 3-digit classes, by name.
    @Test func classByClassTies() throws {
        let checker = Checker(rules: try RuleParser.parse("t | classes | * | [总表 @ 支出] = [明细表 @ 合计]"))
        var facts = [
            fact("总表", "一、一般公共服务支出", "支出", "2106.66"), fact("总表", "八、社会保障和就业支出", "支出", "326.71"),
            fact("总表", "九、卫生健康支出", "支出", "70.00"), fact("明细表", "201", "合计", "2106.66"),
            fact("明细表", "208", "合计", "326.72"), fact("明细表", "210", "合计", "60.99"),
        ]
        facts[3].name = "一般公共服务支出"
        facts[4].name = "社会保障和就业支出"
        facts[5].name = "卫生健康支出"
        let findings = checker.check(facts)
        // Reported at the detail table's class, the summary's figure as the expected one.
        let severityByRow = Dictionary(uniqueKeysWithValues: findings.map { ($0.row ?? "", $0.severity) })
        #expect(severityByRow == ["208": .info, "210": .error])
        #expect(findings.allSatisfy { $0.table == "明细表" })
        #expect(findings.first { $0.severity == .error }?.expected == "70.00")
        // A detail table without that column (another template) is not compared.
        let other = Checker(rules: try RuleParser.parse("t | classes | * | [总表 @ 支出] = [明细表 @ 本年支出/小计]"))
        #expect(other.check(facts).isEmpty)
    }

    @Test func classNames() {
        #expect(ClassName.key("一、一般公共服务支出") == ClassName.key("一般公共服务支出"))
        #expect(ClassName.key("十九、住房保障支出") == "住房保障")
        #expect(ClassName.key("一般公共服务（类）") == "一般公共服务")
    }

    @Test func negativeAmounts() throws {
        let checker = Checker(rules: try RuleParser.parse("n | nonnegative | 表 |"))
        let findings = checker.check([fact("表", "201", "金额", "-3.20"), fact("表", "202", "金额", "0")])
        #expect(findings.map(\.row) == ["201"])
        #expect(findings.first?.severity == .error)
    }

    @Test func entitiesAreCheckedApart() {
        var other = fact("表", "201", "金额", "5.00")
        other.entity = "下属单位"
        let facts = [fact("表", "201", "金额", "10.00"), fact("表", "20101", "金额", "10.00"), other]
        #expect(rollup.check(facts).isEmpty)
    }

    /// CLI.md: `table`, `row`, `col` are null — present — for a finding about text alone.
    @Test func jsonKeepsNullKeys() throws {
        let finding = Finding(
            rule: "x", severity: .error, entity: "", table: nil, row: nil, col: nil, page: 3, printed: "1", expected: "2",
            message: "m", sentence: "s")
        let json = String(decoding: try JSONEncoder().encode(finding), as: UTF8.self)
        #expect(json.contains("\"table\":null") && json.contains("\"row\":null") && json.contains("\"col\":null"))
        #expect(json.contains("\"sentence\":\"s\""))
    }
}

@Suite("Year consistency")
struct YearConsistencyTests {
    private let texts = [
        YearConsistency.Text(page: 1, text: "2023年度株洲市商务局部门决算"),
        YearConsistency.Text(page: 5, text: "2023年度部门决算表"),
        YearConsistency.Text(page: 18, text: "2022年度部门决算情况说明"),
        YearConsistency.Text(page: 18, text: "2023年度收、支总计3372.72万元，与2022年度相比，减少766.4万元。"),
    ]

    @Test func theSeedsHeadingIsFound() {
        #expect(YearConsistency.reportYear(texts) == 2023)
        let findings = YearConsistency.findings(texts, year: 2023, entity: "株洲市商务局")
        #expect(findings.map(\.page) == [18])
        #expect(findings.first?.printed == "2022年度" && findings.first?.expected == "2023年度")
        #expect(findings.first?.table == nil && findings.first?.sentence == "2022年度部门决算情况说明")
    }

    @Test func yearsInText() {
        #expect(YearConsistency.years(in: "2021年度与２０２２年度") == [2021, 2022])
        #expect(YearConsistency.years(in: "2022年8月") == [])
        #expect(YearConsistency.years(in: "12022年度") == [])
    }
}

@Suite("Which cell an error blames")
struct DiagnosisTests {
    private func fact(_ table: String, _ row: String, _ col: String, _ value: String) -> Fact {
        Fact(entity: "某局", table: table, row: row, col: col, name: row, value: value, unit: "万元", page: 1)
    }

    /// A leaf altered breaks its class's sum and its own row's identity: the leaf is blamed, once.
    @Test func theSharedCellIsBlamed() throws {
        let checker = Checker(rules: try RuleParser.parse(
            """
            r | rollup | 表 |
            c | columns | 表 | 小计 = 基本 + 项目
            """))
        let facts = [
            fact("表", "208", "小计", "100.00"), fact("表", "208", "基本", "60.00"), fact("表", "208", "项目", "40.00"),
            fact("表", "20801", "小计", "70.00"), fact("表", "20801", "基本", "40.00"), fact("表", "20801", "项目", "20.00"),
            fact("表", "20802", "小计", "40.00"), fact("表", "20802", "基本", "20.00"), fact("表", "20802", "项目", "20.00"),
        ]
        let errors = checker.check(facts).filter { $0.severity == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.row == "20801" && errors.first?.col == "小计")
        #expect(errors.first?.expected == "60.00")
    }

    /// Between tables, the table that disagrees with the others most often is blamed.
    @Test func theOddTableIsBlamed() throws {
        let checker = Checker(rules: try RuleParser.parse(
            """
            a | cells | * | [甲: 合计 @ 金额] = [乙: 合计 @ 金额]
            b | cells | * | [丙: 合计 @ 金额] = [乙: 合计 @ 金额]
            """))
        let facts = [fact("甲", "合计", "金额", "10.00"), fact("乙", "合计", "金额", "12.00"), fact("丙", "合计", "金额", "10.00")]
        let errors = checker.check(facts).filter { $0.severity == .error }
        #expect(errors.map(\.table) == ["乙"])
        #expect(errors.first?.expected == "10.00")
        #expect(errors.first?.printed == "12.00")
    }

    /// With nothing to tell them apart, the rule's first cell is reported.
    @Test func aSingleFailureStaysWithTheRulesTotal() throws {
        let checker = Checker(rules: try RuleParser.parse("a | cells | 表 | [总计 @ 支出] = [总计 @ 收入]"))
        let errors = checker.check([fact("表", "总计", "支出", "5.00"), fact("表", "总计", "收入", "6.00")])
        #expect(errors.map(\.col) == ["支出"])
    }
}

@Suite("Empty tables and their notes")
struct EmptyTablesTests {
    private func table(_ kind: TableKind, _ title: String, notes: [String]) -> ReportTable {
        ReportTable(kind: kind, title: title, entity: "某局", unit: "万元", pages: [14], notes: notes)
    }

    @Test func anEmptyFundTableMustSayWhy() {
        let silent = table(TableKind("stateCapital"), "国有资本经营预算财政拨款支出决算表", notes: ["注：本表反映部门本年度国有资本经营预算财政拨款支出情况。"])
        let explained = table(TableKind("governmentFund"), "政府性基金预算财政拨款收入支出决算表", notes: ["备注：本单位没有政府性基金收入，故本表无数据。"])
        let findings = EmptyTables.findings([silent, explained], facts: [])
        #expect(findings.map(\.table) == ["国有资本经营预算财政拨款支出决算表"])
        #expect(findings.first?.severity == .warning)
    }

    @Test func aTableThatSaysItIsEmptyMustBe() {
        let explained = table(TableKind("governmentFund"), "政府性基金预算财政拨款收入支出决算表", notes: ["故本表无数据。"])
        let zero = Fact(entity: "某局", table: explained.key, row: "合计", col: "本年支出", name: "合计", value: "0.00", unit: "万元", page: 14)
        #expect(EmptyTables.findings([explained], facts: [zero]).isEmpty)
        var figure = zero
        figure.value = "12.50"
        let findings = EmptyTables.findings([explained], facts: [figure])
        #expect(findings.map(\.severity) == [.error])
        #expect(findings.first?.row == "合计" && findings.first?.printed == "12.50")
    }
}

@Suite("Claims on blank cells")
struct BlankCellClaimTests {
    /// A zero the 三公 table prints as a blank cell: the claimed 0 is consistent, not unlinked;
    /// a claimed non-zero for a blank cell is not judged consistent.
    @Test func aClaimedZeroForABlankCellIsConsistent() {
        let table = "一般公共预算财政拨款“三公”经费支出决算表"
        let facts = [
            Fact(entity: "某局", table: table, row: "#1", col: "预算数/合计", name: "", value: "1.51", unit: "万元", page: 12),
            Fact(entity: "某局", table: table, row: "#1", col: "决算数/合计", name: "", value: "1.51", unit: "万元", page: 12),
            Fact(entity: "某局", table: table, row: "#1", col: "决算数/公务接待费", name: "", value: "1.51", unit: "万元", page: 12),
        ]
        let zero = ClaimSentence(text: "公务用车购置费支出预算为0万元，支出决算为0万元。", page: 17)
        let claims = ClaimChecker().claims(sentences: [zero], facts: facts)
        #expect(claims.count == 2)
        #expect(claims.allSatisfy { $0.verdict == .consistent })
        #expect(claims.allSatisfy { $0.refersTo.first?.table == table })
        let nonzero = ClaimSentence(text: "公务用车购置费支出预算为3.20万元，支出决算为3.20万元。", page: 17)
        #expect(ClaimChecker().claims(sentences: [nonzero], facts: facts).allSatisfy { $0.verdict != .consistent })
    }
}

@Suite("Claims quoting an empty table")
struct EmptyTableClaimTests {
    /// The narrative gives a 政府性基金 figure while the report prints that table without any.
    @Test func aFigureFromATablePrintedEmptyIsInconsistent() {
        let fund = "政府性基金预算财政拨款收入支出决算表"
        let sentence = ClaimSentence(text: "2022年度政府性基金预算财政拨款收入45.34万元，支出45.34万元，年末结转和结余0万元。", page: 18)
        let claims = ClaimChecker().claims(sentences: [sentence], facts: [], emptyTables: [fund])
        let inconsistent = claims.filter { $0.verdict == .inconsistent }
        #expect(inconsistent.count == 2)
        #expect(inconsistent.allSatisfy { $0.refersTo.first?.table == fund && $0.expected == "0" })
        // Without the table printed empty, the same figures are merely unlinked.
        #expect(ClaimChecker().claims(sentences: [sentence], facts: []).allSatisfy { $0.verdict != .inconsistent })
    }
}

@Suite("Department consistency")
struct DepartmentConsistencyTests {
    @Test func departmentsInHeadings() {
        #expect(DepartmentConsistency.department(inHeading: "2023年度株洲市商务局部门决算") == "株洲市商务局")
        #expect(DepartmentConsistency.department(inHeading: "上海市普陀区财政局2024年度部门决算") == "上海市普陀区财政局")
        #expect(DepartmentConsistency.department(inHeading: "二、机构设置第二部分2020年度部门决算表") == nil)
        #expect(DepartmentConsistency.department(inHeading: "2022年度部门决算情况说明") == nil)
        #expect(DepartmentConsistency.department(inHeading: "本年收入合计3372.72万元，其中：财政拨款收入。") == nil)
    }

    @Test func aHeadingNamingAnotherDepartment() {
        let texts = [
            YearConsistency.Text(page: 1, text: "2023年度株洲市商务局部门决算"),
            YearConsistency.Text(page: 3, text: "2023年度株洲市发改委部门决算"),
        ]
        let findings = DepartmentConsistency.findings(texts, entities: ["株洲市商务局"])
        #expect(findings.map(\.page) == [3])
        #expect(findings.first?.printed == "株洲市发改委" && findings.first?.severity == .warning)
        // Tables that name no department (the Shanghai reports): nothing to compare with.
        #expect(DepartmentConsistency.findings(texts, entities: [""]).isEmpty)
    }
}

@Suite("Claims corroborated by their own arithmetic")
struct CorroborationTests {
    /// Parts no table prints are consistent when they add up to the stated total, and only then.
    @Test func partsOfASum() {
        let good = ClaimSentence(
            text: "2022年度政府采购支出总额30.43万元，其中：政府采购货物支出19.62万元、政府采购工程支出0.00万元、政府采购服务支出10.81万元。",
            page: 17)
        let claims = ClaimChecker().claims(sentences: [good], facts: [])
        #expect(claims.count == 4)
        #expect(claims.allSatisfy { $0.verdict == .consistent })
        let bad = ClaimSentence(
            text: "2022年度政府采购支出总额31.43万元，其中：政府采购货物支出19.62万元、政府采购工程支出0.00万元、政府采购服务支出10.81万元。",
            page: 17)
        let judged = ClaimChecker().claims(sentences: [bad], facts: [])
        #expect(judged.first?.verdict == .inconsistent)
        #expect(judged.dropFirst().allSatisfy { $0.verdict == .unlinked })
    }
}

import Foundation
import PropertyBased
import ReportModel
import Testing
import Vocabulary

@testable import Checks

/// Files under `Samples/claims/`, found from this file's path.
enum ClaimSamples {
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples/claims")
    }()

    static func text(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: root.appendingPathComponent(name)), as: UTF8.self)
    }

    /// A facts.csv (FACTS.md) as facts.
    static func facts(_ name: String) throws -> [Fact] {
        FactsCSV.parseRecords(try text(name)).dropFirst().compactMap { record in
            guard record.count == 8, let page = Int(record[7]) else { return nil }
            return Fact(
                entity: record[0], table: record[1], row: record[2], col: record[3], name: record[4], value: record[5],
                unit: record[6], page: page)
        }
    }

    /// A narrative excerpt, one sentence a line: `pPAGE<TAB>TEXT` (as `juesuan claims --sentences` prints).
    static func sentences(_ name: String) throws -> [ClaimSentence] {
        try text(name).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2, let page = Int(fields[0].dropFirst()) else { return nil }
            return ClaimSentence(text: String(fields[1]), page: page)
        }
    }
}

private func judge(_ lines: [String], facts: [Fact], page: Int = 1) -> [Claim] {
    ClaimChecker().claims(sentences: lines.map { ClaimSentence(text: $0, page: page) }, facts: facts)
}

private func fact(_ table: String, _ row: String, _ col: String, _ value: String, unit: String = "万元", name: String? = nil)
    -> Fact
{
    Fact(entity: "测试局", table: table, row: row, col: col, name: name ?? row, value: value, unit: unit, page: 5)
}

@Suite("Claims: the seed and the real report")
struct ClaimsDocumentTests {
    /// The Zhuzhou seed report contradicts itself three times in numbers; nothing else is wrong.
    @Test func zhuzhouSeedContradictions() throws {
        let claims = ClaimChecker().claims(
            sentences: try ClaimSamples.sentences("zhuzhou_commerce_2023.narrative.txt"),
            facts: try ClaimSamples.facts("zhuzhou_commerce_2023.facts.csv"))
        let wrong = claims.filter { $0.verdict == .inconsistent }
        #expect(Set(wrong.map(\.value)) == ["4.3", "100.8", "大于", "538.95", "2022"])
        #expect(wrong.first { $0.value == "2022" }?.expected == "2023")
        let health = try #require(wrong.first { $0.value == "4.3" })
        #expect(health.expected == "4.2")
        #expect(health.refersTo.contains { $0.row == "210" && $0.table == "一般公共预算财政拨款支出决算表" })
        let housing = try #require(wrong.first { $0.value == "100.8" })
        #expect(housing.expected == "97.9")
        #expect(wrong.first { $0.value == "大于" }?.expected == "小于")
        let procurement = try #require(wrong.first { $0.value == "538.95" })
        #expect(procurement.expected == "537.95")
        #expect(procurement.kind == "sum")
        // The heading 1、一般公共服务（类）商贸事务（款）行政运行（项） names the next sentence's subject.
        let item = try #require(claims.first { $0.value == "1652.01" })
        #expect(item.verdict == .consistent)
        #expect(item.refersTo.first?.row == "2011301")
        // 人大事物 (sic) still finds 人大事务 行政运行.
        #expect(claims.first { $0.value == "64.9" && $0.sentence.hasPrefix("年初预算") }?.refersTo.first?.row == "2010101")
    }

    /// Every figure the seed narrative repeats from a table is caught when it is changed.
    @Test func everyLinkedFigureIsCaughtWhenChanged() throws {
        let sentences = try ClaimSamples.sentences("zhuzhou_commerce_2023.narrative.txt")
        let facts = try ClaimSamples.facts("zhuzhou_commerce_2023.facts.csv")
        let original = ClaimChecker().claims(sentences: sentences, facts: facts)
        let linked = original.filter { claim in
            claim.verdict == .consistent && claim.unit == "万元" && claim.refersTo.count == 1
                && claim.refersTo[0].source == "table" && claim.kind != "change"
        }
        #expect(linked.count > 40)
        var tried = 0
        for claim in linked {
            guard let index = sentences.firstIndex(where: { $0.text == claim.sentence }),
                claim.sentence.components(separatedBy: claim.value).count == 2,
                let whole = Int(claim.value.split(separator: ".")[0])
            else { continue }
            let fraction = claim.value.contains(".") ? "." + claim.value.split(separator: ".")[1] : ""
            let changed = "\(whole + 100)\(fraction)"
            // The sentence with the context before it (its section is never longer than this).
            var edited = Array(sentences[max(0, index - 10)...index])
            edited[edited.count - 1].text = claim.sentence.replacingOccurrences(of: claim.value, with: changed)
            let judged = ClaimChecker().claims(sentences: edited, facts: facts)
            let verdict = judged.first { $0.sentence == edited[edited.count - 1].text && $0.value == changed }?.verdict
            #expect(verdict == .inconsistent, "\(claim.value) → \(changed) in \(claim.sentence)")
            tried += 1
        }
        #expect(tried > 30)
    }

    /// The two genuine narrative errors of the Putuo report, and nothing else.
    @Test func putuoNarrativeErrors() throws {
        let claims = ClaimChecker().claims(
            sentences: try ClaimSamples.sentences("putuo_caizhengju_2024.narrative.txt"),
            facts: try ClaimSamples.facts("putuo_caizhengju_2024.facts.csv"))
        let wrong = claims.filter { $0.verdict == .inconsistent }
        #expect(wrong.count == 2)
        let total = try #require(wrong.first { $0.value == "0.3" })
        #expect(total.unit == "万元")
        #expect(total.expected == "2961.68")
        #expect(total.refersTo.first?.table == "财政拨款收入支出决算总表")
        #expect(total.refersTo.first?.row == "总计")
        let share = try #require(wrong.first { $0.value == "71.73" })
        #expect(share.expected == "71.65")
        // 326.72 in the detail tables, 326.71 in the 总表: the narrative agrees with the former.
        #expect(claims.first { $0.value == "11.11" }?.verdict == .consistent)
        #expect(claims.first { $0.value == "1.87" }?.verdict == .consistent)
        // The heading's item survives a budget figure the layout displaced (`1560.05员经费…`).
        let displaced = try #require(claims.first { $0.value == "1511.89" })
        #expect(displaced.refersTo.first?.row == "2010601")
        #expect(displaced.verdict == .consistent)

        let findings = ClaimChecker().findings(for: claims)
        #expect(findings.count == 2)
        #expect(findings.allSatisfy { $0.severity == .error && $0.sentence != nil })
        #expect(findings.first { $0.printed == "71.73" }?.rule == "narrative-share")
        #expect(findings.first { $0.printed == "0.3" }?.rule == "narrative-amount")
    }
}

@Suite("Claims: parsing, linking, judging")
struct ClaimsUnitTests {
    let facts = [
        fact("收入支出决算总表", "总计", "收入/决算数", "3372.72"),
        fact("支出决算表", "合计", "本年支出合计", "3372.72"),
        fact("支出决算表", "合计", "基本支出", "2358.60"),
        fact("支出决算表", "合计", "项目支出", "1014.12"),
        fact("一般公共预算财政拨款支出决算表", "合计", "本年支出/小计", "3372.72"),
        fact("一般公共预算财政拨款支出决算表", "210", "本年支出/小计", "142.88", name: "卫生健康支出"),
        fact("一般公共预算财政拨款支出决算表", "21011", "本年支出/小计", "142.88", name: "行政事业单位医疗"),
        fact("一般公共预算财政拨款支出决算表", "2101101", "本年支出/小计", "43.14", name: "行政单位医疗"),
        fact("一般公共预算财政拨款支出决算表", "2101199", "本年支出/小计", "99.74", name: "其他行政事业单位医疗支出"),
    ]

    @Test func numbersWithSeparatorsAndUnits() {
        let reader = ClaimReader(vocabulary: .standard, index: ClaimFactIndex([]))
        let tokens = reader.scan(ClaimReader.normalized("收入60,006,052.51元，占99.79％，共有车辆3辆，2023年度，第1季度"))
        #expect(tokens.map(\.value) == ["60006052.51", "99.79", "3"])
        #expect(tokens.map(\.unit) == ["元", "%", "辆"])
        // Numbers a space apart are separate numbers: only 100 has a unit.
        #expect(reader.scan(ClaimReader.normalized("171 171 100%")).map(\.value) == ["100"])
        #expect(reader.scan(ClaimReader.normalized("1.5亿元")).first?.unit == "亿元")
    }

    @Test func roleWordsInsideANameAreNotRoles() {
        let reader = ClaimReader(vocabulary: .standard, index: ClaimFactIndex([]))
        // The 预算 of 一般公共预算财政拨款支出 is part of the name, not a budget.
        #expect(reader.classify("2023年度一般公共预算财政拨款支出").0 == .amount)
        #expect(reader.classify("一般公共预算财政拨款支出年初预算数为").0 == .budget)
        #expect(reader.classify(",完成年初预算的").0 == .rate)
        #expect(reader.classify(",占本年支出合计的").0 == .share)
        #expect(reader.classify("与上年相比,减少").0 == .down)
        // A role word followed by other words names something else: 预算 of 基本支出会议费.
        #expect(reader.classify("(其中:一般公共预算基本支出会议费").0 == .amount)
    }

    @Test func anAmountAgreesWithItsCellWithinRounding() {
        let claims = judge(["2023年度收、支总计3372.72万元。", "本年支出合计33,727,200元。"], facts: facts)
        #expect(claims.map(\.verdict) == [.consistent, .consistent])
        #expect(claims[0].refersTo == [ClaimReference(entity: "测试局", table: "收入支出决算总表", row: "总计", col: "收入/决算数")])
        let wrong = judge(["2023年度收、支总计3327.72万元。"], facts: facts)
        #expect(wrong.first?.verdict == .inconsistent)
        #expect(wrong.first?.expected == "3372.72")
        // An amount with nothing to repeat stays unlinked, never inconsistent.
        #expect(judge(["本年度支出了欠缴租金334.55万元。"], facts: facts).first?.verdict == .unlinked)
        // 基本支出 inside a longer name is not 基本支出.
        #expect(judge(["政府性基金基本支出500万元。"], facts: facts).first?.verdict == .unlinked)
    }

    @Test func sharesUseTheWholeThatQiZhongOpens() {
        let claims = judge(["本年支出合计3372.72万元，其中：基本支出2358.6万元，占69.9%；", "项目支出1014.12万元，占30.1%。"], facts: facts)
        #expect(claims.filter { $0.unit == "%" }.map(\.verdict) == [.consistent, .consistent])
        let wrong = judge(["本年支出合计3372.72万元，其中：基本支出2358.6万元，占70.9%；"], facts: facts)
        #expect(wrong.last?.verdict == .inconsistent)
        #expect(wrong.last?.expected == "69.9")
    }

    @Test func yearOnYearArithmetic() {
        let good = judge(["2023年度收、支总计3372.72万元。", "与上年相比，减少766.4万元，减少18.52%，主要是因为…"], facts: facts)
        #expect(good.map(\.verdict) == [.consistent, .consistent, .consistent])
        #expect(good[1].refersTo.contains { $0.source == "prior" })
        let bad = judge(["2023年度收、支总计3372.72万元。", "与上年相比，减少766.4万元，减少18.00%。"], facts: facts)
        #expect(bad.last?.verdict == .inconsistent)
        #expect(bad.last?.expected == "18.52")
        // A change without its rate cannot be judged: the prior year is not printed.
        #expect(judge(["2023年度收、支总计3372.72万元，与上年相比增加8.59万元。"], facts: facts).last?.verdict == .unlinked)
    }

    @Test func itemHeadingsNameTheBudgetSentence() {
        let claims = judge(
            [
                "9、卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）。",
                "年初预算为44.9万元，支出决算为43.14万元，完成年初预算的96.1%，决算数小于年初预算数的主要原因是：人员异动。",
                "10、卫生健康支出（类）行政事业单位医疗（款）其他行政事业单位医疗支出（项）。",
                "年初预算为90.81万元，支出决算为99.74万元，完成年初预算的100.8%，决算数小于年初预算数。",
            ], facts: facts)
        // The budget is not printed, but its completion rate corroborates it.
        #expect(claims[0].verdict == .consistent)
        #expect(claims[0].refersTo.first?.source == "budget")
        #expect(claims[1].refersTo.first?.row == "2101101")
        #expect(claims[1].verdict == .consistent)
        #expect(claims[2].verdict == .consistent)
        #expect(claims[3].verdict == .consistent)
        let second = Array(claims.dropFirst(4))
        // Rate and comparison both disagree: nothing corroborates this budget.
        #expect(second[0].verdict == .unlinked)
        #expect(second[1].refersTo.first?.row == "2101199")
        #expect(second[2].verdict == .inconsistent)
        #expect(second[2].expected == "109.8")
        #expect(second[3].value == "小于")
        #expect(second[3].verdict == .inconsistent)
    }

    @Test func totalsEqualTheirParts() {
        let good = judge(["2023年度政府采购支出总额537.95万元，其中：政府采购货物支出67.88万元、政府采购工程支出0万元、政府采购服务支出470.07万元。"], facts: [])
        #expect(good.first?.verdict == .consistent)
        let bad = judge(["2023年度政府采购支出总额538.95万元，其中：政府采购货物支出67.88万元、政府采购工程支出0万元、政府采购服务支出470.07万元。"], facts: [])
        #expect(bad.first?.verdict == .inconsistent)
        #expect(bad.first?.expected == "537.95")
        // Counts are exact: 3 vehicles are not 1 + 1 + 2 within any rounding.
        #expect(judge(["截至12月31日，共有车辆3辆，其中，机要通信用车1辆、应急保障用车1辆、其他用车2辆；"], facts: []).first?.verdict == .inconsistent)
        #expect(judge(["截至12月31日，共有车辆3辆，其中，机要通信用车1辆、应急保障用车1辆、其他用车1辆；"], facts: []).first?.verdict == .consistent)
    }

    @Test func otherWordings() {
        let totals = judge(["2023年度收入、支出总计均为3372.72万元，与上年相比，收、支总计各减少766.4万元，降幅为18.52%。"], facts: facts)
        #expect(totals.map(\.verdict) == [.consistent, .consistent, .consistent])
        // A row named with its ordinal (一、一般公共预算财政拨款收入) is found by its name.
        let income = [fact("收入支出决算总表", "一、一般公共预算财政拨款收入", "收入/决算数", "3372.72")]
        #expect(judge(["本年收入合计3372.72万元，其中：一般公共预算财政拨款收入3327.72万元。"], facts: income).last?.expected == "3372.72")
        // A bare 支出 after a named 收入 continues its name.
        let fund = [
            fact("政府性基金预算财政拨款收入支出决算表", "合计", "本年收入", "170.84"),
            fact("政府性基金预算财政拨款收入支出决算表", "合计", "本年支出/小计", "215.32"),
            fact("政府性基金预算财政拨款收入支出决算表", "合计", "年末结转和结余", "33.79"),
        ]
        let funds = judge(
            ["2019年度政府性基金预算财政拨款收入170.84万元，支出215.32万元，年末结转和结余33.79万元。"],
            facts: fund + [fact("收入支出决算总表", "年末结转和结余", "支出/决算数", "99.00")])
        #expect(funds.map(\.verdict) == [.consistent, .consistent, .consistent])
        #expect(funds[1].refersTo.first?.col == "本年支出/小计")
        #expect(judge(["2019年度政府性基金预算财政拨款收入170.84万元，支出251.32万元。"], facts: fund).last?.expected == "215.32")
        // A share of a whole only the narrative states (no table prints 政府采购支出总额).
        let procurement = judge(
            [
                "政府采购支出总额537.95万元，其中：政府采购货物支出67.88万元、政府采购工程支出0万元、政府采购服务支出470.07万元。",
                "授予中小企业合同金额400万元，占政府采购支出总额的74.4%。",
            ], facts: [])
        #expect(procurement.last?.verdict == .consistent)
        let wrongShare = judge(
            ["政府采购支出总额537.95万元，其中：政府采购货物支出67.88万元、政府采购服务支出470.07万元。", "授予中小企业合同金额400万元，占政府采购支出总额的47.4%。"],
            facts: [])
        #expect(wrongShare.last?.expected == "74.4")
    }

    /// 比预算数减少X: with the budget printed in the 三公 table, X itself is judged.
    @Test func changesOnAPrintedBudget() {
        let threeCosts = [
            fact("一般公共预算财政拨款“三公”经费支出决算表", "#1", "预算数/合计", "56.05", name: ""),
            fact("一般公共预算财政拨款“三公”经费支出决算表", "#1", "决算数/合计", "46.05", name: ""),
        ]
        let good = judge(["2023年度“三公”经费支出决算数为46.05万元，比预算数减少10万元，下降17.8%。"], facts: threeCosts)
        #expect(good.map(\.verdict) == [.consistent, .consistent, .consistent])
        let bad = judge(["2023年度“三公”经费支出决算数为46.05万元，比预算数减少9万元，下降16.0%。"], facts: threeCosts)
        #expect(bad[1].verdict == .inconsistent)
        #expect(bad[1].expected == "10.00")
    }

    @Test func thePatternTablesParse() {
        let vocabulary = ClaimVocabulary.standard
        #expect(vocabulary.quantities.count == ClaimPatterns.quantities.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.trimmingWhitespace.hasPrefix("#") }.count)
        #expect(vocabulary.quantities.allSatisfy { $0.isSum || $0.final != nil })
        #expect(vocabulary.quantity(named: "三公经费")?.budget?.first?.table?.kind == TableKind("threePublic"))
    }

    /// A share computed from exact 元 figures, each rounded to 万元 and the share to one decimal,
    /// is always judged consistent; moved by 0.3 points it is always inconsistent.
    @Test func roundedSharesAreConsistentAndMovedOnesAreNot() async {
        await propertyCheck(input: Gen.int64(in: 0...1_000_000_000), Gen.int64(in: 1_000_000_000...50_000_000_000)) { part, whole in
            guard part <= whole else { return }
            let partWan = wan(part)
            let wholeWan = wan(whole)
            let tenths = (part * 2_000 + whole) / (2 * whole)
            let facts = [
                fact("支出决算表", "合计", "本年支出合计", wholeWan),
                fact("支出决算表", "合计", "基本支出", partWan),
            ]
            let sentence = { (percent: Int64) in
                ["本年支出合计\(wholeWan)万元，其中：基本支出\(partWan)万元，占\(tenthsText(percent))%；"]
            }
            #expect(judge(sentence(tenths), facts: facts).last?.verdict == .consistent)
            #expect(judge(sentence(tenths + 3), facts: facts).last?.verdict == .inconsistent)
        }
    }
}

/// 元 in cents → 万元 with two decimals, rounded half up.
private func wan(_ cents: Int64) -> String {
    let hundredths = (cents + 5_000) / 10_000
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

private func tenthsText(_ tenths: Int64) -> String { "\(tenths / 10).\(tenths % 10)" }

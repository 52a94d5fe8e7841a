import ReportModel

/// One known table title: the kind it names and the normalised titles (`N(title)`) that print it.
struct TableKindEntry: Sendable {
    var kind: TableKind
    var aliases: [String]
}

/// The known 部门决算 table titles, as data. Matching picks the longest alias that ends the
/// printed title (after any `公开NN表` label is removed), so `财政拨款收入支出决算总表` is never
/// taken for `收入支出决算总表`.
let tableKindEntries: [TableKindEntry] = [
    TableKindEntry(kind: .incomeExpenditureSummary, aliases: ["收入支出决算总表", "部门收支决算总表", "收支决算总表"]),
    TableKindEntry(kind: .income, aliases: ["收入决算表", "部门收入决算表"]),
    TableKindEntry(kind: .expenditure, aliases: ["支出决算表", "部门支出决算表"]),
    TableKindEntry(
        kind: .fiscalSummary,
        aliases: ["财政拨款收入支出决算总表", "财政拨款收支决算总表", "财政拨款收入支出决算表"]),
    TableKindEntry(
        kind: .generalBudgetExpenditure,
        aliases: ["一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表", "一般公共预算支出决算表"]),
    TableKindEntry(
        kind: .generalBudgetBasic,
        aliases: [
            "一般公共预算财政拨款基本支出决算表", "一般公共预算财政拨款基本支出决算明细表", "一般公共预算基本支出决算表",
            "基本支出决算表",
        ]),
    TableKindEntry(
        kind: .threePublic,
        aliases: [
            "一般公共预算财政拨款“三公”经费支出决算表", "财政拨款“三公”经费支出决算表", "“三公”经费支出决算表",
            "一般公共预算财政拨款\"三公\"经费支出决算表", "财政拨款\"三公\"经费支出决算表", "三公经费支出决算表",
            "“三公”经费支出决算情况表",
        ]),
    TableKindEntry(
        kind: .governmentFund,
        aliases: ["政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款支出决算表", "政府性基金预算支出决算表"]),
    TableKindEntry(
        kind: .stateCapital,
        aliases: ["国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表", "国有资本经营预算支出决算表"]),
]

/// Title suffixes that mark a table title of a kind not listed above.
let genericTitleSuffixes: [String] = ["决算表", "决算总表", "预算表", "预算总表"]

enum TableKinds {
    /// The kind of a normalised title, by the longest alias that ends it.
    static func kind(ofNormalized title: String) -> TableKind? {
        var best: (TableKind, Int)?
        for entry in tableKindEntries {
            for alias in entry.aliases where title.hasSuffix(alias) {
                if best == nil || alias.count > best!.1 { best = (entry.kind, alias.count) }
            }
        }
        if let best { return best.0 }
        if genericTitleSuffixes.contains(where: { title.hasSuffix($0) }) { return .other }
        return nil
    }
}

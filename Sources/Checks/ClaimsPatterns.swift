import Basics
import ReportModel

/// The vocabulary of the narrative, kept as data: what the report's running text calls each
/// figure, which table cell prints it, and the words that say what a number is (a budget, a
/// final figure, a share, a change).
///
/// An auditor extends the checker by editing these texts, not the code. Every phrase is
/// compared after `N()` (FACTS.md), so full-width and half-width brackets are the same.
public enum ClaimPatterns {
    /// The quantities the narrative names, one a line:
    ///
    /// `QUANTITY | PHRASE; PHRASE… | FINAL CELL | BUDGET CELL`
    ///
    /// - `PHRASE`: how the text names the quantity; the longest phrase that ends the words
    ///   before a number (role words such as `支出决算为` aside) wins.
    /// - `FINAL CELL`: the cell that prints the figure (the 决算 figure): `[TABLE: ROW @ COL, COL…]`,
///   or several such cells joined by `or`, tried in order.
    ///   The columns are alternatives, tried in order; a column matches when the fact's column
    ///   path holds the same parts in any order (`决算数/合计` matches
    ///   `财政拨款“三公”经费/合计/决算数`). A table written `~TITLE` matches every title ending
    ///   in `TITLE`; a row written `~NAME` every row ending in `NAME` (`一、一般公共预算财政拨款收入`).
    /// - `BUDGET CELL`: the cell that prints its budget, or `-` when the report prints none (the
    ///   claim is then judged only by its own arithmetic).
    /// - A final cell `sum` marks a total whose parts follow it after `其中` in the same sentence.
    public static let quantities = """
        # quantity | phrases | final cell | budget cell
        收支总计 | 收、支总计; 收支总计; 收入支出总计; 收入、支出总计; 收入支出决算总计; 收支总额 | [收入支出决算总表: 总计 @ 收入/决算数, 收入/金额] | -
        收入总计 | 收入总计 | [收入支出决算总表: 总计 @ 收入/决算数, 收入/金额] | -
        支出总计 | 支出总计 | [收入支出决算总表: 总计 @ 支出/决算数, 支出/金额] | -
        年初结转和结余 | 年初结转和结余 | [收入支出决算总表: 年初结转和结余 @ 收入/决算数, 收入/金额] | -
        年末结转和结余 | 年末结转和结余 | [收入支出决算总表: 年末结转和结余 @ 支出/决算数, 支出/金额] | -
        一般公共预算财政拨款收入 | 一般公共预算财政拨款收入 | [收入支出决算总表: ~一般公共预算财政拨款收入 @ 收入/决算数, 收入/金额] | -
        国有资本经营预算财政拨款收入 | 国有资本经营预算财政拨款收入 | [收入支出决算总表: ~国有资本经营预算财政拨款收入 @ 收入/决算数, 收入/金额] | -
        本年收入合计 | 本年收入合计; 本年收入; 收入合计; 总收入; 收入总额 | [收入支出决算总表: 本年收入合计 @ 收入/决算数, 收入/金额] or [收入决算表: 合计 @ 本年收入合计] | -
        本年支出合计 | 本年支出合计; 本年支出; 支出合计; 总支出; 支出总额 | [支出决算表: 合计 @ 本年支出合计] or [收入支出决算总表: 本年支出合计 @ 支出/决算数, 支出/金额] | -
        财政拨款收入 | 财政拨款收入 | [收入决算表: 合计 @ 财政拨款收入] | -
        上级补助收入 | 上级补助收入 | [收入决算表: 合计 @ 上级补助收入] | -
        事业收入 | 事业收入 | [收入决算表: 合计 @ 事业收入] | -
        经营收入 | 经营收入 | [收入决算表: 合计 @ 经营收入] | -
        附属单位上缴收入 | 附属单位上缴收入 | [收入决算表: 合计 @ 附属单位上缴收入] | -
        其他收入 | 其他收入 | [收入决算表: 合计 @ 其他收入] | -
        基本支出 | 基本支出 | [支出决算表: 合计 @ 基本支出] | -
        项目支出 | 项目支出 | [支出决算表: 合计 @ 项目支出] | -
        上缴上级支出 | 上缴上级支出 | [支出决算表: 合计 @ 上缴上级支出] | -
        经营支出 | 经营支出 | [支出决算表: 合计 @ 经营支出] | -
        对附属单位补助支出 | 对附属单位补助支出 | [支出决算表: 合计 @ 对附属单位补助支出] | -
        整体支出 | 整体支出 | [支出决算表: 合计 @ 本年支出合计] | -
        财政拨款收支总计 | 财政拨款收、支总计; 财政拨款收支总计; 财政拨款收入支出总计; 财政拨款收入、支出总计 | [财政拨款收入支出决算总表: 总计 @ 收入/金额, 收入/决算数, 收入/合计] | -
        一般公共预算财政拨款支出 | 一般公共预算财政拨款支出 | [一般公共预算财政拨款支出决算表: 合计 @ 本年支出/小计, 本年支出/合计, 合计] | -
        一般公共预算财政拨款基本支出 | 一般公共预算财政拨款基本支出 | [一般公共预算财政拨款支出决算表: 合计 @ 本年支出/基本支出, 基本支出] | -
        一般公共预算财政拨款项目支出 | 一般公共预算财政拨款项目支出 | [一般公共预算财政拨款支出决算表: 合计 @ 本年支出/项目支出, 项目支出] | -
        人员经费 | 人员经费 | [一般公共预算财政拨款基本支出决算表: 人员经费合计 @ 决算数] | -
        公用经费 | 公用经费 | [一般公共预算财政拨款基本支出决算表: 公用经费合计 @ 决算数] | -
        三公经费 | “三公”经费财政拨款支出; “三公”经费支出; “三公”经费 | [~“三公”经费支出决算表: #1 @ 决算数/合计] | [~“三公”经费支出决算表: #1 @ 预算数/合计]
        因公出国（境）费 | 因公出国（境）费; 因公出国（境）费用 | [~“三公”经费支出决算表: #1 @ 决算数/因公出国（境）费] | [~“三公”经费支出决算表: #1 @ 预算数/因公出国（境）费]
        公务接待费 | 公务接待费 | [~“三公”经费支出决算表: #1 @ 决算数/公务接待费] | [~“三公”经费支出决算表: #1 @ 预算数/公务接待费]
        公务用车购置及运行费 | 公务用车购置费及运行维护费; 公务用车购置及运行维护费; 公务用车购置及运行费 | [~“三公”经费支出决算表: #1 @ 决算数/公务用车购置及运行费/小计, 决算数/公务用车购置及运行费] | [~“三公”经费支出决算表: #1 @ 预算数/公务用车购置及运行费/小计, 预算数/公务用车购置及运行费]
        公务用车购置费 | 公务用车购置费 | [~“三公”经费支出决算表: #1 @ 决算数/公务用车购置及运行费/公务用车购置费, 决算数/公务用车购置费] | [~“三公”经费支出决算表: #1 @ 预算数/公务用车购置及运行费/公务用车购置费, 预算数/公务用车购置费]
        公务用车运行维护费 | 公务用车运行维护费; 公务用车运行费 | [~“三公”经费支出决算表: #1 @ 决算数/公务用车购置及运行费/公务用车运行费, 决算数/公务用车运行费] | [~“三公”经费支出决算表: #1 @ 预算数/公务用车购置及运行费/公务用车运行费, 预算数/公务用车运行费]
        政府性基金预算财政拨款收入 | 政府性基金预算财政拨款收入 | [政府性基金预算财政拨款收入支出决算表: 合计 @ 本年收入] or [收入支出决算总表: ~政府性基金预算财政拨款收入 @ 收入/决算数, 收入/金额] | -
        政府性基金预算财政拨款支出 | 政府性基金预算财政拨款支出 | [政府性基金预算财政拨款收入支出决算表: 合计 @ 本年支出/小计, 本年支出/合计] | -
        政府性基金预算财政拨款年初结转和结余 | 政府性基金预算财政拨款年初结转和结余; 政府性基金年初结转和结余 | [政府性基金预算财政拨款收入支出决算表: 合计 @ 年初结转和结余] | -
        政府性基金预算财政拨款年末结转和结余 | 政府性基金预算财政拨款年末结转和结余; 政府性基金年末结转和结余 | [政府性基金预算财政拨款收入支出决算表: 合计 @ 年末结转和结余] | -
        国有资本经营预算财政拨款支出 | 国有资本经营预算财政拨款支出 | [国有资本经营预算财政拨款支出决算表: 合计 @ 本年支出/合计, 本年支出/小计] | -
        机关运行经费 | 机关运行经费 | [一般公共预算财政拨款基本支出决算表: 公用经费合计 @ 决算数] | -
        政府采购支出总额 | 政府采购支出总额; 政府采购支出总计; 政府采购金额; 政府采购总额 | sum | -
        车辆总数 | 共有车辆; 车辆总数 | sum | -
        """

    /// The words before a number that say what it is, one a line: `ROLE | WORD; WORD…`.
    /// The last role word before the number decides; the quantity is named before it.
    ///
    /// Roles: `budget` (a budget figure), `final` (the 决算 figure), `share` (占…, a percentage
    /// of a whole), `rate` (完成预算的…, final ÷ budget), `up` / `down` (a change on last year
    /// or, after 比…预算, on the budget).
    public static let roles = """
        rate | 完成年初预算的; 完成预算的; 完成年初预算; 完成了年初预算的; 预算完成率为; 预算执行率为; 预算执行率; 执行率为; 执行率; 为年初预算的; 为预算的
        share | 占
        budget | 年初预算数为; 年初预算为; 年初预算数; 年初预算; 支出预算为; 支出预算数为; 预算数为; 预算为; 预算数; 预算
        final | 支出决算数为; 支出决算为; 决算数为; 决算为; 支出决算数; 支出决算; 决算数; 决算
        up | 增加; 增长; 上升; 增支; 增幅为; 增幅; 增长率为; 增长率
        down | 减少; 下降; 降低; 减支; 降幅为; 降幅; 减幅; 下降率
        """

    /// Words that may stand between a quantity's name and its number without changing what it
    /// names (`一般公共服务（类）支出1835.74万元`, `…支出决算为…`).
    public static let fillers = """
        支出决算数为; 支出决算为; 决算数为; 决算为; 支出决算; 年初预算数为; 年初预算为; 预算数为; 预算为; 支出预算为; \
        支出; 合计; 共计; 总计; 总额; 均为; 均; 各; 约; 为; 是; 共; 达; 计; 累计; 全年; 本年; 本年度; 财政拨款; 数; 金额; ,; :; 、; (类)
        """

    /// Characters after which a quantity's name may begin: punctuation, the end of a date
    /// (`2023年度`), the end of an organisation's name. A phrase preceded by anything else is
    /// part of a longer name and names nothing.
    public static let nameBoundaries = ",;:、。()“”\"年度的为在至是及和与局委办院厅部站所校心司队会"

    /// Phrases that open a whole whose parts follow, and the quantity that is the whole:
    /// `PHRASE | QUANTITY`. An amount followed by `其中` or `主要用于` is a whole as well.
    public static let wholes = """
        “三公”经费财政拨款支出决算中 | 三公经费
        “三公”经费支出决算中 | 三公经费
        """

    /// Units printed after numbers, longest first where one ends another: `UNIT | KIND`, the kind
    /// `money` with its value in 元, `percent`, or `count`.
    public static let units = """
        亿元 | money 100000000
        万元 | money 10000
        元 | money 1
        % | percent
        辆 | count
        人次 | count
        人 | count
        个 | count
        台 | count
        家 | count
        批 | count
        """

    /// The comparison of a final figure with its budget in words: `WORD | RELATION`.
    public static let comparisons = """
        决算数大于年初预算数 | greater
        决算数大于预算数 | greater
        决算数小于年初预算数 | less
        决算数小于预算数 | less
        决算数等于年初预算数 | equal
        决算数与年初预算数持平 | equal
        """
}

/// A cell named in ``ClaimPatterns/quantities``.
struct ClaimCellSpec: Sendable, Hashable {
    var table: String
    var tableIsSuffix: Bool
    var row: String
    var rowIsSuffix: Bool = false
    /// Column alternatives, each as its parts.
    var columns: [[String]]
}

/// One quantity of ``ClaimPatterns/quantities``.
struct ClaimQuantity: Sendable, Hashable {
    var name: String
    var phrases: [String]
    var final: [ClaimCellSpec]?
    var budget: [ClaimCellSpec]?
    var isSum: Bool
}

enum ClaimRole: String, Sendable {
    case amount, budget, final, share, rate, up, down
}

enum ClaimUnitKind: Sendable, Hashable {
    case money(factor: Int128)
    case percent
    case count
}

/// The pattern texts, read once.
struct ClaimVocabulary: Sendable {
    var quantities: [ClaimQuantity]
    var roles: [(word: String, role: ClaimRole)]
    var fillers: [String]
    var wholes: [(phrase: String, quantity: String)]
    var units: [(unit: String, kind: ClaimUnitKind)]
    var comparisons: [(word: String, relation: String)]
    var nameBoundaries: Set<Character>
    /// Every quantity and whole phrase, as characters (words inside them are no role words).
    var maskPhrases: [[Character]]
    /// The role words as characters.
    var roleWords: [(word: [Character], role: ClaimRole)]

    static let standard = ClaimVocabulary()

    init() {
        quantities = Self.lines(ClaimPatterns.quantities).compactMap { fields in
            guard fields.count >= 3 else { return nil }
            let final = fields[2] == "sum" || fields[2] == "-" ? nil : Self.cells(fields[2])
            let budget = fields.count > 3 && fields[3] != "-" ? Self.cells(fields[3]) : nil
            return ClaimQuantity(
                name: Normalization.n(fields[0]), phrases: Self.list(fields[1]), final: final, budget: budget,
                isSum: fields[2] == "sum")
        }
        roles = Self.lines(ClaimPatterns.roles).flatMap { fields -> [(word: String, role: ClaimRole)] in
            guard fields.count == 2, let role = ClaimRole(rawValue: fields[0]) else { return [] }
            return Self.list(fields[1]).map { (word: $0, role: role) }
        }
        fillers = Self.list(ClaimPatterns.fillers.replacingNewlines).sorted { $0.count > $1.count }
        wholes = Self.lines(ClaimPatterns.wholes).compactMap { fields in
            fields.count == 2 ? (phrase: Normalization.n(fields[0]), quantity: Normalization.n(fields[1])) : nil
        }
        units = Self.lines(ClaimPatterns.units).compactMap { fields in
            guard fields.count == 2 else { return nil }
            let kind = fields[1].split(separator: " ")
            switch kind.first {
            case "money": return (unit: Normalization.n(fields[0]), kind: .money(factor: Int128(String(kind.last ?? "1")) ?? 1))
            case "percent": return (unit: Normalization.n(fields[0]), kind: .percent)
            default: return (unit: Normalization.n(fields[0]), kind: .count)
            }
        }
        nameBoundaries = Set(Normalization.n(ClaimPatterns.nameBoundaries))
        maskPhrases = (quantities.flatMap(\.phrases) + wholes.map(\.phrase)).map(Array.init)
        roleWords = roles.map { (Array($0.word), $0.role) }
        comparisons = Self.lines(ClaimPatterns.comparisons).compactMap { fields in
            fields.count == 2 ? (word: Normalization.n(fields[0]), relation: fields[1]) : nil
        }
    }

    func quantity(named name: String) -> ClaimQuantity? { quantities.first { $0.name == name } }

    private static func lines(_ text: String) -> [[String]] {
        text.split(separator: "\n").compactMap { line -> [String]? in
            let content = line.trimmingWhitespace
            if content.isEmpty || content.hasPrefix("#") { return nil }
            return content.split(separator: "|", omittingEmptySubsequences: false).map { String($0.trimmingWhitespace) }
        }
    }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ";").map { Normalization.n(String($0)) }.filter { !$0.isEmpty }
    }

    /// `[TABLE: ROW @ COL] or [TABLE: ROW @ COL]`: alternatives, the first that resolves wins.
    private static func cells(_ text: String) -> [ClaimCellSpec]? {
        let found = text.split(separator: "] or [").map { part -> String in
            var cell = String(part.trimmingWhitespace)
            if !cell.hasPrefix("[") { cell = "[" + cell }
            if !cell.hasSuffix("]") { cell += "]" }
            return cell
        }.compactMap(cell)
        return found.isEmpty ? nil : found
    }

    /// `[TABLE: ROW @ COL, COL]`.
    private static func cell(_ text: String) -> ClaimCellSpec? {
        var inner = Normalization.n(text)
        guard inner.hasPrefix("["), inner.hasSuffix("]") else { return nil }
        inner = String(inner.dropFirst().dropLast())
        let at = inner.split(separator: "@", maxSplits: 1)
        guard at.count == 2, let colon = at[0].firstIndex(of: ":") else { return nil }
        var table = String(at[0][..<colon])
        var row = String(at[0][at[0].index(after: colon)...])
        let suffix = table.hasPrefix("~")
        if suffix { table.removeFirst() }
        let rowSuffix = row.hasPrefix("~")
        if rowSuffix { row.removeFirst() }
        let columns = at[1].split(separator: ",").map { $0.split(separator: "/").map(String.init) }
        return ClaimCellSpec(table: table, tableIsSuffix: suffix, row: row, rowIsSuffix: rowSuffix, columns: columns)
    }
}

extension String {
    fileprivate var replacingNewlines: String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}

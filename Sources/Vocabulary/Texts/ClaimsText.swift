/// The vocabulary of the narrative, kept as data: what the report's running text calls each
/// figure, which table cell prints it, and the words that say what a number is (a budget, a
/// final figure, a share, a change).
///
/// An auditor extends the checker by editing these texts, not the code. Every phrase is
/// compared after `N()` (FACTS.md), so full-width and half-width brackets are the same.
public enum ClaimPatterns {
    /// The cells of the 类/款/项 rows a claim names by its class or item (`一般公共服务（类）…`):
    /// a column reference, the row being the code.
    public static let functionalCells = "[一般公共预算财政拨款支出决算表 @ 本年支出/小计, 本年支出/合计, 合计]"

    /// The quantities the narrative names, one a line:
    ///
    /// `QUANTITY | PHRASE; PHRASE… | FINAL CELL | BUDGET CELL`
    ///
    /// - `PHRASE`: how the text names the quantity; the longest phrase that ends the words
    ///   before a number (role words such as `支出决算为` aside) wins.
    /// - `FINAL CELL`: the cell that prints the figure (the 决算 figure): `[TABLE: ROW @ COL, COL…]`,
    ///   or several such cells joined by `or`, tried in order (the cell-reference language of the
    ///   rules, ``CellReferenceParser``). The table is named by a title of its kind, so it matches
    ///   the table whatever title the template prints.
    ///   The columns are alternatives, tried in order, then the other columns of their alias sets
    ///   (``VocabularyText/columns``); a column matches when the fact's column path holds the same
    ///   parts in any order (`决算数/合计` matches `财政拨款“三公”经费/合计/决算数`). A row
    ///   written `~NAME` matches every row ending in `NAME` (`一、一般公共预算财政拨款收入`).
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
        三公经费 | “三公”经费财政拨款支出; “三公”经费支出; “三公”经费 | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 决算数/合计] | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 预算数/合计]
        因公出国（境）费 | 因公出国（境）费; 因公出国（境）费用 | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 决算数/因公出国（境）费] | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 预算数/因公出国（境）费]
        公务接待费 | 公务接待费 | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 决算数/公务接待费] | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 预算数/公务接待费]
        公务用车购置及运行费 | 公务用车购置费及运行维护费; 公务用车购置及运行维护费; 公务用车购置及运行费 | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 决算数/公务用车购置及运行费/小计, 决算数/公务用车购置及运行费] | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 预算数/公务用车购置及运行费/小计, 预算数/公务用车购置及运行费]
        公务用车购置费 | 公务用车购置费 | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 决算数/公务用车购置及运行费/公务用车购置费, 决算数/公务用车购置费] | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 预算数/公务用车购置及运行费/公务用车购置费, 预算数/公务用车购置费]
        公务用车运行维护费 | 公务用车运行维护费; 公务用车运行费 | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 决算数/公务用车购置及运行费/公务用车运行费, 决算数/公务用车运行费] | [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 预算数/公务用车购置及运行费/公务用车运行费, 预算数/公务用车运行费]
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

    /// The last words of a quantity's name that its stem leaves out (`政府性基金预算财政拨款收入` →
    /// `政府性基金预算财政拨款`), so that a bare `支出` after it continues the subject.
    public static let stemEndings = "收入; 支出; 合计"

    /// The word that makes a change one on the budget (`比年初预算数增加…`), outside a quantity's name.
    public static let budgetWord = "预算"

    /// The word after an amount that opens its parts (`…万元，其中：货物…`), and the one that opens
    /// what it was used for (`主要用于…`).
    public static let partsOpener = "其中"
    public static let usesOpener = "主要用于"

    /// The words after a heading's year that make the heading the report's title
    /// (`2022年度部门决算情况说明`).
    public static let titleYearWords = "年度部门决算"

    /// The markers after a class, 款 or item name (`一般公共服务（类）商贸事务（款）行政运行（项）`),
    /// the class's first.
    public static let levelMarkers = "（类）; （款）; （项）"

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

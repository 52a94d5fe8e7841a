/// The texts of the vocabulary that say what tables a report prints: report families, templates,
/// table kinds with their titles, and the columns one template names otherwise than another.
///
/// Every text is line-oriented, one entry a line, fields separated by `|`, list items by `;`,
/// `#` starting a comment line: the format of the rules, so that an auditor reads all of them the
/// same way. Words are compared after `N()` (FACTS.md): NFKC, no whitespace; `（` and `(` are one.
extension VocabularyText {
    /// The families of reports, and the title endings that mark a table of the family whose kind
    /// the vocabulary does not list (read, but checked by no rule).
    ///
    /// `FAMILY | TITLE ENDING; TITLE ENDING…`
    public static let families = """
        # family | title endings of a table of the family that is of no listed kind
        决算 | 决算表; 决算总表
        # 预算 (issue 15): its tables come with their own kinds; until then they are read as `other`.
        预算 | 预算表; 预算总表
        """

    /// The templates the vocabulary knows, by the family they belong to.
    ///
    /// `TEMPLATE | FAMILY | WHO PRINTS IT`. A template differs from the national one in the titles
    /// and columns listed for it in ``columns`` (and, one day, in ``tables``).
    public static let templates = """
        # template | family | who prints it
        national | 决算 | the national 部门决算 template (附件2：部门决算模板) and most provinces: the canonical titles and columns
        shanghai | 决算 | Shanghai's districts (上海市普陀区…): a one-column 财政拨款收入支出决算总表 income side, a flat 一般公共预算财政拨款支出决算表 header
        zhuzhou | 决算 | Zhuzhou (株洲市…): the national titles and columns
        """

    /// The kinds of tables, each with its canonical title and the other titles that print it.
    ///
    /// `FAMILY | KIND | CANONICAL TITLE | OTHER TITLE; OTHER TITLE…`
    ///
    /// A printed title (its `公开NN表` label removed) is of the kind whose title or alias is the
    /// longest that ends it, so `财政拨款收入支出决算总表` is never taken for `收入支出决算总表`,
    /// and `2023年度某某局部门收入决算表` is a `income` table. `KIND` is the name `extract --format
    /// json` prints; a rule or a claim may name a table by any of its titles.
    public static let tables = """
        # family | kind | canonical title | other titles
        决算 | incomeExpenditureSummary | 收入支出决算总表 | 部门收支决算总表; 收支决算总表
        决算 | income | 收入决算表 | 部门收入决算表
        决算 | expenditure | 支出决算表 | 部门支出决算表
        决算 | fiscalSummary | 财政拨款收入支出决算总表 | 财政拨款收支决算总表; 财政拨款收入支出决算表
        决算 | generalBudgetExpenditure | 一般公共预算财政拨款支出决算表 | 一般公共预算财政拨款支出决算明细表; 一般公共预算支出决算表
        决算 | generalBudgetBasic | 一般公共预算财政拨款基本支出决算表 | 一般公共预算财政拨款基本支出决算明细表; 一般公共预算基本支出决算表; 基本支出决算表
        决算 | threePublic | 一般公共预算财政拨款“三公”经费支出决算表 | 财政拨款“三公”经费支出决算表; “三公”经费支出决算表; 一般公共预算财政拨款"三公"经费支出决算表; 财政拨款"三公"经费支出决算表; 三公经费支出决算表; “三公”经费支出决算情况表
        决算 | governmentFund | 政府性基金预算财政拨款收入支出决算表 | 政府性基金预算财政拨款支出决算表; 政府性基金预算支出决算表; 政府性基金预算财政拨款收支决算表
        决算 | stateCapital | 国有资本经营预算财政拨款支出决算表 | 国有资本经营预算财政拨款收入支出决算表; 国有资本经营预算支出决算表
        """

    /// Columns a template prints under another header than the canonical one: the column's alias
    /// set. A rule or claim that names either column matches the one the table prints.
    ///
    /// `TEMPLATE | KIND | CANONICAL COLUMN | THE COLUMN AS THE TEMPLATE PRINTS IT`
    ///
    /// A column is its header path (`本年支出/小计`, the `col` of its facts).
    public static let columns = """
        # template | kind | canonical column | as the template prints it
        shanghai | fiscalSummary | 收入/金额 | 收入/决算数
        shanghai | generalBudgetExpenditure | 本年支出/小计 | 合计
        shanghai | generalBudgetExpenditure | 本年支出/基本支出 | 基本支出
        shanghai | generalBudgetExpenditure | 本年支出/项目支出 | 项目支出
        """
}

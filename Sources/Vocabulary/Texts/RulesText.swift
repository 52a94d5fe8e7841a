extension VocabularyText {
    /// The rules `juesuan check` applies, as text an auditor can read and extend.
    ///
    /// `juesuan rules` prints this text; `juesuan check --rules FILE` reads an edited copy instead.
    /// The syntax is described in the text itself (and in docs/vocabulary.md). A rule names tables
    /// by a title of their kind and columns by one of their alias set, so one rule serves every
    /// template of ``tables`` and ``columns``.
    public static let rules = """
        # juesuan check rules
        #
        # One rule per line:   ID | KIND | TABLES | EXPRESSION
        #   ID          a stable identifier, reported as the finding's "rule"
        #   TABLES      tables, separated by ","; "*" for all. A table is named by a title of its kind
        #               (the vocabulary's tables: 收入支出决算总表 stands for 部门收支决算总表 as well),
        #               a title the vocabulary does not know names that title alone (after N():
        #               NFKC, no spaces)
        #   KIND        rollup   — every amount column: a code equals the sum of its children
        #                          (201 = Σ 201xx, 20101 = Σ 20101xx; 301 = Σ 301xx), and the
        #                          row named in EXPRESSION (e.g. 合计) equals the sum of the top codes
        #               columns  — in every row of the tables: COL = COL + COL …
        #               cells    — single cells: [TABLE: ROW @ COL] = [TABLE: ROW @ COL] + … − …
        #                          (TABLE may be left out in a rule on one table; ROW is the
        #                          fact key's row: a code such as 301, or a name such as 合计;
        #                          the cell-reference language is the claims' one, docs/vocabulary.md)
        #                          `[A] <= [B] + …` states an upper bound instead
        #               classes  — class by class: [TABLE @ COL] = [TABLE @ COL], the left table's rows
        #                          named like the right table's 3-digit classes (一、一般公共服务支出
        #                          ↔ 201 一般公共服务支出); a difference is reported at the class of
        #                          the right (detail) table
        # When several equations fail, the error goes to the cell they share (a leaf altered
        # breaks its parent's sum and its own row), and between tables to the table that
        # disagrees with the others most often; otherwise to the rule's first cell.
        #               required — the report prints these tables: TITLE; TITLE / OTHER TITLE; …
        #                          ("/" separates tables of which one will do)
        #               nonnegative — no amount of the tables is negative
        # A column (COL) matches the column its table prints of the column's alias set: the
        # vocabulary's columns (收入/金额 is printed 收入/决算数 by the Shanghai template).
        # A cells rule may end with `| when [A] = [B] + …`: it applies only where that holds.
        # A column or row that a table does not print counts as 0 when the table prints the
        # others of the rule; a rule whose table is missing is skipped (see the structure rule).
        # Every comparison is made on rounding intervals (XBRL Calculations 1.1): only a
        # difference that rounding cannot explain is an error.

        required-tables   | required | * | 收入支出决算总表; 收入决算表; 支出决算表; 财政拨款收入支出决算总表; 一般公共预算财政拨款支出决算表; 一般公共预算财政拨款基本支出决算表; 一般公共预算财政拨款“三公”经费支出决算表 / 财政拨款“三公”经费支出决算表; 政府性基金预算财政拨款收入支出决算表; 国有资本经营预算财政拨款支出决算表 / 国有资本经营预算财政拨款收入支出决算表
        no-negative       | nonnegative | 收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算表, 一般公共预算财政拨款“三公”经费支出决算表, 财政拨款“三公”经费支出决算表 |

        rollup-functional | rollup  | 收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, 政府性基金预算财政拨款收入支出决算表, 国有资本经营预算财政拨款支出决算表 | 合计
        rollup-economic   | rollup  | 一般公共预算财政拨款基本支出决算表 |

        income-sources    | columns | 收入决算表 | 本年收入合计 = 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 + 其他收入
        expenditure-kinds | columns | 支出决算表 | 本年支出合计 = 基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出
        gpb-subtotal      | columns | 一般公共预算财政拨款支出决算表 | 本年支出/小计 = 本年支出/基本支出 + 本年支出/项目支出
        fund-subtotal     | columns | 财政拨款收入支出决算总表 | 支出/合计 = 支出/一般公共预算财政拨款 + 支出/政府性基金预算财政拨款 + 支出/国有资本经营预算财政拨款
        sangong-budget    | columns | 一般公共预算财政拨款“三公”经费支出决算表 | 预算数/合计 = 预算数/因公出国(境)费 + 预算数/公务用车购置及运行费/小计 + 预算数/公务接待费
        sangong-final     | columns | 一般公共预算财政拨款“三公”经费支出决算表 | 决算数/合计 = 决算数/因公出国(境)费 + 决算数/公务用车购置及运行费/小计 + 决算数/公务接待费
        vehicles-budget   | columns | 一般公共预算财政拨款“三公”经费支出决算表 | 预算数/公务用车购置及运行费/小计 = 预算数/公务用车购置及运行费/公务用车购置费 + 预算数/公务用车购置及运行费/公务用车运行费
        vehicles-final    | columns | 一般公共预算财政拨款“三公”经费支出决算表 | 决算数/公务用车购置及运行费/小计 = 决算数/公务用车购置及运行费/公务用车购置费 + 决算数/公务用车购置及运行费/公务用车运行费

        # A balance names the expenditure side first: a total that does not balance is reported there.
        total-balance     | cells   | 收入支出决算总表 | [总计 @ 支出/决算数] = [总计 @ 收入/决算数]
        fund-balance      | cells   | 财政拨款收入支出决算总表 | [总计 @ 支出/合计] = [总计 @ 收入/金额]
        # Each side's 总计 is its 合计 and its carry-overs (rows a table leaves out count as 0).
        side-income-01    | cells   | 收入支出决算总表 | [总计 @ 收入/决算数] = [本年收入合计 @ 收入/决算数] + [使用非财政拨款结余 @ 收入/决算数] + [使用非财政拨款结余(含专用结余) @ 收入/决算数] + [年初结转和结余 @ 收入/决算数]
        side-expense-01   | cells   | 收入支出决算总表 | [总计 @ 支出/决算数] = [本年支出合计 @ 支出/决算数] + [结余分配 @ 支出/决算数] + [年末结转和结余 @ 支出/决算数]
        side-income-04    | cells   | 财政拨款收入支出决算总表 | [总计 @ 收入/金额] = [本年收入合计 @ 收入/金额] + [年初财政拨款结转和结余 @ 收入/金额]
        side-expense-04   | cells   | 财政拨款收入支出决算总表 | [总计 @ 支出/合计] = [本年支出合计 @ 支出/合计] + [年末财政拨款结转和结余 @ 支出/合计]
        fund-carryover-08 | columns | 政府性基金预算财政拨款收入支出决算表 | 年末结转和结余 = 年初结转和结余 + 本年收入 - 本年支出/小计
        personnel-total   | cells   | 一般公共预算财政拨款基本支出决算表 | [人员经费合计 @ 决算数] = [301 @ 决算数] + [303 @ 决算数]
        public-total      | cells   | 一般公共预算财政拨款基本支出决算表 | [公用经费合计 @ 决算数] = [302 @ 决算数] + [307 @ 决算数] + [309 @ 决算数] + [310 @ 决算数] + [399 @ 决算数]

        tie-income-total  | cells   | * | [收入决算表: 合计 @ 本年收入合计] = [收入支出决算总表: 本年收入合计 @ 收入/决算数]
        tie-expense-total | cells   | * | [支出决算表: 合计 @ 本年支出合计] = [收入支出决算总表: 本年支出合计 @ 支出/决算数]
        tie-gpb-total     | cells   | * | [一般公共预算财政拨款支出决算表: 合计 @ 本年支出/小计] = [财政拨款收入支出决算总表: 本年支出合计 @ 支出/一般公共预算财政拨款]
        tie-class-01-03   | classes | * | [收入支出决算总表 @ 支出/决算数] = [支出决算表 @ 本年支出合计]
        tie-class-04-05   | classes | * | [财政拨款收入支出决算总表 @ 支出/一般公共预算财政拨款] = [一般公共预算财政拨款支出决算表 @ 本年支出/小计]
        tie-basic-03-05   | cells   | * | [支出决算表: 合计 @ 基本支出] = [一般公共预算财政拨款支出决算表: 合计 @ 本年支出/基本支出]
        # Where all income is 财政拨款, 03's project spending is the three funds' (05 + 08 + 09).
        tie-project-03    | cells   | * | [支出决算表: 合计 @ 项目支出] = [一般公共预算财政拨款支出决算表: 合计 @ 本年支出/项目支出] + [政府性基金预算财政拨款收入支出决算表: 合计 @ 本年支出/项目支出] + [国有资本经营预算财政拨款支出决算表: 合计 @ 本年支出/项目支出] | when [收入决算表: 合计 @ 本年收入合计] = [收入决算表: 合计 @ 财政拨款收入]
        tie-fund-04-08    | cells   | * | [政府性基金预算财政拨款收入支出决算表: 合计 @ 本年支出/小计] = [财政拨款收入支出决算总表: 本年支出合计 @ 支出/政府性基金预算财政拨款]
        tie-capital-04-09 | cells   | * | [国有资本经营预算财政拨款支出决算表: 合计 @ 本年支出/合计] = [财政拨款收入支出决算总表: 本年支出合计 @ 支出/国有资本经营预算财政拨款]
        # A basic-expenditure line can be at most the 三公 figure it belongs to.
        sangong-hospitality-06 | cells | * | [一般公共预算财政拨款基本支出决算表: 30217 @ 决算数] <= [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 决算数/公务接待费]
        sangong-vehicles-06    | cells | * | [一般公共预算财政拨款基本支出决算表: 30231 @ 决算数] <= [一般公共预算财政拨款“三公”经费支出决算表: #1 @ 决算数/公务用车购置及运行费/公务用车运行费]
        tie-basic-06      | cells   | * | [一般公共预算财政拨款支出决算表: 合计 @ 本年支出/基本支出] = [一般公共预算财政拨款基本支出决算表: 人员经费合计 @ 决算数] + [一般公共预算财政拨款基本支出决算表: 公用经费合计 @ 决算数]
        """
}

/// The words around the tables that the reader relies on: the labels of the lines between a
/// title and its header, the notes under a table, the hints a header gives about its columns,
/// the names of total rows, the words that say a table is empty.
extension VocabularyText {
    /// `KEY | WORD; WORD…`, one key a line; every key below must be present (``Labels`` lists
    /// them with what reads them). Words are compared after `N()`, so `单位：` is written `单位:`.
    /// In a label written with `NN` (`公开NN表`), `NN` stands for the digits of a number.
    public static let labels = """
        # key | words
        # A table title is a line that holds this word …
        title-word | 表
        # … its own line cut where one of these begins (a unit or department printed beside it) …
        title-line-ends | 单位:; 部门:; 部门名称:; 编制单位; 单位名称; 金额单位
        # … and confirmed by a line below it that holds one of these (or a table label).
        title-confirmations | 单位:; 部门:; 部门名称; 栏次; 项目; 科目; 单位名称
        # The labels of the lines between a title and its header: the table's number …
        table-labels | 公开NN表; 附表NN; 表NN
        # … (a line holding one of these may be such a line) …
        meta-words | :; 公开; 表; 单位名称
        # … the department (the first label found, in this order, wins) …
        entity-labels | 单位名称:; 部门名称:; 编制单位:; 编制部门:; 部门:; 单位名称
        # … which ends where the unit or the table's number begins …
        entity-ends | 单位:; 金额单位:
        entity-stops | 公开
        # … and the unit, unless the label continues one of these words (编制单位: is no unit).
        unit-labels | 单位:
        unit-label-not-after | 编制
        money-units | 万元; 元
        # Notes under a table begin with one of these, or are one of the note lines; a note goes on
        # while its lines begin with a digit or one of the continuations.
        note-starts | 注:; 注1; 说明:; 备注:
        note-lines | 注
        note-continuations | 备注; 注:
        # A heading of a part of the report (第二部分…): prose, not table text.
        part-heading-starts | 第
        part-heading-words | 部分
        # A heading or title of the report is short and holds one of these …
        heading-words | 决算; 预算; 说明
        # … one ending in these names the department before them (2023年度株洲市商务局部门决算) …
        department-heading-endings | 部门决算; 部门决算表
        # … unless what is left holds one of these (二、机构设置, 第二部分, 目录).
        no-department-words | 、; 部分; 目录; .
        # A note that speaks of rounding (本套报表金额单位转换时可能存在尾数误差).
        rounding-note-words | 尾数
        # Header hints: the line of column numbers, the row-number column, the code columns.
        column-number-words | 栏次
        row-number-words | 行次
        row-number-cells | 行; 次
        code-words | 编码; 代码
        code-cells | 类; 款; 项
        # A name column under one of these describes its rows and names none (政府采购).
        attribute-columns | 采购组织形式; 采购方式
        # Rows whose name holds one of these are totals (合计, 人员经费合计, 总计…).
        total-row-words | 合计; 总计
        # A class name as the detail tables print it (一般公共服务（类）, 一般公共服务支出) ends in
        # these, left out (in this order) when it is matched with a summary table's row.
        class-name-endings | (类); 支出
        # A note saying the table has no data.
        empty-table-markers | 无数据; 本表为空; 空表
        # Kinds of tables that a department without such funds prints empty: they must say why.
        often-empty-kinds | governmentFund; stateCapital
        """
}

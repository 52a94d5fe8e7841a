import ReportModel

/// One filed figure from the department's internal records (CLI.md: `department,year,table,row,col,unit,value`).
///
/// The key fields are normalised with `N(s)` (FACTS.md) so that they join with published facts.
public struct Record: Sendable, Hashable, Codable {
    /// `N(department)`: the entity the figure belongs to.
    public var department: String
    /// The fiscal year the figure is for.
    public var year: Int
    /// `N(title)` of the table.
    public var table: String
    /// The row key, as in FACTS.md.
    public var row: String
    /// The column's header path, as in FACTS.md.
    public var col: String
    /// `元` or `万元`.
    public var unit: MoneyUnit
    /// The filed value, exactly as written (its decimals kept).
    public var value: Amount
    /// Where the record came from: a file name or a database.
    public var source: String
    /// The record's line in its source file (1-based, the header is line 1); 0 when not from a file.
    public var line: Int

    /// A record from its fields.
    public init(
        department: String, year: Int, table: String, row: String, col: String, unit: MoneyUnit,
        value: Amount,
        source: String = "", line: Int = 0
    ) {
        self.department = department
        self.year = year
        self.table = table
        self.row = row
        self.col = col
        self.unit = unit
        self.value = value
        self.source = source
        self.line = line
    }
}

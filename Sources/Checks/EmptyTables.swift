import Basics
import ReportModel
import Vocabulary

/// Tables that print no figure must say why (本表无数据), and a table that says it has no data
/// must print none: the 政府性基金 and 国有资本经营 tables (08/09) are often empty.
public enum EmptyTables {
    /// The words with which a report says a table is empty (the vocabulary's labels).
    static var emptyMarkers: [String] { Vocabulary.standard.labels.emptyTableMarkers }

    /// - Parameters:
    ///   - tables: the report's tables, with their notes.
    ///   - facts: the report's facts.
    public static func findings(_ tables: [ReportTable], facts: [Fact]) -> [Finding] {
        var nonzero: [String: [Fact]] = [:]  // entity|table → its nonzero figures
        for fact in facts where (Amount.parse(fact.value)?.minorUnits ?? 0) != 0 {
            nonzero[fact.entity + "|" + fact.table, default: []].append(fact)
        }
        return tables.compactMap { table -> Finding? in
            let notes = table.notes.map(Normalization.n).joined()
            let saysEmpty = emptyMarkers.contains { notes.contains($0) }
            let figures = nonzero[table.entity + "|" + table.key] ?? []
            if saysEmpty, let first = figures.first {
                return Finding(
                    rule: "empty-table-note", severity: .error, entity: table.entity, table: table.key, row: first.row,
                    col: first.col, page: first.page, printed: first.value, expected: "0",
                    message: "the table's note says it has no data, yet it prints \(figures.count) figure\(figures.count == 1 ? "" : "s") (\(first.name.isEmpty ? first.row : first.name): \(first.value))",
                    box: first.box)
            }
            guard figures.isEmpty, !saysEmpty, Vocabulary.standard.labels.oftenEmptyKinds.contains(table.kind) else { return nil }
            return Finding(
                rule: "empty-table-note", severity: .warning, entity: table.entity, table: table.key, row: nil, col: nil,
                page: table.pages.first, printed: nil, expected: nil,
                message: "the table prints no figure and no note saying why (本表无数据)")
        }
    }
}

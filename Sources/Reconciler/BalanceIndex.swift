import ReportModel
import Vocabulary

/// Which published totals balance exactly: a parent classification code equal to the sum of its
/// children as printed, in one column of one table. A leaf that sits one unit of its last digit
/// away from its record, inside such a family, was moved by 舍位平衡.
struct BalanceIndex {
    private struct Column: Hashable {
        var entity: String
        var table: String
        var col: String
    }

    /// Printed values (minor units and decimals) by row, per column.
    private var columns: [Column: [String: Amount]] = [:]
    /// Printed values of the total rows (合计, 总计, …), per column.
    private var totals: [Column: [Amount]] = [:]

    /// `fallbackEntity` stands for facts whose table names no entity.
    init(_ facts: [Fact], fallbackEntity: String) {
        self.fallbackEntity = fallbackEntity
        for fact in facts {
            guard let amount = Amount.parse(fact.value) else { continue }
            let column = Column(entity: entity(fact), table: fact.table, col: fact.col)
            if Self.isCode(fact.row) {
                columns[column, default: [:]][fact.row] = amount
            } else if Self.totalRowWords.contains(where: fact.row.contains) {
                totals[column, default: []].append(amount)
            }
        }
    }

    private let fallbackEntity: String

    /// The words of total rows (合计, 总计: the vocabulary's labels).
    private static let totalRowWords = Vocabulary.standard.labels.totalRowWords

    private func entity(_ fact: Fact) -> String { fact.entity.isEmpty ? fallbackEntity : fact.entity }

    /// Whether the fact's code family adds up exactly as printed: its parent code and the parent's
    /// children, or, for a top-level code (类), the column's top-level codes and a total row
    /// (合计, 人员经费合计, …) equal to their sum.
    func balances(_ fact: Fact) -> Bool {
        guard Self.isCode(fact.row), let amount = Amount.parse(fact.value) else { return false }
        let column = Column(entity: entity(fact), table: fact.table, col: fact.col)
        guard let rows = columns[column] else { return false }
        let parentCode = fact.row.count > 3 ? String(fact.row.dropLast(2)) : ""
        var sum: Int64 = 0
        for (code, sibling) in rows where code.count == fact.row.count && code.hasPrefix(parentCode) {
            guard sibling.decimals == amount.decimals else { return false }
            sum += sibling.minorUnits
        }
        if let parent = rows[parentCode], !parentCode.isEmpty {
            return parent.decimals == amount.decimals && parent.minorUnits == sum
        }
        // No parent code printed: a total row of the column that the siblings make exactly.
        return (totals[column] ?? []).contains {
            $0.decimals == amount.decimals && $0.minorUnits == sum
        }
    }

    private static func isCode(_ row: String) -> Bool {
        !row.isEmpty && row.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

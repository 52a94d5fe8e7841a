import Basics
import Checks
import ReportModel

/// Matches published facts against filed records and classifies every difference.
///
/// Facts and records join on (entity, table, row, col) through a dictionary, never a nested scan.
/// Values are compared exactly, on the rounding interval of each printed value, in a common
/// scale (10⁻⁸ 元), so 元 and 万元 compare directly: a record of 18 357 412.34 元 agrees with a
/// published 1835.74 万元.
public struct Reconciler: Sendable {
    /// A reconciler with the default rules.
    public init() {}

    /// What reconciling one document found, and what it left aside.
    public struct Outcome: Sendable {
        /// Mismatches and rounding notes, in document order; extra records last, in file order.
        public var mismatches: [Mismatch]
        /// How many facts agreed with their record.
        public var agreed: Int
        /// How many records belong to other departments or years and were left aside.
        public var otherRecords: Int
        /// The document's entities that no record names (every figure of theirs is then
        /// `missing_in_records`; a misspelt department in the records looks like this).
        public var entitiesWithoutRecords: [String]
    }

    /// Every mismatch (and rounding note) between `facts` and the records that belong to the
    /// document: the records of its entities for `year` (all years when `nil`). `department`
    /// stands for facts whose table names no entity.
    public func reconcile(facts: [Fact], records: [Record], department: String?, year: Int?)
        -> [Mismatch]
    {
        outcome(facts: facts, records: records, department: department, year: year).mismatches
    }

    /// ``reconcile(facts:records:department:year:)`` with counts of what agreed and what was left aside.
    public func outcome(facts: [Fact], records: [Record], department: String?, year: Int?) -> Outcome {
        let fallback = Normalization.n(department ?? "")
        func entity(of fact: Fact) -> String { fact.entity.isEmpty ? fallback : fact.entity }
        let entities = Set(facts.map(entity(of:)))
        var index: [Key: Record] = [:]
        index.reserveCapacity(records.count)
        var otherRecords = 0
        var entitiesWithRecords: Set<String> = []
        for record in records {
            guard entities.contains(record.department), year == nil || record.year == year else {
                otherRecords += 1
                continue
            }
            entitiesWithRecords.insert(record.department)
            let key = Key(
                entity: record.department, table: record.table, row: record.row, col: record.col)
            // Without a year, the latest year's record stands.
            if let existing = index[key], existing.year > record.year { continue }
            index[key] = record
        }
        let balance = BalanceIndex(facts, fallbackEntity: fallback)
        var mismatches: [Mismatch] = []
        var agreed = 0
        for fact in facts {
            let key = Key(entity: entity(of: fact), table: fact.table, row: fact.row, col: fact.col)
            guard let record = index.removeValue(forKey: key) else {
                mismatches.append(
                    Mismatch(
                        kind: .missingInRecords, entity: key.entity, table: fact.table, row: fact.row,
                        col: fact.col,
                        name: fact.name.isEmpty ? nil : fact.name, published: fact.value,
                        publishedUnit: fact.unit,
                        recorded: nil, recordedUnit: nil, page: fact.page, box: fact.box,
                        message: "published \(fact.value)\(fact.unit), but no record has this key"))
                continue
            }
            if let mismatch = compare(fact, record, entity: key.entity, balance: balance) {
                mismatches.append(mismatch)
            } else {
                agreed += 1
            }
        }
        let extras = index.values.sorted {
            ($0.source, $0.line, $0.table, $0.row, $0.col) < (
                $1.source, $1.line, $1.table, $1.row, $1.col
            )
        }
        // A record of zero for a cell the report leaves blank says the same thing.
        for record in extras where record.value.minorUnits != 0 {
            mismatches.append(
                Mismatch(
                    kind: .extraInRecords, entity: record.department, table: record.table, row: record.row,
                    col: record.col, published: nil, publishedUnit: nil, recorded: record.value.description,
                    recordedUnit: record.unit.rawValue, page: nil, recordSource: record.source,
                    recordLine: record.line > 0 ? record.line : nil,
                    message:
                        "recorded \(record.value)\(record.unit.rawValue)\(record.line > 0 ? " (line \(record.line))" : ""), but the report publishes no such figure"
                ))
        }
        let without = entities.subtracting(entitiesWithRecords).filter { !$0.isEmpty }.sorted()
        return Outcome(
            mismatches: mismatches, agreed: agreed, otherRecords: otherRecords,
            entitiesWithoutRecords: without)
    }

    /// nil when the record agrees with the fact; otherwise the kind of difference.
    func compare(_ fact: Fact, _ record: Record, entity: String, balance: BalanceIndex) -> Mismatch? {
        guard let amount = Amount.parse(fact.value) else {
            return mismatch(
                .valueChanged, fact, record, entity: entity, "published “\(fact.value)” is not a number")
        }
        let unit = MoneyUnit(rawValue: fact.unit) ?? record.unit
        let published = Exact(amount, unit)
        let recorded = Exact(record.value, record.unit)
        if published.agrees(with: recorded) { return nil }
        let recordedText = "\(record.value)\(record.unit.rawValue)"
        let publishedText = "\(fact.value)\(fact.unit)"
        let atPrinted = recorded.rounded(toDecimals: amount.decimals, of: unit)
        let step = Int128(amount.minorUnits) - atPrinted
        // 舍位平衡: converted to 万元, the leaf was moved by one unit of its last digit so that its
        // total balances.
        if (step == 1 || step == -1) && unit == .tenThousandYuan && balance.balances(fact) {
            return mismatch(
                .roundingBalance, fact, record, entity: entity,
                "published \(publishedText) is one unit of its last digit from recorded \(recordedText) (\(DecimalText.text(atPrinted, decimals: amount.decimals))\(fact.unit)), and the total it belongs to balances: 舍位平衡, not a mismatch"
            )
        }
        if published.value != 0 && published.agrees(with: recorded.negated) {
            return mismatch(
                .sign, fact, record, entity: entity,
                "published \(publishedText) but recorded \(recordedText): the same amount with the opposite sign"
            )
        }
        // Scaled by 10⁴ the record may have been rounded twice (a 万元 figure against a published
        // leaf that 舍位平衡 moved): one unit of the coarser last digit is allowed.
        if published.value != 0 && recorded.value != 0 {
            for (exponent, reading) in [
                (4, "÷10000, a 万元 figure filed as 元"), (-4, "×10000, a 元 figure filed as 万元"),
            ] {
                let scaled = recorded.scaled(byPowerOfTen: exponent)
                if published.agrees(with: scaled, slack: 2 * max(published.halfUnit, scaled.halfUnit)) {
                    return mismatch(
                        .unitScale, fact, record, entity: entity,
                        "published \(publishedText) but recorded \(recordedText): the record is the published figure \(reading)"
                    )
                }
            }
        }
        if Money.isTransposition(Int128(amount.minorUnits), atPrinted)
            || Money.swaps(of: record.value, from: Money.firstDigitBelow(published, in: record))
                .contains(where: { published.agrees(with: Exact($0, record.unit)) })
            || Money.swaps(of: amount).contains(where: { Exact($0, unit).agrees(with: recorded) })
        {
            return mismatch(
                .transposedDigits, fact, record, entity: entity,
                "published \(publishedText) but recorded \(recordedText): two adjacent digits are swapped")
        }
        let difference = published.value - recorded.value
        return mismatch(
            .valueChanged, fact, record, entity: entity,
            "published \(publishedText) but recorded \(recordedText): \(difference > 0 ? "more" : "less") by \(Money.yuan(difference < 0 ? -difference : difference))元"
        )
    }

    private func mismatch(
        _ kind: MismatchKind, _ fact: Fact, _ record: Record, entity: String, _ message: String
    ) -> Mismatch {
        Mismatch(
            kind: kind, entity: entity, table: fact.table, row: fact.row, col: fact.col,
            name: fact.name.isEmpty ? nil : fact.name, published: fact.value, publishedUnit: fact.unit,
            recorded: record.value.description, recordedUnit: record.unit.rawValue, page: fact.page,
            box: fact.box,
            recordSource: record.source.isEmpty ? nil : record.source,
            recordLine: record.line > 0 ? record.line : nil,
            message: message)
    }

    struct Key: Hashable {
        var entity: String
        var table: String
        var row: String
        var col: String
    }
}

/// Exact money text and digit arithmetic.
enum Money {
    /// An ``Exact`` value (10⁻⁸ 元) in 元 with cents, rounded half away from zero.
    static func yuan(_ value: Int128) -> String {
        let half: Int128 = 500_000
        let cents = value < 0 ? -((-value + half) / 1_000_000) : (value + half) / 1_000_000
        return DecimalText.text(cents, decimals: 2)
    }

    /// Every amount made by swapping two adjacent, different digits of `amount`, the first of them
    /// before digit `limit` (a swap among digits finer than the published figure prints would
    /// change nothing a reader sees).
    static func swaps(of amount: Amount, from limit: Int = .max) -> [Amount] {
        let digits = Array(String(amount.minorUnits.magnitude).utf8)
        guard digits.count >= 2 else { return [] }
        var result: [Amount] = []
        for index in 0..<min(digits.count - 1, limit) where digits[index] != digits[index + 1] {
            var swapped = digits
            swapped.swapAt(index, index + 1)
            guard let magnitude = Int64(String(decoding: swapped, as: UTF8.self)) else { continue }
            result.append(
                Amount(
                    minorUnits: amount.minorUnits < 0 ? -magnitude : magnitude, decimals: amount.decimals))
        }
        return result
    }

    /// The index of the first digit of `record`'s value that is finer than the last digit
    /// `published` prints.
    static func firstDigitBelow(_ published: Exact, in record: Record) -> Int {
        let digits = String(record.value.minorUnits.magnitude).count
        // A digit at index i is worth 10^(digits − 1 − i) minor units of the record.
        let unit = Exact(Amount(minorUnits: 1, decimals: record.value.decimals), record.unit).value
        var weight = unit
        var index = digits
        while index > 0 && weight < 2 * published.halfUnit {
            weight *= 10
            index -= 1
        }
        return index
    }

    /// Whether `b` is `a` with two adjacent digits swapped (same sign, same number of digits, the
    /// difference a multiple of 9).
    static func isTransposition(_ a: Int128, _ b: Int128) -> Bool {
        guard a != b, (a < 0) == (b < 0) else { return false }
        let x = Array(String(a.magnitude).utf8)
        let y = Array(String(b.magnitude).utf8)
        guard x.count == y.count, (a - b) % 9 == 0 else { return false }
        let differing = x.indices.filter { x[$0] != y[$0] }
        guard differing.count == 2, differing[1] == differing[0] + 1 else { return false }
        return x[differing[0]] == y[differing[1]] && x[differing[1]] == y[differing[0]]
    }
}

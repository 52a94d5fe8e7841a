import PropertyBased
import ReportModel
import Testing

@testable import Reconciler

@Suite("Reconciling facts with records")
struct ReconcilerTests {
    private let department = "云溪县教育局"

    private func fact(_ row: String, _ value: String, unit: String = "万元", col: String = "本年支出合计")
        -> Fact
    {
        Fact(
            entity: department, table: "支出决算表", row: row, col: col, name: row, value: value, unit: unit,
            page: 6)
    }

    private func record(
        _ row: String, _ value: String, unit: MoneyUnit = .yuan, col: String = "本年支出合计",
        year: Int = 2020
    )
        -> Record
    {
        Record(
            department: department, year: year, table: "支出决算表", row: row, col: col, unit: unit,
            value: Amount.parse(value)!, source: "r.csv", line: 2)
    }

    private func kinds(_ facts: [Fact], _ records: [Record]) -> [MismatchKind] {
        Reconciler().reconcile(facts: facts, records: records, department: department, year: 2020).map(
            \.kind)
    }

    @Test func recordsInYuanAgreeWithinThePrintedRounding() {
        // 1835.74 万元 stands for [18 357 350, 18 357 450) 元.
        #expect(kinds([fact("205", "1835.74")], [record("205", "18357412.34")]).isEmpty)
        #expect(kinds([fact("205", "1835.74")], [record("205", "18357350.00")]).isEmpty)
        #expect(kinds([fact("205", "1835.74")], [record("205", "18357449.99")]).isEmpty)
        #expect(kinds([fact("205", "1835.74")], [record("205", "18357460.00")]) == [.valueChanged])
        // The same scale: equal or different, one cent is a difference.
        #expect(
            kinds([fact("205", "1835.74")], [record("205", "1835.75", unit: .tenThousandYuan)]) == [
                .valueChanged
            ])
        #expect(
            kinds([fact("205", "384932.12", unit: "元")], [record("205", "384932.13")]) == [.valueChanged])
        // Records in 万元 with six decimals are exact 元 with cents.
        #expect(
            kinds(
                [fact("205", "860872.39", unit: "元")], [record("205", "86.087239", unit: .tenThousandYuan)]
            ).isEmpty)
    }

    @Test func everyKind() {
        #expect(
            kinds([fact("20805", "11949354.53", unit: "元")], [record("20805", "19149354.53")]) == [
                .transposedDigits
            ])
        #expect(kinds([fact("229", "384932.12", unit: "元")], [record("229", "38.49")]) == [.unitScale])
        #expect(kinds([fact("229", "38.49")], [record("229", "38.49")]) == [.unitScale])
        #expect(kinds([fact("2100408", "74.91")], [record("2100408", "-749094.19")]) == [.sign])
        #expect(
            kinds([fact("205", "69487.71", unit: "元")], [record("205", "59487.71")]) == [.valueChanged])
        #expect(kinds([fact("205", "1.00")], []) == [.missingInRecords])
        #expect(kinds([], [record("205", "5639.69")]) == [])  // no entity of the document: left aside
        #expect(
            kinds([fact("205", "1.00")], [record("205", "10000.00"), record("206", "5639.69")]) == [
                .extraInRecords
            ])
        // A record of zero for a cell left blank says the same thing.
        #expect(
            kinds([fact("205", "1.00")], [record("205", "10000.00"), record("206", "0.00")]).isEmpty)
        // Another year or department is not this document's.
        #expect(
            kinds([fact("205", "1.00")], [record("205", "10000.00"), record("206", "5.00", year: 2019)])
                .isEmpty)
    }

    @Test func aTranspositionAcrossTheUnitBoundaryIsFound() {
        // 12 345 678.90 元 is 1234.57 万元; filed with 5 and 6 swapped: 12 346 578.90 元 (1234.66).
        #expect(kinds([fact("205", "1234.57")], [record("205", "12346578.90")]) == [.transposedDigits])
    }

    @Test func mismatchesCarryBothValuesUnitsPageAndBox() throws {
        var published = fact("205", "1835.74")
        published.box = .init(x0: 1, y0: 2, x1: 3, y1: 4)
        let mismatch = try #require(
            Reconciler().reconcile(
                facts: [published], records: [record("205", "18457412.34")], department: nil, year: 2020
            ).first)
        #expect(mismatch.published == "1835.74" && mismatch.publishedUnit == "万元")
        #expect(mismatch.recorded == "18457412.34" && mismatch.recordedUnit == "元")
        #expect(mismatch.page == 6 && mismatch.box == published.box && mismatch.recordLine == 2)
        #expect(mismatch.message.contains("less by 100012.34元"), "\(mismatch.message)")
    }

    /// 舍位平衡: three children of 1.116 万元 each round to 1.12, but their parent 3.348 rounds to
    /// 3.35, so the publisher prints one child as 1.11 and the table balances: info, not a mismatch.
    @Test func roundingBalanceIsInfo() {
        let records = [
            record("205", "33480.00"), record("20501", "11160.00"), record("20502", "11160.00"),
            record("20503", "11160.00"),
        ]
        let facts = [
            fact("205", "3.35"), fact("20501", "1.12"), fact("20502", "1.12"), fact("20503", "1.11"),
        ]
        let result = Reconciler().reconcile(facts: facts, records: records, department: nil, year: 2020)
        #expect(result.map(\.kind) == [.roundingBalance])
        #expect(result.first?.row == "20503" && result.first?.kind.isMismatch == false)
        // The same leaf when its family does not balance is a mismatch.
        let unbalanced = [
            fact("205", "3.36"), fact("20501", "1.12"), fact("20502", "1.12"), fact("20503", "1.11"),
        ]
        #expect(kinds(unbalanced, records) == [.valueChanged, .valueChanged])
    }

    /// Any 元 figure with cents, published in 万元 rounded half up, agrees with its record; changed
    /// by more than the rounding it does not; negated it is a sign mismatch.
    @Test func roundingNeverRaisesAMismatch() async {
        await propertyCheck(input: Gen.int64(in: 1...99_999_999_999), Gen.int64(in: 1...1_000_000)) {
            cents, change in
            let wan = (cents + 5_000) / 10_000  // 万元 with two decimals, rounded half up
            let published = fact("205", Amount(minorUnits: wan, decimals: 2).description)
            let filed = record("205", Amount(minorUnits: cents, decimals: 2).description)
            #expect(kinds([published], [filed]).isEmpty)
            let negated = record("205", Amount(minorUnits: -cents, decimals: 2).description)
            if wan != 0 { #expect(kinds([published], [negated]) == [.sign]) }
            // More than 100 元 away is outside any 万元 rounding interval.
            let changed = record(
                "205", Amount(minorUnits: cents + 10_000 + change, decimals: 2).description)
            #expect(!kinds([published], [changed]).isEmpty)
        }
    }

    @Test func transpositionsAreAdjacentSwaps() {
        #expect(Money.isTransposition(1_194_935_453, 1_914_935_453))
        #expect(!Money.isTransposition(1_194_935_453, 1_194_935_453))
        #expect(!Money.isTransposition(1234, 4231))
        #expect(!Money.isTransposition(1234, -2134))
        #expect(
            Money.swaps(of: Amount(minorUnits: 1223, decimals: 2)).map(\.minorUnits) == [2123, 1232])
    }
}

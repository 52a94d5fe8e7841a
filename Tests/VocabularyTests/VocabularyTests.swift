import Basics
import PropertyBased
import ReportModel
import Testing

@testable import Vocabulary

@Suite("Vocabulary")
struct VocabularyTests {
    let vocabulary = Vocabulary.standard

    @Test func standardTextsParse() throws {
        _ = try Vocabulary()
        #expect(vocabulary.tables.count == 9)
        #expect(Set(vocabulary.families.map(\.name)) == ["决算", "预算"])
        #expect(vocabulary.templates.map(\.name).contains("shanghai"))
    }

    @Test(arguments: [
        ("收入支出决算总表", "incomeExpenditureSummary"),
        ("部门收支决算总表", "incomeExpenditureSummary"),
        ("财政拨款收入支出决算总表", "fiscalSummary"),
        ("2024年度某某局部门收入决算表", "income"),
        ("一般公共预算财政拨款\"三公\"经费支出决算表", "threePublic"),
        ("某某预算表", "other"),
    ])
    func kindsOfTitles(title: String, kind: String) {
        #expect(vocabulary.kind(ofTitle: title) == TableKind(kind))
    }

    @Test func everyTitleOfAKindSelectsIt() {
        for table in vocabulary.tables {
            for title in table.titles {
                #expect(vocabulary.selector(forTitle: title) == .kind(table.kind, title: title))
                #expect(vocabulary.kind(ofTitle: title) == table.kind, "\(title)")
            }
        }
        #expect(vocabulary.selector(forTitle: "甲表") == .title("甲表"))
        #expect(vocabulary.selector(forTitle: "fiscalSummary").kind == TableKind("fiscalSummary"))
    }

    @Test func columnAliasSets() {
        let fiscal = TableKind("fiscalSummary")
        #expect(vocabulary.columnAlternatives(["收入/金额"], kind: fiscal) == ["收入/金额", "收入/决算数"])
        #expect(vocabulary.columnAlternatives(["收入/决算数"], kind: fiscal) == ["收入/决算数", "收入/金额"])
        // Alias sets are the kind's: the same header in another table is another column.
        #expect(vocabulary.columnAlternatives(["收入/金额"], kind: TableKind("income")) == ["收入/金额"])
        #expect(vocabulary.columnAlternatives(["合计"], kind: nil) == ["合计"])
    }

    @Test func kindEncodesAsItsName() throws {
        #expect(TableKind("income").rawValue == "income")
        #expect(TableKind.other.description == "other")
    }

    @Test func labelsAreComplete() throws {
        let labels = vocabulary.labels
        #expect(labels.tableLabels.first == .init(prefix: "公开", suffix: "表"))
        #expect(labels.classNameCore("一般公共服务(类)") == "一般公共服务")
        #expect(labels.classNameCore("一般公共服务支出") == "一般公共服务")
        #expect(labels.isPartHeading("第二部分部门决算表"))
        #expect(throws: VocabularySyntaxError.self) { _ = try Labels("title-word | 表", kinds: []) }
        #expect(throws: VocabularySyntaxError.self) {
            _ = try Labels(VocabularyText.labels + "\nno-such-key | x", kinds: [])
        }
    }

    @Test func badTextsNameTheirLine() {
        #expect {
            _ = try Vocabulary(tables: "决算 | a | 甲表 |\n决算 | a | 乙表 |")
        } throws: { error in
            (error as? VocabularySyntaxError)?.line == 2
        }
        #expect(throws: VocabularySyntaxError.self) { _ = try Vocabulary(columns: "nowhere | fiscalSummary | a | b") }
    }
}

@Suite("Cell references")
struct CellReferenceTests {
    let vocabulary = Vocabulary.standard

    @Test func cellsByKindWithColumnAlternatives() throws {
        let cell = try CellReferenceParser.cell("[收入支出决算总表：总计 @ 收入/决算数, 收入/金额]", line: 1)
        #expect(cell.table == .kind(TableKind("incomeExpenditureSummary"), title: "收入支出决算总表"))
        #expect(cell.row == "总计" && !cell.rowIsSuffix)
        #expect(cell.columns == ["收入/决算数", "收入/金额"])
        let suffix = try CellReferenceParser.cell("[收入支出决算总表: ~一般公共预算财政拨款收入 @ 收入/决算数]", line: 1)
        #expect(suffix.rowIsSuffix && suffix.row == "一般公共预算财政拨款收入")
        let bare = try CellReferenceParser.cell("[合计 @ 甲]", line: 1)
        #expect(bare.table == nil && bare.columns == ["甲"])
    }

    @Test func alternativesOfCells() throws {
        let cells = try CellReferenceParser.alternatives("[收入决算表: 合计 @ 本年收入合计] or [甲表: 合计 @ a, b]", line: 3)
        #expect(cells.count == 2)
        #expect(cells[1].table == .title("甲表") && cells[1].columns == ["a", "b"])
    }

    @Test func columnReferences() throws {
        let column = try CellReferenceParser.column("[一般公共预算财政拨款支出决算表 @ 本年支出/小计, 合计]", line: 1)
        #expect(column.row.isEmpty && column.table?.kind == TableKind("generalBudgetExpenditure"))
    }

    @Test(arguments: [
        ("[a @ b", "[TABLE: ROW @ COL]"),
        ("[a b]", "one @"),
        ("[a @ ]", "a row and a column"),
        ("[ @ b]", "a row and a column"),
        ("[~甲表: a @ b]", "without ~"),
        ("[: a @ b]", "no table"),
    ])
    func errorsNameTheLine(text: String, says: String) {
        #expect {
            _ = try CellReferenceParser.cell(text, line: 7)
        } throws: { error in
            guard let error = error as? VocabularySyntaxError else { return false }
            return error.line == 7 && error.description.contains(says)
        }
    }

    /// Whatever is written, the parser either reads a cell or names the line: it never traps.
    @Test func anyTextParsesOrFails() async {
        await propertyCheck(input: Gen.character(in: " "..."~").string(of: 0...30)) { text in
            do {
                let cell = try CellReferenceParser.cell(text, line: 5)
                #expect(!cell.row.isEmpty && !cell.columns.isEmpty)
            } catch {
                #expect((error as? VocabularySyntaxError)?.line == 5)
            }
        }
    }

    /// A cell written back from its parts reads as the same cell.
    @Test func roundTrips() async {
        let part = Gen.letterOrNumber.string(of: 1...6)
        await propertyCheck(input: part, part, Gen.bool) { row, column, suffix in
            let text = "[收入决算表: \(suffix ? "~" : "")\(row) @ \(column), 合计]"
            let cell = try CellReferenceParser.cell(text, line: 1)
            #expect(cell.row == Normalization.n(row) && cell.rowIsSuffix == suffix)
            #expect(cell.columns == [Normalization.n(column), "合计"])
            let again = try CellReferenceParser.cell(cell.description, line: 1)
            #expect(again == cell)
        }
    }
}

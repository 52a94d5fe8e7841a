import Basics
import ReportModel
import Testing

@testable import Layout
@testable import Tokenizer

/// Tables read from their ruling: synthetic pages whose words and rules are placed by hand, in
/// the arrangements that the whitespace reading gets wrong on real reports.
@Suite("Reading ruled tables")
struct RuledReadingTests {
    /// A word at (x, y) (top-left corner), 9 pt, its width 9 pt a character (CJK) or 5 pt (ASCII).
    static func word(_ text: String, _ x: Double, _ y: Double) -> Word {
        let width = text.unicodeScalars.reduce(0.0) { $0 + ($1.isASCII ? 5 : 9) }
        let box = Rect(x0: x, y0: y, x1: x + width, y1: y + 9)
        return Word(text: text, box: box, displayBox: box, fontSize: 9)
    }

    /// A page of the words, lines made of the words that share a top.
    static func page(_ words: [Word]) -> PageLayout {
        let tops = Set(words.map(\.box.y0)).sorted()
        let lines = tops.map { top -> TextLine in
            let members = words.filter { $0.box.y0 == top }.sorted { $0.box.x0 < $1.box.x0 }
            let box = members.dropFirst().reduce(members[0].box) { $0.union($1.box) }
            return TextLine(words: members, box: box)
        }
        return PageLayout(pageNumber: 1, width: 595, height: 842, textTurn: .none, lines: lines, watermarkGlyphCount: 0)
    }

    /// Ruling: the horizontal rules at `ys` across [x0, x1], and vertical rules at `xs`, each
    /// drawn over the rows given (all rows when nil).
    static func rules(xs: [(Double, ClosedRange<Double>?)], ys: [(Double, ClosedRange<Double>?)], table: Rect)
        -> [PaintedMark]
    {
        var marks: [PaintedMark] = []
        for (y, span) in ys {
            let range = span ?? table.x0...table.x1
            marks.append(
                PaintedMark(
                    box: Rect(x0: range.lowerBound, y0: y - 0.25, x1: range.upperBound, y1: y + 0.25), filled: false,
                    gray: 0))
        }
        for (x, span) in xs {
            let range = span ?? table.y0...table.y1
            marks.append(
                PaintedMark(
                    box: Rect(x0: x - 0.25, y0: range.lowerBound, x1: x + 0.25, y1: range.upperBound), filled: false,
                    gray: 0))
        }
        return marks
    }

    static func facts(_ page: PageLayout, _ marks: [PaintedMark]) -> [String] {
        Tokenizer.read(layouts: [page], marks: [marks]).facts.map { "\($0.row)|\($0.col)|\($0.value)" }
    }

    /// A 三公 table with three header rows: 公务用车购置及运行费 spans 小计 / 购置费 / 运行费, each
    /// of which spans 预算数 / 决算数 (the nesting a whitespace reading gave to the wrong columns).
    @Test func spanningHeadersGiveEveryColumnItsPath() {
        // Columns of 50 pt from x = 50: 合计 (2), 公务用车购置及运行费 (6: 小计, 购置费, 运行费), 公务接待费 (2).
        let xs = (0...10).map { 50 + Double($0) * 50 }
        var words = [
            Self.word("财政拨款“三公”经费支出决算表", 150, 60), Self.word("单位：万元", 450, 90),
            Self.word("合计", 90, 110), Self.word("公务用车购置及运行费", 210, 110), Self.word("公务接待费", 460, 110),
            Self.word("小计", 190, 130), Self.word("购置费", 285, 130), Self.word("运行费", 385, 130),
        ]
        for k in 0..<10 { words.append(Self.word(k % 2 == 0 ? "预算数" : "决算数", xs[k] + 10, 150)) }
        let figures = ["9.00", "8.50", "6.00", "5.50", "1.00", "1.00", "5.00", "4.50", "3.00", "3.00"]
        for (k, figure) in figures.enumerated() { words.append(Self.word(figure, xs[k] + 20, 171)) }
        let table = Rect(x0: 50, y0: 105, x1: 550, y1: 185)
        let marks = Self.rules(
            xs: [(50, nil), (150, nil), (450, nil), (550, nil)]
                + [100, 200, 250, 300, 350, 400, 500].map { ($0, 145...185) }
                + [(250, 125...145), (350, 125...145)],
            ys: [(105, nil), (125, 150...450), (145, nil), (165, nil), (185, nil)], table: table)
        let facts = Self.facts(Self.page(words), marks)
        #expect(
            facts == [
                "#1|合计/预算数|9.00", "#1|合计/决算数|8.50",
                "#1|公务用车购置及运行费/小计/预算数|6.00", "#1|公务用车购置及运行费/小计/决算数|5.50",
                "#1|公务用车购置及运行费/购置费/预算数|1.00", "#1|公务用车购置及运行费/购置费/决算数|1.00",
                "#1|公务用车购置及运行费/运行费/预算数|5.00", "#1|公务用车购置及运行费/运行费/决算数|4.50",
                "#1|公务接待费/预算数|3.00", "#1|公务接待费/决算数|3.00",
            ])
    }

    /// Rows in ruled cells stay rows: a name wrapped over two lines with its figure centred beside
    /// it, a row with no figure, and two summary rows right under the last item (the rows a
    /// whitespace reading merged into one).
    @Test func ruledRowsAreNeverMerged() {
        var words = [
            Self.word("收入支出决算总表", 200, 60), Self.word("单位：万元", 450, 90),
            Self.word("项目", 100, 110), Self.word("决算数", 380, 110),
            Self.word("一、一般公共服务支出", 55, 131), Self.word("12.00", 400, 131),
            Self.word("二十四、抗疫特别国债安排的", 55, 147), Self.word("支出", 55, 157), Self.word("3.00", 405, 152),
            Self.word("二十五、其他支出", 55, 173),
            Self.word("本年支出合计", 55, 189), Self.word("15.00", 400, 189),
            Self.word("结余分配", 55, 205), Self.word("0.00", 405, 205),
        ]
        words.sort { ($0.box.y0, $0.box.x0) < ($1.box.y0, $1.box.x0) }
        let table = Rect(x0: 50, y0: 105, x1: 450, y1: 217)
        let marks = Self.rules(
            xs: [(50, nil), (350, nil), (450, nil)],
            ys: [(105, nil), (125, nil), (143, nil), (169, nil), (185, nil), (201, nil), (217, nil)], table: table)
        let facts = Self.facts(Self.page(words), marks)
        #expect(
            facts == [
                "一、一般公共服务支出|决算数|12.00", "二十四、抗疫特别国债安排的支出|决算数|3.00",
                "本年支出合计|决算数|15.00", "结余分配|决算数|0.00",
            ])
    }

    /// Without marks the same page is read from whitespace, and the layout says so.
    @Test func theLayoutSaysWhereTheGridCameFrom() throws {
        let words = [
            Self.word("收入支出决算总表", 200, 60), Self.word("单位：万元", 450, 90),
            Self.word("项目", 100, 110), Self.word("决算数", 380, 110),
            Self.word("一、一般公共服务支出", 55, 131), Self.word("12.00", 400, 131),
        ]
        let table = Rect(x0: 50, y0: 105, x1: 450, y1: 143)
        let marks = Self.rules(
            xs: [(50, nil), (350, nil), (450, nil)], ys: [(105, nil), (125, nil), (143, nil)], table: table)
        let ruled = Tokenizer.read(layouts: [Self.page(words)], marks: [marks])
        let plain = Tokenizer.read(layouts: [Self.page(words)])
        #expect(ruled.tables.first?.layout.map(\.source) == [.rules])
        #expect(plain.tables.first?.layout.map(\.source) == [.whitespace])
        let cells = try #require(ruled.tables.first?.layout.first?.cells)
        #expect(cells.count == 4)
        #expect(cells.filter(\.header).map(\.text) == ["项目", "决算数"])
        #expect(ruled.facts.map(\.value) == plain.facts.map(\.value))
    }
}

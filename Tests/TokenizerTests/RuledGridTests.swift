import Basics
import Testing

@testable import Tokenizer

/// The cell grid from what a page paints: synthetic rulings with known cells.
@Suite("Ruled grid")
struct RuledGridTests {
    /// A stroked line from (x0, y0) to (x1, y1), 0.5 pt wide, black.
    static func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, gray: Double = 0) -> PaintedMark {
        let half = 0.25
        return PaintedMark(
            box: Rect(
                x0: min(x0, x1) - (x0 == x1 ? half : 0), y0: min(y0, y1) - (y0 == y1 ? half : 0),
                x1: max(x0, x1) + (x0 == x1 ? half : 0), y1: max(y0, y1) + (y0 == y1 ? half : 0)),
            filled: false, gray: gray)
    }

    /// A table 300 wide: a header row whose first cell spans two columns over a second header row,
    /// then two body rows; columns at 0, 100, 200, 300.
    ///
    ///     |   收入 (0–200)      | 金额 (200–300, rows 0–1) |
    ///     | 项目 | 名称 |            |
    ///     |  a   |  b   |     c      |
    ///     |  d   |  e   |     f      |
    static var spanning: [PaintedMark] {
        [
            line(0, 0, 300, 0), line(0, 20, 200, 20), line(0, 40, 300, 40), line(0, 60, 300, 60), line(0, 80, 300, 80),
            line(0, 0, 0, 80), line(100, 20, 100, 80), line(200, 0, 200, 80), line(300, 0, 300, 80),
        ]
    }

    @Test func cellsAndSpansComeFromTheRules() throws {
        let grids = GridFinder.grids(Self.spanning, em: 9)
        #expect(grids.count == 1)
        let grid = try #require(grids.first)
        #expect(grid.xs.map { ($0 * 10).rounded() / 10 } == [0, 100, 200, 300])
        #expect(grid.ys.map { ($0 * 10).rounded() / 10 } == [0, 20, 40, 60, 80])
        let top = try #require(grid.cell(atX: 50, y: 10))
        #expect(grid.cells[top].columnSpan == 2 && grid.cells[top].rowSpan == 1)
        let amount = try #require(grid.cell(atX: 250, y: 10))
        #expect(grid.cells[amount].rowSpan == 2 && grid.cells[amount].columnSpan == 1)
        #expect(grid.cell(atX: 250, y: 30) == amount)
        #expect(grid.cell(atX: 150, y: 50) != grid.cell(atX: 150, y: 70))
        #expect(grid.cells.count == 2 + 2 + 3 + 3)
    }

    @Test func whiteAndShadedPaintIsNoRule() throws {
        var marks = Self.spanning
        // A white background over the whole table, and a shaded header band: neither splits a cell.
        marks.insert(PaintedMark(box: Rect(x0: -5, y0: -5, x1: 305, y1: 85), filled: true, gray: 1), at: 0)
        marks.append(PaintedMark(box: Rect(x0: 0, y0: 0, x1: 300, y1: 40), filled: true, gray: 0.85))
        marks.append(Self.line(0, 10, 300, 10, gray: 0.97))
        let grid = try #require(GridFinder.grids(marks, em: 9).first)
        #expect(grid.ys.count == 5)
        #expect(grid.cells.count == 10)
    }

    @Test func thinFilledRectanglesAreRules() throws {
        // Word and Excel draw borders as thin black rectangles.
        let rules = Self.spanning.map { mark in
            PaintedMark(box: mark.box, filled: true, gray: 0)
        }
        let grid = try #require(GridFinder.grids(rules, em: 9).first)
        #expect(grid.cells.count == 10)
    }

    @Test func dashedAndBrokenLinesJoin() throws {
        var marks = Self.spanning.filter { !($0.box.y0 < 61 && $0.box.y1 > 59 && $0.box.height < 1) }
        // The rule at y = 60 drawn in dashes 8 pt long, 1.5 pt apart.
        var x = 0.0
        while x < 300 {
            marks.append(Self.line(x, 60, min(x + 8, 300), 60))
            x += 9.5
        }
        let grid = try #require(GridFinder.grids(marks, em: 9).first)
        #expect(grid.cells.count == 10)
    }

    @Test func aContinuedTableWithoutItsTopRuleStillCloses() throws {
        // A table continued from the previous page: its vertical rules start at the top, no rule there.
        let marks = [
            Self.line(0, 20, 300, 20), Self.line(0, 40, 300, 40),
            Self.line(0, 0, 0, 40), Self.line(150, 0, 150, 40), Self.line(300, 0, 300, 40),
        ]
        let grid = try #require(GridFinder.grids(marks, em: 9).first)
        #expect(grid.rowCount == 2 && grid.columnCount == 2)
        #expect(grid.cell(atX: 75, y: 10) != nil)
    }

    @Test func tablesApartAreSeparateGrids() throws {
        let lower = Self.spanning.map { mark in
            PaintedMark(
                box: Rect(x0: mark.box.x0, y0: mark.box.y0 + 200, x1: mark.box.x1, y1: mark.box.y1 + 200),
                filled: mark.filled, gray: mark.gray)
        }
        let grids = GridFinder.grids(Self.spanning + lower, em: 9)
        #expect(grids.count == 2)
        #expect(grids[0].box.y1 < grids[1].box.y0)
    }

    @Test func horizontalRulesAloneMakeNoGrid() {
        let marks = [Self.line(0, 0, 300, 0), Self.line(0, 20, 300, 20), Self.line(0, 40, 300, 40)]
        #expect(GridFinder.grids(marks, em: 9).isEmpty)
    }
}

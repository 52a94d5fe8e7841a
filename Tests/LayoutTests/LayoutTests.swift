import Basics
import PDF
import PropertyBased
import TestSupport
import Testing

@testable import Layout

@Suite("Layout text")
struct LayoutTextTests {
    private func layoutText(_ sample: String, page: Int) throws -> String {
        let document = try PDFDocument(path: Samples.path(sample))
        return LayoutText.render(LayoutBuilder.layout(try document.page(page)))
    }

    /// The pages of tables 02 and 06 carry `/Rotate 90` over unrotated content: poppler's order
    /// runs bottom to top, column by column, but rebuilt from geometry they read like base.pdf.
    @Test(arguments: [6, 10])
    func rotatedPagesReadLikeTheOriginal(page: Int) throws {
        let rotated = try layoutText("bad/rotated_page.pdf", page: page)
        let original = try layoutText("bad/base.pdf", page: page)
        #expect(rotated == original, "\(Golden.firstDifference(rotated, original))")
        let firstLine = rotated.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(firstLine == (page == 6 ? "收入决算表" : "一般公共预算财政拨款基本支出决算表"))
    }

    @Test(arguments: [5, 6, 10, 16])
    func golden(page: Int) throws {
        let actual = try layoutText("bad/base.pdf", page: page)
        let expected = try Golden.expected("layout/base_p\(page).txt", actual: actual)
        #expect(actual == expected, "\(Golden.firstDifference(actual, expected))")
    }

    /// Every line of a table page reads top to bottom: codes in the first column come in order.
    @Test func linesRunTopToBottom() throws {
        let document = try PDFDocument(path: Samples.path("bad/rotated_page.pdf"))
        let layout = LayoutBuilder.layout(try document.page(6))
        let tops = layout.lines.map(\.box.y0)
        #expect(tops == tops.sorted())
        let codes = layout.lines.compactMap { $0.words.first?.text }.filter { $0.allSatisfy(\.isNumber) && $0.count >= 3 }
        #expect(codes.first == "201")
        #expect(codes.last == "2210201")
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(LayoutText.displayWidth("合计") == 4)
        #expect(LayoutText.displayWidth("1,085.42") == 8)
        #expect(LayoutText.displayWidth("（一）") == 6)
    }
}

@Suite("Words and lines")
struct WordTests {
    private func glyph(_ scalar: Unicode.Scalar, x: Double, width: Double = 5, y: Double = 100, size: Double = 9)
        -> LayoutBuilder.PlacedGlyph
    {
        let box = Rect(x0: x, y0: y, x1: x + width, y1: y + size)
        return LayoutBuilder.PlacedGlyph(scalar: scalar, box: box, displayBox: box, size: size)
    }

    private func run(_ text: String, from x: Double, width: Double = 5, y: Double = 100, size: Double = 9)
        -> [LayoutBuilder.PlacedGlyph]
    {
        text.unicodeScalars.enumerated().map {
            glyph($0.element, x: x + Double($0.offset) * width, width: width, y: y, size: size)
        }
    }

    /// LibreOffice sets numbers in neighbouring cells about 1.5 pt apart.
    @Test func numbersOnePointFiveApartAreTwoWords() {
        let left = run("2932.70", from: 100)
        let right = run("2932.70", from: left.last!.box.x1 + 1.5)
        let words = LayoutBuilder.splitWords(left + right, options: .init())
        #expect(words.map(\.text) == ["2932.70", "2932.70"])
    }

    @Test func touchingGlyphsAreOneWord() {
        let glyphs = run("1,085.42", from: 10) + [glyph("万", x: 50.3, width: 9)]
        #expect(LayoutBuilder.splitWords(glyphs, options: .init()).map(\.text) == ["1,085.42万"])
    }

    @Test func glyphsOnTheSameBaselineFormOneLineInXOrder() {
        let glyphs = run("ab", from: 50) + run("12", from: 10, y: 100.8) + run("cd", from: 10, y: 130)
        let lines = LayoutBuilder.buildLines(glyphs.reversed(), options: .init())
        #expect(lines.map(\.text) == ["12 ab", "cd"])
    }

    /// A name wrapped over two lines of its cell, with the row's code and value centred between
    /// them (s05, 基本支出表: 因公出国 / （境）费用). The two halves must not interleave.
    @Test func wrappedCellLinesStayApart() {
        // Box heights as poppler gives them for this 9 pt font: 13 pt.
        let code = run("30212", from: 10, y: 429.7, size: 13)
        let upper = run("因公出国", from: 60, width: 9, y: 423.8, size: 13)
        let lower = run("（境）费用", from: 60, width: 9, y: 435.5, size: 13)
        let value = run("0", from: 200, y: 429.7, size: 13)
        let lines = LayoutBuilder.buildLines(code + upper + lower + value, options: .init())
        #expect(lines.map(\.text) == ["30212 因公出国 0", "（境）费用"])
    }

    /// Values top-aligned and names centred in the same row (the real Putuo report) share a line
    /// when they do not overlap.
    @Test func offsetBaselinesInOtherColumnsJoin() {
        let name = run("合计", from: 60, width: 9, y: 104)
        let value = run("2,940.05", from: 200, y: 100)
        let lines = LayoutBuilder.buildLines(name + value, options: .init())
        #expect(lines.map(\.text) == ["合计 2,940.05"])
    }

    @Test func fakeBoldIsDrawnOnce() {
        let glyphs = run("合计", from: 10) + run("合计", from: 10.1)
        let lines = LayoutBuilder.buildLines(glyphs, options: .init())
        #expect(lines.map(\.text) == ["合计"])
    }

    @Test func lightGreyIsWatermark() {
        #expect(LayoutBuilder.isWatermark(0x999999, minimum: 0x90))
        #expect(LayoutBuilder.isWatermark(0xFFFFFF, minimum: 0x90))
        #expect(!LayoutBuilder.isWatermark(0x000000, minimum: 0x90))
        #expect(!LayoutBuilder.isWatermark(0xFF0000, minimum: 0x90))
    }

    /// Turning a box into the upright frame and back gives the box again, for every turn.
    @Test func uprightFrameRoundTrips() async {
        let coordinate = Gen.int(in: 0...600)
        await propertyCheck(input: Gen<QuarterTurn>.case, coordinate, coordinate, Gen.int(in: 1...40), Gen.int(in: 1...40)) {
            turn, x, y, w, h in
            let frame = UprightFrame(turn: turn, displayWidth: 842, displayHeight: 596)
            let box = Rect(x0: Double(x), y0: Double(y), x1: Double(x + w), y1: Double(y + h))
            #expect(frame.toDisplay(frame.toUpright(box)) == box)
            let upright = frame.toUpright(box)
            #expect(upright.width > 0 && upright.height > 0)
        }
    }

    /// A font declaring a tiny ascent and descent (FangSong in an ONLYOFFICE export) gets poppler
    /// boxes 3 pt tall for 12 pt text at the glyphs' bottom: words stand a size tall above that
    /// bottom, so the two lines of a wrapped cell are a line apart, not a row apart.
    @Test func tinyGlyphBoxesStandAFontSizeTall() throws {
        let document = try PDFDocument(path: Samples.path("bad/base.pdf"))
        var page = try document.page(5)
        func glyphs(_ text: String, bottom: Double, height: Double, size: Double) -> [Glyph] {
            text.unicodeScalars.enumerated().map { offset, scalar in
                let x = 100 + Double(offset) * size
                return Glyph(
                    scalar: scalar, box: Rect(x0: x, y0: bottom - height, x1: x + size, y1: bottom), fontIndex: 0,
                    fontSize: size)
            }
        }
        page.glyphs = glyphs("机关事业单位", bottom: 464.8, height: 3.1, size: 12)
            + glyphs("费支出", bottom: 480.3, height: 3.1, size: 12)
            + glyphs("合计", bottom: 300, height: 11, size: 10)
        let lines = LayoutBuilder.layout(page).lines
        #expect(lines.map { $0.words.map(\.text) } == [["合计"], ["机关事业单位"], ["费支出"]])
        #expect(lines.map(\.box.y1) == [300, 464.8, 480.3])
        // Normal boxes keep their height; tiny ones grow to the font size.
        #expect(lines.map(\.box.height) == [11, 12, 12])
        #expect(lines[2].box.y0 - lines[1].box.y1 < 4)
    }
}

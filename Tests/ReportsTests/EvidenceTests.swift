import Basics
import PDF
import Reports
import TestSupport
import Testing

@Suite("Evidence crops")
struct EvidenceTests {
    // MARK: Geometry

    @Test func regionSpansTheInkOfTheBandAndContainsTheBox() {
        let box = Rect(x0: 300, y0: 400, x1: 340, y1: 410)
        let ink = [
            Rect(x0: 60, y0: 380, x1: 90, y1: 390),  // a row name above, in the band
            Rect(x0: 500, y0: 430, x1: 530, y1: 440),  // a figure below, in the band
            Rect(x0: 10, y0: 100, x1: 580, y1: 110),  // a title far above: not in the band
        ]
        let region = EvidenceRenderer.region(
            around: box, pageWidth: 595, pageHeight: 842, ink: ink, context: 40, margin: 5)
        #expect(region == Rect(x0: 54, y0: 360, x1: 536, y1: 450))
        // An edge that would cut a line of text moves out to take it in whole.
        let cut = EvidenceRenderer.region(
            around: box, pageWidth: 595, pageHeight: 842,
            ink: ink + [Rect(x0: 100, y0: 355, x1: 110, y1: 365)],
            context: 40, margin: 5)
        #expect(cut == Rect(x0: 54, y0: 354, x1: 536, y1: 450))
        // A watermark's glyph across the band neither widens it nor moves its edges.
        let watermarked = EvidenceRenderer.region(
            around: box, pageWidth: 595, pageHeight: 842, ink: ink + [Rect(x0: 20, y0: 300, x1: 120, y1: 420)],
            context: 40, margin: 5)
        #expect(watermarked == region)
        // Text running down the display: the same with the axes swapped.
        let swap = { (r: Rect) in Rect(x0: r.y0, y0: r.x0, x1: r.y1, y1: r.x1) }
        let sideways = EvidenceRenderer.region(
            around: swap(box), pageWidth: 842, pageHeight: 595, ink: ink.map(swap), context: 40,
            margin: 5, sideways: true)
        #expect(sideways == swap(region))
        // Clamped to the page near its edges.
        let corner = EvidenceRenderer.region(
            around: Rect(x0: 2, y0: 5, x1: 30, y1: 15), pageWidth: 595, pageHeight: 842, ink: [],
            context: 40, margin: 5)
        #expect(corner == Rect(x0: 0, y0: 0, x1: 35, y1: 55))
    }

    @Test func largeRegionsAreRenderedSmaller() {
        let cell = Rect(x0: 0, y0: 0, x1: 500, y1: 90)
        #expect(EvidenceRenderer.scale(for: cell, preferred: 2, maximumPixels: 450_000) == 2)
        let paragraph = Rect(x0: 0, y0: 0, x1: 500, y1: 300)
        #expect(EvidenceRenderer.scale(for: paragraph, preferred: 2, maximumPixels: 450_000) == 1.73)
        let page = Rect(x0: 0, y0: 0, x1: 595, y1: 842)
        #expect(EvidenceRenderer.scale(for: page, preferred: 2, maximumPixels: 450_000) == 1.25)
    }

    @Test func outlineMapsPointsToPixels() {
        let outline = EvidenceRenderer.outline(
            of: Rect(x0: 100, y0: 200, x1: 150, y1: 210), in: Rect(x0: 90, y0: 180, x1: 300, y1: 260),
            scale: 2, padding: 1.5)
        #expect(outline == PixelRect(x: 17, y: 37, width: 106, height: 26))
    }

    @Test func outlineIsDrawnJustOutside() {
        let blank = RenderedImage(
            width: 20, height: 12, pixels: Array(repeating: 0xFF_FF_FF, count: 240))
        let inside = PixelRect(x: 5, y: 4, width: 6, height: 3)
        let drawn = EvidenceRenderer.drawOutline(inside, stroke: 2, on: blank)
        for row in 0..<12 {
            for column in 0..<20 {
                let pixel = drawn.pixels[row * 20 + column]
                let inFrame =
                    column >= 3 && column < 13 && row >= 2 && row < 9
                    && !inside.contains(column: column, row: row)
                #expect(
                    pixel == (inFrame ? EvidenceRenderer.outlineColor : 0xFF_FF_FF), "\(column), \(row)")
            }
        }
    }
}

extension EvidenceTests {
    /// A 3 × 2 image with distinct pixels, turned each way: the pixels and a rectangle move alike.
    @Test func turningMovesPixelsAndRectanglesAlike() {
        let image = RenderedImage(width: 3, height: 2, pixels: [0, 1, 2, 3, 4, 5])
        #expect(EvidenceRenderer.turned(image, by: .quarter).pixels == [3, 0, 4, 1, 5, 2])
        #expect(EvidenceRenderer.turned(image, by: .threeQuarters).pixels == [2, 5, 1, 4, 0, 3])
        #expect(EvidenceRenderer.turned(image, by: .half).pixels == [5, 4, 3, 2, 1, 0])
        // The pixel at column 2, row 0 (value 2) as a 1 × 1 rectangle.
        let corner = PixelRect(x: 2, y: 0, width: 1, height: 1)
        for turn in QuarterTurn.allCases {
            let turnedImage = EvidenceRenderer.turned(image, by: turn)
            let rect = EvidenceRenderer.turned(corner, in: image, by: turn)
            #expect(turnedImage.pixels[rect.y * turnedImage.width + rect.x] == 2, "\(turn)")
        }
        // A wider rectangle keeps its area and stays inside.
        let wide = EvidenceRenderer.turned(
            PixelRect(x: 0, y: 1, width: 2, height: 1), in: image, by: .threeQuarters)
        #expect(wide == PixelRect(x: 1, y: 1, width: 1, height: 2))
        #expect(
            EvidenceRenderer.upright(.quarter) == .threeQuarters
                && EvidenceRenderer.upright(.none) == .none)
    }
}

/// Crops of real pages: the outline must stand where the text layer says the figure is, and the
/// figure's ink must be there in the rendering.
@Suite("Evidence crops of real pages")
struct EvidencePlacementTests {
    /// A printed figure, found on its page from the glyphs alone.
    struct Case: CustomTestStringConvertible, Sendable {
        var file: String
        var page: Int
        var printed: String
        var turn: QuarterTurn
        var testDescription: String { "\(file) p\(page) \(printed)" }
    }

    static let cases = [
        // Portrait, full rules (the rollup error of s01).
        Case(
            file: "tokenizer/s01_education_2020_reportlab.pdf", page: 9, printed: "1,473,945.58",
            turn: .none),
        // A landscape table on a portrait page turned by /Rotate 90.
        Case(file: "reports/s04_finance_2019_reportlab.pdf", page: 12, printed: "945.17", turn: .none),
        // A page turned by /Rotate 90 whose content was not: the text runs down the display.
        Case(file: "bad/rotated_page.pdf", page: 6, printed: "763.67", turn: .threeQuarters),
    ]

    static func isDark(_ pixel: UInt32) -> Bool {
        let red = (pixel >> 16) & 0xFF
        let green = (pixel >> 8) & 0xFF
        let blue = pixel & 0xFF
        return (red * 299 + green * 587 + blue * 114) / 1000 < 128
    }

    @Test(arguments: cases) func outlineStandsOnTheFigure(_ sample: Case) throws {
        let document = try PDFDocument(path: Samples.path(sample.file))
        let page = try document.page(sample.page)
        let box = try #require(
            PrintedText.boxes(of: sample.printed, on: page).first, "\(sample.printed) is on the page")
        let renderer = EvidenceRenderer(document: document)
        let crop = try renderer.crop(page: sample.page, box: box)

        // The region holds the box with room for the outline, on the page.
        #expect(crop.region.x0 <= box.x0 - 3 && crop.region.y0 <= box.y0 - 3)
        #expect(crop.region.x1 >= box.x1 + 3 && crop.region.y1 >= box.y1 + 3)
        #expect(
            crop.region.x0 >= 0 && crop.region.y0 >= 0 && crop.region.x1 <= page.width
                && crop.region.y1 <= page.height)
        #expect(crop.turn == sample.turn)

        // The rendering without the outline, in display space (not turned).
        let plain = try document.render(page: sample.page, scale: crop.scale, region: crop.region)
        let expectedOutline = EvidenceRenderer.outline(
            of: box, in: crop.region, scale: crop.scale, padding: renderer.padding)
        #expect(crop.outline == EvidenceRenderer.turned(expectedOutline, in: plain, by: crop.turn))
        #expect(crop.image.width * crop.image.height == plain.width * plain.height)

        // The figure's ink, looked for in a window 4 pt around the box (long rules left out), lies
        // inside the box and spans most of its length.
        let scale = crop.scale
        let window = PixelRect(
            x: Int(((box.x0 - 4 - crop.region.x0) * scale).rounded(.down)),
            y: Int(((box.y0 - 4 - crop.region.y0) * scale).rounded(.down)),
            width: Int(((box.width + 8) * scale).rounded(.up)),
            height: Int(((box.height + 8) * scale).rounded(.up)))
        let dark = { (column: Int, row: Int) -> Bool in
            column >= 0 && row >= 0 && column < plain.width && row < plain.height
                && Self.isDark(plain.pixels[row * plain.width + column])
        }
        let ruledRows = Set(
            (window.y..<(window.y + window.height)).filter { row in
                (window.x..<(window.x + window.width)).filter { dark($0, row) }.count > window.width * 8
                    / 10
            })
        let ruledColumns = Set(
            (window.x..<(window.x + window.width)).filter { column in
                (window.y..<(window.y + window.height)).filter { dark(column, $0) }.count > window.height
                    * 8 / 10
            })
        var ink: (x0: Int, y0: Int, x1: Int, y1: Int)? = nil
        for row in window.y..<(window.y + window.height) where !ruledRows.contains(row) {
            for column in window.x..<(window.x + window.width)
            where !ruledColumns.contains(column) && dark(column, row) {
                ink = (
                    min(ink?.x0 ?? column, column), min(ink?.y0 ?? row, row), max(ink?.x1 ?? column, column),
                    max(ink?.y1 ?? row, row)
                )
            }
        }
        let found = try #require(ink, "no ink around the box")
        let boxPixels = (
            x0: (box.x0 - crop.region.x0) * scale, y0: (box.y0 - crop.region.y0) * scale,
            x1: (box.x1 - crop.region.x0) * scale, y1: (box.y1 - crop.region.y0) * scale
        )
        #expect(
            Double(found.x0) >= boxPixels.x0 - 1.5 && Double(found.x1) <= boxPixels.x1 + 1.5,
            "\(found) \(boxPixels)")
        #expect(
            Double(found.y0) >= boxPixels.y0 - 1.5 && Double(found.y1) <= boxPixels.y1 + 1.5,
            "\(found) \(boxPixels)")
        let along =
            sample.turn == .none
            ? (found.x1 - found.x0, boxPixels.x1 - boxPixels.x0)
            : (found.y1 - found.y0, boxPixels.y1 - boxPixels.y0)
        #expect(Double(along.0) >= 0.8 * along.1, "the ink spans \(along.0) of \(along.1) px")

        // The red frame is drawn just outside the outline, in the middle of each side.
        let red = { (x: Int, y: Int) in
            crop.image.pixels[y * crop.image.width + x] == EvidenceRenderer.outlineColor
        }
        let o = crop.outline
        #expect(red(o.x - 1, o.y + o.height / 2) && red(o.x + o.width, o.y + o.height / 2))
        #expect(red(o.x + o.width / 2, o.y - 1) && red(o.x + o.width / 2, o.y + o.height))
        #expect(!red(o.x + o.width / 2, o.y + o.height / 2))
    }
}

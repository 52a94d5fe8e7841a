import Basics
import PDF

/// A rectangle of whole pixels in an image, origin top-left.
public struct PixelRect: Sendable, Hashable, Codable {
    /// The leftmost column.
    public var x: Int
    /// The top row.
    public var y: Int
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int

    /// A pixel rectangle from its origin and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Whether the pixel at `column`, `row` lies inside.
    public func contains(column: Int, row: Int) -> Bool {
        column >= x && column < x + width && row >= y && row < y + height
    }
}

/// A crop of a page around a cell or sentence, the auditor's evidence for one finding or
/// mismatch, with the cell or sentence outlined in red on the pixels themselves (so that the
/// outline survives saving, copying or printing the image).
public struct EvidenceCrop: Sendable {
    /// The 1-based page.
    public var page: Int
    /// The outlined box: the cell or sentence, in display-space points (origin top-left of the
    /// displayed page).
    public var box: Rect
    /// The part of the page rendered, in display-space points; it always contains ``box``.
    public var region: Rect
    /// Pixels per point.
    public var scale: Double
    /// The area inside the red outline, in image pixels: ``box`` grown by the renderer's padding,
    /// mapped by `(point − region origin) × scale` and rounded outwards. The outline's strokes lie
    /// just outside it, so they never cover the cell's own ink.
    public var outline: PixelRect
    /// The clockwise turn applied to the rendering so that the page's text reads upright
    /// (`.none` unless the page displays its text sideways or upside down); ``outline`` and
    /// ``image`` are in the turned image's pixels.
    public var turn: QuarterTurn
    /// The rendered region with the outline drawn, turned upright.
    public var image: RenderedImage

    /// The crop as PNG bytes.
    public func pngData() -> [UInt8] { image.pngData() }
}

/// Renders evidence crops from an open PDF: a band of the page across the table or paragraph,
/// a few rows above and below the box, as wide as the text on those rows.
///
/// Not `Sendable`, like the ``PDF/PDFDocument`` it holds; use one renderer per task.
public final class EvidenceRenderer {
    /// The document the boxes belong to.
    public let document: PDFDocument
    /// Pixels per point (2 = 144 dpi: 9 pt table figures come out 18 px high); less for a large
    /// region (``maximumPixels``). A crop records the scale it was rendered at.
    public let scale: Double
    /// Points of context above and below the box (about three table rows).
    public let context: Double
    /// Points between the box and the inside of the outline.
    public let padding: Double
    /// Width of the outline's strokes, in pixels.
    public let stroke: Int
    /// The most pixels one crop may have: a larger region (a long paragraph) is rendered at a
    /// lower scale, never below 1.25, to keep the HTML page small.
    public let maximumPixels: Double

    /// The outline's colour, 0xRRGGBB.
    public static let outlineColor: UInt32 = 0xE0_1B_24

    /// A renderer for `document`.
    public init(
        document: PDFDocument, scale: Double = 2, context: Double = 40, padding: Double = 1.5,
        stroke: Int = 3, maximumPixels: Double = 450_000
    ) {
        self.document = document
        self.scale = scale
        self.context = context
        self.padding = padding
        self.stroke = stroke
        self.maximumPixels = maximumPixels
    }

    /// The crop of `page` around `box` (display space, points).
    ///
    /// - Throws: ``PDF/PDFError/pageOutOfRange(page:pageCount:)`` when the page is not in the
    ///   document, or the error of a page that cannot be read or rendered.
    public func crop(page: Int, box: Rect) throws(PDFError) -> EvidenceCrop {
        let text = try self.text(of: page)
        let region = Self.region(
            around: box, pageWidth: text.width, pageHeight: text.height, ink: text.ink, context: context,
            margin: padding + Double(stroke) / scale + 4, sideways: text.sideways)
        let scale = Self.scale(for: region, preferred: self.scale, maximumPixels: maximumPixels)
        let rendered = try document.render(page: page, scale: scale, region: region)
        let outline = Self.outline(of: box, in: region, scale: scale, padding: padding)
        let drawn = Self.drawOutline(outline, stroke: stroke, on: rendered)
        let turn = Self.upright(text.turn)
        return EvidenceCrop(
            page: page, box: box, region: region, scale: scale,
            outline: Self.turned(outline, in: drawn, by: turn),
            turn: turn, image: Self.turned(drawn, by: turn))
    }

    // MARK: Geometry (pure, for tests)

    /// The region to render around `box`: from `context` points above the box to `context`
    /// below (moved outwards to take in whole any line of `ink` the edge would cut), and across
    /// from the leftmost to the rightmost `ink` on those rows (with the box and `margin` around
    /// it), clamped to the page. Glyphs taller than 24 pt or wider than 48 pt (watermarks) are
    /// left out.
    ///
    /// On a page whose text runs down the display (`sideways`, a quarter or three-quarter text
    /// turn) the rows are vertical: the context is taken left and right of the box instead.
    public static func region(
        around box: Rect, pageWidth: Double, pageHeight: Double, ink: [Rect], context: Double,
        margin: Double,
        sideways: Bool = false
    ) -> Rect {
        guard !sideways else {
            return transposed(
                region(
                    around: transposed(box), pageWidth: pageHeight, pageHeight: pageWidth,
                    ink: ink.map(transposed),
                    context: context, margin: margin))
        }
        var top = min(box.y0 - context, box.y0 - margin)
        var bottom = max(box.y1 + context, box.y1 + margin)
        // Big glyphs (a watermark's, drawn dark but transparent) are not lines of text.
        let ink = ink.filter { $0.height <= 24 && $0.width <= 48 }
        for glyph in ink {
            if glyph.y0 < top && glyph.y1 > top { top = glyph.y0 - 1 }
            if glyph.y0 < bottom && glyph.y1 > bottom { bottom = glyph.y1 + 1 }
        }
        var left = box.x0 - margin
        var right = box.x1 + margin
        for glyph in ink where glyph.y1 > top && glyph.y0 < bottom {
            left = min(left, glyph.x0 - 6)
            right = max(right, glyph.x1 + 6)
        }
        return Rect(
            x0: max(0, left).rounded(.down), y0: max(0, top).rounded(.down),
            x1: min(pageWidth, right).rounded(.up), y1: min(pageHeight, bottom).rounded(.up))
    }

    /// `preferred`, or less for a region that would have more than `maximumPixels` at it (but
    /// not below 1.25 pixels per point, nor above `preferred`).
    public static func scale(for region: Rect, preferred: Double, maximumPixels: Double) -> Double {
        let area = region.width * region.height
        guard area > 0, area * preferred * preferred > maximumPixels else { return preferred }
        return min(preferred, max(1.25, ((maximumPixels / area).squareRoot() * 100).rounded(.down) / 100))
    }

    private static func transposed(_ rect: Rect) -> Rect {
        Rect(x0: rect.y0, y0: rect.x0, x1: rect.y1, y1: rect.x1)
    }

    /// Where `box` grown by `padding` lands in a rendering of `region` at `scale`: pixel
    /// (0, 0) of the rendering is the region's top-left corner (``PDF/PDFDocument/render(page:scale:region:)``).
    public static func outline(of box: Rect, in region: Rect, scale: Double, padding: Double)
        -> PixelRect
    {
        let grown = box.insetBy(padding)
        let x0 = Int(((grown.x0 - region.x0) * scale).rounded(.down))
        let y0 = Int(((grown.y0 - region.y0) * scale).rounded(.down))
        let x1 = Int(((grown.x1 - region.x0) * scale).rounded(.up))
        let y1 = Int(((grown.y1 - region.y0) * scale).rounded(.up))
        return PixelRect(x: x0, y: y0, width: max(1, x1 - x0), height: max(1, y1 - y0))
    }

    /// The image with a `stroke`-pixel frame in ``outlineColor`` just outside `outline` (clipped
    /// to the image).
    public static func drawOutline(_ outline: PixelRect, stroke: Int, on image: RenderedImage)
        -> RenderedImage
    {
        var pixels = image.pixels
        let outer = PixelRect(
            x: outline.x - stroke, y: outline.y - stroke, width: outline.width + 2 * stroke,
            height: outline.height + 2 * stroke)
        for row in max(0, outer.y)..<min(image.height, outer.y + outer.height) {
            for column in max(0, outer.x)..<min(image.width, outer.x + outer.width)
            where !outline.contains(column: column, row: row) {
                pixels[row * image.width + column] = outlineColor
            }
        }
        return RenderedImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// The clockwise turn that makes text turned by `textTurn` read upright.
    public static func upright(_ textTurn: QuarterTurn) -> QuarterTurn {
        switch textTurn {
        case .none: .none
        case .quarter: .threeQuarters
        case .half: .half
        case .threeQuarters: .quarter
        }
    }

    /// The image turned clockwise by `turn`.
    public static func turned(_ image: RenderedImage, by turn: QuarterTurn) -> RenderedImage {
        let (width, height) = (image.width, image.height)
        switch turn {
        case .none:
            return image
        case .half:
            return RenderedImage(width: width, height: height, pixels: image.pixels.reversed())
        case .quarter, .threeQuarters:
            // The turned image is `height` wide and `width` high.
            var pixels = [UInt32](repeating: 0, count: width * height)
            for row in 0..<height {
                for column in 0..<width {
                    let (x, y) = turn == .quarter ? (height - 1 - row, column) : (row, width - 1 - column)
                    pixels[y * height + x] = image.pixels[row * width + column]
                }
            }
            return RenderedImage(width: height, height: width, pixels: pixels)
        }
    }

    /// Where a pixel rectangle of `image` lands when the image is turned clockwise by `turn`.
    public static func turned(_ rect: PixelRect, in image: RenderedImage, by turn: QuarterTurn)
        -> PixelRect
    {
        switch turn {
        case .none:
            return rect
        case .half:
            return PixelRect(
                x: image.width - rect.x - rect.width, y: image.height - rect.y - rect.height,
                width: rect.width,
                height: rect.height)
        case .quarter:
            return PixelRect(
                x: image.height - rect.y - rect.height, y: rect.x, width: rect.height, height: rect.width)
        case .threeQuarters:
            return PixelRect(
                x: rect.y, y: image.width - rect.x - rect.width, width: rect.height, height: rect.width)
        }
    }

    // MARK: Page data

    private struct PageInk {
        var width: Double
        var height: Double
        /// The boxes of the page's dark glyphs (light ones are watermarks).
        var ink: [Rect]
        /// The turn of the text in display space.
        var turn: QuarterTurn
        /// Whether the text runs down the display.
        var sideways: Bool { turn == .quarter || turn == .threeQuarters }
    }

    private var pages: [Int: PageInk] = [:]

    private func text(of page: Int) throws(PDFError) -> PageInk {
        if let cached = pages[page] { return cached }
        let text = try document.page(page)
        let ink = PageInk(
            width: text.width, height: text.height,
            ink: text.glyphs.filter { Self.isDark($0.color) }.map(\.box),
            turn: text.textTurn)
        pages[page] = ink
        return ink
    }

    private static func isDark(_ color: UInt32) -> Bool {
        let red = (color >> 16) & 0xFF
        let green = (color >> 8) & 0xFF
        let blue = color & 0xFF
        return (red * 299 + green * 587 + blue * 114) / 1000 < 160
    }
}

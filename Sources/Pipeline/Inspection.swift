import PDF

/// What `inspect` shows of a document: its identity, its fonts and, page by page, size,
/// rotation, glyphs, images and whether it has a text layer.
public struct InspectReport: Sendable, Codable {
    /// Path, SHA-256, size, pages, producer, creator, title, version, encryption.
    public var document: DocumentInfo
    /// Every font, in the order first used, with the pages that use it.
    public var fonts: [FontReport]
    /// The inspected pages.
    public var pages: [PageReport]
    /// The inspected pages that have no text layer.
    public var pagesWithoutText: [Int]

    /// Inspects `pages` of `document` (every page when nil).
    public init(_ document: PDFDocument, pages selection: PageSelection?) throws(PDFError) {
        let numbers = try PageSelection.pages(selection, in: document)
        var reports: [PageReport] = []
        var fontPages: [String: [Int]] = [:]
        var fontOrder: [String] = []
        for number in numbers {
            let page = try document.page(number, images: .always)
            for font in page.fonts {
                if fontPages[font] == nil { fontOrder.append(font) }
                fontPages[font, default: []].append(number)
            }
            reports.append(
                PageReport(
                    page: number, width: page.width, height: page.height, rotation: page.rotation.rawValue,
                    textTurn: page.textTurn.rawValue, glyphs: page.glyphs.count, fonts: page.fonts,
                    images: page.imageCount ?? 0, textLayer: page.hasTextLayer))
        }
        self.document = document.info
        fonts = fontOrder.map { FontReport(name: $0, pages: fontPages[$0] ?? []) }
        self.pages = reports
        pagesWithoutText = reports.filter { !$0.textLayer }.map(\.page)
    }

    /// A warning when none of the inspected pages has a text layer (a scan).
    public var diagnostics: [Diagnostic] {
        guard !pages.isEmpty, pagesWithoutText.count == pages.count else { return [] }
        return [Diagnostic(.warning, "\(document.path): no text layer: scanned? OCR is not supported yet")]
    }
}

/// One inspected page.
public struct PageReport: Sendable, Codable {
    /// The page number, 1-based.
    public var page: Int
    /// Width and height in points, as the page is shown (after its rotation).
    public var width: Double
    public var height: Double
    /// The page's quarter turn, in degrees, as worked out from its geometry.
    public var rotation: Int
    /// How far the text is turned from upright on the shown page, in degrees.
    public var textTurn: Int
    /// How many glyphs the text layer holds.
    public var glyphs: Int
    /// The fonts the page uses.
    public var fonts: [String]
    /// How many images the page draws.
    public var images: Int
    /// Whether the page has a text layer.
    public var textLayer: Bool
}

/// One font of an inspected document.
public struct FontReport: Sendable, Codable {
    /// The font's name as the PDF gives it.
    public var name: String
    /// The inspected pages that use it.
    public var pages: [Int]
}

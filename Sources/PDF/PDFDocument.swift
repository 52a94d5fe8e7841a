import Basics
import Synchronization

/// What identifies a document.
public struct DocumentInfo: Sendable, Codable, Hashable {
    /// The path as given, or a name for documents opened from bytes.
    public var path: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    public var byteCount: Int
    public var pageCount: Int
    public var producer: String?
    public var creator: String?
    public var title: String?
    public var pdfVersion: String?
    /// Whether the file carries an `/Encrypt` dictionary (an owner-only encryption opens without a
    /// password but is still reported here).
    public var isEncrypted: Bool
}

/// Whether ``PDFDocument/page(_:images:)`` counts a page's raster images. Counting parses the
/// page's content a second time (poppler has no cheaper way), so by default it is done only where
/// it explains something: on pages without a text layer.
public enum ImageSurvey: Sendable {
    case always
    case whenNoText
}

/// Everything the layout stage needs from one page, as plain values.
public struct PageText: Sendable {
    /// 1-based page number.
    public var number: Int
    /// Page width and height in display space (after `/Rotate`), in points.
    public var width: Double
    public var height: Double
    /// The crop box in the unrotated space of the page description.
    public var cropBox: Rect
    /// The page's quarter turn, worked out from its geometry (see ``PDFDocument/page(_:)``).
    public var rotation: QuarterTurn
    /// The turn of the page's text in display space: `.quarter` when it runs down the display.
    public var textTurn: QuarterTurn
    /// Every non-space character, in poppler's order, with its box in display space.
    public var glyphs: [Glyph]
    /// Font names (as embedded, subset prefix included); ``Glyph/fontIndex`` points here.
    public var fonts: [String]
    /// Raster images drawn on the page and the share of the page the largest one covers; `nil`
    /// when they were not surveyed (see ``ImageSurvey``).
    public var imageCount: Int?
    public var imageCoverage: Double?
    /// False when poppler's text and its layout rectangles disagreed in length (rare; then the
    /// glyphs were paired up to the shorter of the two).
    public var pairedExactly: Bool

    /// Whether the page has any text to read.
    public var hasTextLayer: Bool { !glyphs.isEmpty }
}

/// An open PDF document, read through poppler-glib.
///
/// A document is not `Sendable`: it belongs to one task. Process files in parallel, not the
/// pages of one document. Every poppler call on a document is serialised by a lock as a second
/// line of defence (rendering one document from two threads crashes poppler).
public final class PDFDocument {
    public let info: DocumentInfo
    private let handle: Poppler.DocumentHandle
    private let lock = Mutex(())
    /// The file's bytes and, once ``graphics(page:)`` is first called, the reader of its drawing
    /// (its object cache is mutable state, so it has its own lock).
    private let bytes: [UInt8]
    private let password: String?
    private let graphicsReader = Mutex<GraphicsReader?>(nil)

    /// Opens the PDF at `path` (relative paths are resolved against the current directory).
    public convenience init(path: String, password: String? = nil) throws(PDFError) {
        let absolute = FileBytes.absolutePath(path)
        let bytes = try FileBytes.read(path: absolute, shownAs: path)
        try Self.precheck(bytes, shownAs: path)
        let handle = try Self.handle(
            Poppler.openDocument(absolutePath: absolute, password: password), path: path, password: password)
        self.init(handle: handle, bytes: bytes, shownAs: path, password: password)
    }

    /// Opens a PDF held in memory; `name` stands for the path in messages and ``info``.
    public convenience init(bytes: [UInt8], name: String, password: String? = nil) throws(PDFError) {
        if bytes.isEmpty { throw .emptyFile(path: name) }
        try Self.precheck(bytes, shownAs: name)
        let handle = try Self.handle(
            Poppler.openDocument(bytes: bytes, password: password), path: name, password: password)
        self.init(handle: handle, bytes: bytes, shownAs: name, password: password)
    }

    private init(handle: Poppler.DocumentHandle, bytes: [UInt8], shownAs name: String, password: String?) {
        self.handle = handle
        self.bytes = bytes
        self.password = password
        let metadata = Poppler.metadata(handle)
        info = DocumentInfo(
            path: name, sha256: Checksum.sha256Hex(bytes), byteCount: bytes.count,
            pageCount: Poppler.pageCount(handle), producer: metadata.producer,
            creator: metadata.creator, title: metadata.title, pdfVersion: metadata.version,
            isEncrypted: FileBytes.hasEncryptDictionary(bytes))
    }

    public var pageCount: Int { info.pageCount }

    /// Reads page `number` (1-based): geometry, glyphs, fonts and images.
    ///
    /// poppler-glib has no getter for `/Rotate`. The rotation is worked out from the page itself:
    /// a display size that swaps the crop box's width and height means a quarter or three-quarter
    /// turn; which of the two (and whether a half turn applies) follows from the direction in
    /// which the page's text advances in display space.
    public func page(_ number: Int, images: ImageSurvey = .whenNoText) throws(PDFError) -> PageText {
        guard number >= 1 && number <= pageCount else {
            throw .pageOutOfRange(page: number, pageCount: pageCount)
        }
        let result = lock.withLock { _ in
            Poppler.withPage(handle, index: number - 1) { page -> PageText in
                let size = Poppler.displaySize(page)
                let crop = Poppler.cropBox(page)
                let text = Poppler.glyphs(page)
                let survey =
                    images == .always || text.glyphs.isEmpty
                    ? Poppler.imageCoverage(page, pageArea: size.width * size.height) : nil
                let swapped =
                    abs(crop.width - size.height) < 0.5 && abs(crop.height - size.width) < 0.5
                    && abs(crop.width - crop.height) >= 0.5
                let turn = TextDirection.textTurn(of: text.glyphs)
                return PageText(
                    number: number, width: size.width, height: size.height, cropBox: crop,
                    rotation: TextDirection.rotation(textTurn: turn, swapped: swapped), textTurn: turn,
                    glyphs: text.glyphs, fonts: text.fonts, imageCount: survey?.count,
                    imageCoverage: survey?.coveredFraction, pairedExactly: text.pairedExactly)
            }
        }
        guard let result else { throw .damaged(path: info.path, detail: "page \(number) cannot be read") }
        return result
    }

    /// Renders page `number` (1-based), or a `region` of it in display-space points, at `scale`
    /// pixels per point (1 = 72 dpi), on white.
    public func render(page number: Int, scale: Double = 2, region: Rect? = nil) throws(PDFError) -> RenderedImage {
        guard number >= 1 && number <= pageCount else {
            throw .pageOutOfRange(page: number, pageCount: pageCount)
        }
        let image = lock.withLock { _ in
            Poppler.withPage(handle, index: number - 1) { page -> RenderedImage in
                let size = Poppler.displaySize(page)
                let area = region ?? Rect(x0: 0, y0: 0, x1: size.width, y1: size.height)
                return Poppler.render(page, region: area, scale: scale)
            }
        }
        guard let image else { throw .damaged(path: info.path, detail: "page \(number) cannot be rendered") }
        return image
    }

    /// The axis-aligned ruling lines and rectangles page `number` (1-based) paints, in display
    /// space (the space of ``Glyph/box``), read from the file's content streams by the
    /// document's own reader (docs/graphics.md), not by poppler.
    ///
    /// Only a page number out of range throws: drawing that cannot be read (an encrypted file, an
    /// unsupported filter, a broken stream) is named in ``PageGraphics/unreadable``, with whatever
    /// could be read.
    public func graphics(page number: Int) throws(PDFError) -> PageGraphics {
        guard number >= 1 && number <= pageCount else {
            throw .pageOutOfRange(page: number, pageCount: pageCount)
        }
        let bytes = self.bytes
        let password = self.password
        return graphicsReader.withLock { reader -> PageGraphics in
            let current = reader ?? GraphicsReader(bytes: bytes, password: password)
            reader = current
            return current.graphics(page: number)
        }
    }

    // MARK: Checks before poppler sees the bytes

    private static func precheck(_ bytes: [UInt8], shownAs path: String) throws(PDFError) {
        if bytes.isEmpty { throw .emptyFile(path: path) }
        guard Bytes.hasPDFHeader(bytes) else { throw .notAPDF(path: path) }
        guard FileBytes.hasEOFMarker(bytes) else { throw .truncated(path: path) }
    }

    /// The opened document, or the error its failure means.
    private static func handle(
        _ opened: Result<Poppler.DocumentHandle, Poppler.OpenFailure>, path: String, password: String?
    ) throws(PDFError) -> Poppler.DocumentHandle {
        switch opened {
        case .success(let handle): return handle
        case .failure(let failure): throw error(failure, path: path, password: password)
        }
    }

    private static func error(_ failure: Poppler.OpenFailure, path: String, password: String?) -> PDFError {
        switch failure {
        case .encrypted:
            return password == nil ? .passwordRequired(path: path) : .wrongPassword(path: path)
        case .damaged(let message), .other(let message):
            return .damaged(path: path, detail: message)
        }
    }
}

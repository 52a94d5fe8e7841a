import Basics
import CPoppler

/// The C boundary of the PDF module: every call into poppler-glib, GLib and cairo, and the
/// conversion of every C result into Swift values, lives in this file (the way apple/swift-system keeps its
/// syscalls in one place). Nothing outside this file touches a C pointer.
///
/// Ownership rules followed here:
/// - every `PopplerDocument` / `PopplerPage` reference is released with `g_object_unref`;
/// - every `gchar*` and rectangle array returned with transfer-full is released with `g_free`;
/// - attribute and image lists are released with their poppler free functions;
/// - every `GError` is freed after its message has been copied.
enum Poppler {
    /// A `PopplerDocument*`, owned by ``DocumentHandle``.
    typealias RawDocument = OpaquePointer

    /// An owned `PopplerDocument*`; released when the handle goes away.
    final class DocumentHandle {
        let raw: RawDocument
        init(_ raw: RawDocument) { self.raw = raw }
        deinit { g_object_unref(gpointer(raw)) }
    }

    /// What poppler said when opening failed.
    enum OpenFailure: Error {
        case encrypted(String)
        case damaged(String)
        case other(String)
    }

    // MARK: Opening

    /// Opens a document by URI built from an absolute path (`#`, spaces and CJK names work).
    static func openDocument(absolutePath: String, password: String?) -> Result<DocumentHandle, OpenFailure> {
        var uriError: UnsafeMutablePointer<GError>?
        guard let uriPointer = g_filename_to_uri(absolutePath, nil, &uriError) else {
            return .failure(.other(takeMessage(uriError) ?? "cannot build a URI from \(absolutePath)"))
        }
        defer { g_free(uriPointer) }
        var error: UnsafeMutablePointer<GError>?
        let document = poppler_document_new_from_file(uriPointer, password, &error)
        return wrap(document, error)
    }

    /// Opens a document from bytes in memory.
    static func openDocument(bytes: [UInt8], password: String?) -> Result<DocumentHandle, OpenFailure> {
        let gbytes = bytes.withUnsafeBytes { buffer in
            g_bytes_new(buffer.baseAddress, gsize(buffer.count))
        }
        defer { g_bytes_unref(gbytes) }
        var error: UnsafeMutablePointer<GError>?
        let document = poppler_document_new_from_bytes(gbytes, password, &error)
        return wrap(document, error)
    }

    private static func wrap(
        _ document: RawDocument?, _ error: UnsafeMutablePointer<GError>?
    ) -> Result<DocumentHandle, OpenFailure> {
        if let document {
            if let error { g_error_free(error) }
            return .success(DocumentHandle(document))
        }
        let code = error?.pointee.code ?? -1
        let domain = error?.pointee.domain ?? 0
        let message = takeMessage(error) ?? "poppler could not open the document"
        if domain == poppler_error_quark() {
            switch code {
            case Int32(POPPLER_ERROR_ENCRYPTED.rawValue): return .failure(.encrypted(message))
            case Int32(POPPLER_ERROR_DAMAGED.rawValue), Int32(POPPLER_ERROR_BAD_CATALOG.rawValue),
                Int32(POPPLER_ERROR_INVALID.rawValue):
                return .failure(.damaged(message))
            default: break
            }
        }
        return .failure(.other(message))
    }

    /// Copies a GError's message and frees the error.
    private static func takeMessage(_ error: UnsafeMutablePointer<GError>?) -> String? {
        guard let error else { return nil }
        defer { g_error_free(error) }
        guard let message = error.pointee.message else { return nil }
        return String(cString: message)
    }

    /// Takes ownership of a transfer-full `gchar*`.
    private static func takeString(_ pointer: UnsafeMutablePointer<gchar>?) -> String? {
        guard let pointer else { return nil }
        defer { g_free(pointer) }
        return String(cString: pointer)
    }

    // MARK: Document

    static func pageCount(_ document: DocumentHandle) -> Int {
        Int(poppler_document_get_n_pages(document.raw))
    }

    static func metadata(_ document: DocumentHandle) -> (
        producer: String?, creator: String?, title: String?, version: String?
    ) {
        (
            takeString(poppler_document_get_producer(document.raw)),
            takeString(poppler_document_get_creator(document.raw)),
            takeString(poppler_document_get_title(document.raw)),
            takeString(poppler_document_get_pdf_version_string(document.raw))
        )
    }

    /// Runs `body` with a page of the document, releasing the page afterwards. Returns `nil` when
    /// poppler has no such page.
    static func withPage<T>(_ document: DocumentHandle, index: Int, _ body: (OpaquePointer) throws -> T) rethrows -> T?
    {
        guard let page = poppler_document_get_page(document.raw, Int32(index)) else { return nil }
        defer { g_object_unref(gpointer(page)) }
        return try body(page)
    }

    // MARK: Page

    /// The page size in display space (after the page's /Rotate), in points.
    static func displaySize(_ page: OpaquePointer) -> (width: Double, height: Double) {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        return (width, height)
    }

    /// The crop box in the unrotated space of the page description.
    static func cropBox(_ page: OpaquePointer) -> Rect {
        var rect = PopplerRectangle()
        poppler_page_get_crop_box(page, &rect)
        return Rect(
            x0: min(rect.x1, rect.x2), y0: min(rect.y1, rect.y2), x1: max(rect.x1, rect.x2), y1: max(rect.y1, rect.y2))
    }

    /// The page's characters: poppler's text, its per-character layout rectangles and the font runs.
    ///
    /// Rectangles are paired with the text's `unicodeScalars` (poppler counts characters, not
    /// UTF-8 bytes or grapheme clusters). Whitespace that poppler inserts between words and lines is
    /// dropped: word and line breaks are rebuilt from geometry by the layout stage.
    static func glyphs(_ page: OpaquePointer) -> (glyphs: [Glyph], fonts: [String], pairedExactly: Bool) {
        guard let textPointer = poppler_page_get_text(page) else { return ([], [], true) }
        defer { g_free(textPointer) }
        // The text is decoded straight from poppler's UTF-8 buffer (invalid bytes become U+FFFD,
        // as String(cString:) would make them), without building a String first.
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(textPointer).assumingMemoryBound(to: UInt8.self), count: strlen(textPointer))

        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var rectangleCount: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &rectangleCount) != 0, let rectangles else {
            return ([], [], String(decoding: bytes, as: UTF8.self).unicodeScalars.allSatisfy(isWhitespace))
        }
        defer { g_free(rectangles) }

        let (runs, fonts) = fontRuns(page)
        let limit = Int(rectangleCount)
        var glyphs: [Glyph] = []
        glyphs.reserveCapacity(limit)
        var runIndex = 0
        var index = 0
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        decoding: while true {
            let scalar: Unicode.Scalar
            switch decoder.decode(&iterator) {
            case .scalarValue(let value): scalar = value
            case .emptyInput: break decoding
            case .error: scalar = "\u{FFFD}"
            }
            defer { index += 1 }
            guard index < limit else { continue }
            if isWhitespace(scalar) { continue }
            while runIndex < runs.count && runs[runIndex].end < index { runIndex += 1 }
            let r = rectangles[index]
            let box = Rect(x0: min(r.x1, r.x2), y0: min(r.y1, r.y2), x1: max(r.x1, r.x2), y1: max(r.y1, r.y2))
            if runIndex < runs.count && runs[runIndex].start <= index {
                let run = runs[runIndex]
                glyphs.append(
                    Glyph(scalar: scalar, box: box, fontIndex: run.fontIndex, fontSize: run.size, color: run.color))
            } else {
                glyphs.append(Glyph(scalar: scalar, box: box, fontIndex: -1, fontSize: 0, color: 0))
            }
        }
        return (glyphs, fonts, index == limit)
    }

    /// Unicode's White_Space property, without the property-table lookup that costs more than the
    /// rest of the glyph conversion.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// A font run over character offsets `start...end` of the page text.
    struct FontRun {
        var start: Int
        var end: Int
        var fontIndex: Int
        var size: Double
        var color: UInt32
    }

    /// The page's font runs, with font names interned into a per-page list.
    private static func fontRuns(_ page: OpaquePointer) -> ([FontRun], [String]) {
        guard let list = poppler_page_get_text_attributes(page) else { return ([], []) }
        defer { poppler_page_free_text_attributes(list) }
        var runs: [FontRun] = []
        var fonts: [String] = []
        var fontIndex: [String: Int] = [:]
        var previousName: UnsafeMutablePointer<gchar>?
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let data = current.pointee.data {
                let attributes = data.assumingMemoryBound(to: PopplerTextAttributes.self).pointee
                let index: Int
                // Runs mostly repeat the previous run's font: compare the C strings before
                // building a Swift string.
                if let previous = previousName, let current = attributes.font_name, strcmp(previous, current) == 0,
                    let last = runs.last
                {
                    index = last.fontIndex
                } else if let known = fontIndex[attributes.font_name.map { String(cString: $0) } ?? ""] {
                    index = known
                } else {
                    let name = attributes.font_name.map { String(cString: $0) } ?? ""
                    index = fonts.count
                    fonts.append(name)
                    fontIndex[name] = index
                }
                previousName = attributes.font_name
                runs.append(
                    FontRun(
                        start: Int(attributes.start_index), end: Int(attributes.end_index),
                        fontIndex: index, size: attributes.font_size,
                        color: UInt32(attributes.color.red >> 8) << 16 | UInt32(attributes.color.green >> 8) << 8
                            | UInt32(attributes.color.blue >> 8)))
            }
            node = current.pointee.next
        }
        return (runs, fonts)
    }

    /// The number of raster images drawn on the page, and the share of the page they cover.
    static func imageCoverage(_ page: OpaquePointer, pageArea: Double) -> (count: Int, coveredFraction: Double) {
        guard let list = poppler_page_get_image_mapping(page) else { return (0, 0) }
        defer { poppler_page_free_image_mapping(list) }
        var count = 0
        var largest = 0.0
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let data = current.pointee.data {
                let area = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                largest = max(largest, abs((area.x2 - area.x1) * (area.y2 - area.y1)))
                count += 1
            }
            node = current.pointee.next
        }
        return (count, pageArea > 0 ? min(1, largest / pageArea) : 0)
    }

    // MARK: Rendering

    /// Renders a region of the page (display space, points) at `scale` pixels per point onto a
    /// white background. Returns 0x00RRGGBB pixels, row-major.
    static func render(_ page: OpaquePointer, region: Rect, scale: Double) -> RenderedImage {
        let width = max(1, Int((region.width * scale).rounded(.up)))
        let height = max(1, Int((region.height * scale).rounded(.up)))
        let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height))
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)
        // poppler leaves the background transparent: paint white first.
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, scale, scale)
        cairo_translate(context, -region.x0, -region.y0)
        poppler_page_render(page, context)
        cairo_destroy(context)
        cairo_surface_flush(surface)

        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else {
            return RenderedImage(width: width, height: height, pixels: [UInt32](repeating: 0, count: width * height))
        }
        return image(from: UnsafeRawPointer(data), stride: stride, width: width, height: height)
    }

    /// The pixels of a cairo RGB24 buffer (rows `stride` bytes apart) as 0x00RRGGBB.
    private static func image(from data: UnsafeRawPointer, stride: Int, width: Int, height: Int) -> RenderedImage {
        var pixels = [UInt32](repeating: 0, count: width * height)
        pixels.withUnsafeMutableBufferPointer { out in
            for row in 0..<height {
                let source = (data + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<width { out[row * width + column] = source[column] & 0x00FF_FFFF }
            }
        }
        return RenderedImage(width: width, height: height, pixels: pixels)
    }

    /// The pixels as a cairo RGB24 buffer, and its stride.
    private static func cairoBuffer(_ image: RenderedImage) -> (bytes: [UInt8], stride: Int) {
        let stride = Int(cairo_format_stride_for_width(CAIRO_FORMAT_RGB24, Int32(image.width)))
        var buffer = [UInt8](repeating: 0, count: stride * image.height)
        buffer.withUnsafeMutableBytes { raw in
            for row in 0..<image.height {
                let target = (raw.baseAddress! + row * stride).assumingMemoryBound(to: UInt32.self)
                for column in 0..<image.width { target[column] = image.pixels[row * image.width + column] }
            }
        }
        return (buffer, stride)
    }

    /// Encodes pixels as PNG through cairo.
    static func pngData(_ image: RenderedImage) -> [UInt8] {
        var (buffer, stride) = cairoBuffer(image)
        final class Sink { var bytes: [UInt8] = [] }
        let sink = Sink()
        buffer.withUnsafeMutableBytes { raw in
            let surface = cairo_image_surface_create_for_data(
                raw.baseAddress!.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_RGB24,
                Int32(image.width), Int32(image.height), Int32(stride))
            defer { cairo_surface_destroy(surface) }
            let closure = Unmanaged.passUnretained(sink).toOpaque()
            cairo_surface_write_to_png_stream(
                surface,
                { closure, data, length in
                    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
                    let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
                    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                    return CAIRO_STATUS_SUCCESS
                }, closure)
        }
        return sink.bytes
    }

    // MARK: Drawing over a rendered page

    /// Draws `marks` over the pixels (marks in display-space points; the image shows the region
    /// whose top-left corner is `origin`, at `scale` pixels per point).
    static func draw(_ marks: [OverlayMark], on image: RenderedImage, scale: Double, origin: (x: Double, y: Double))
        -> RenderedImage
    {
        var (buffer, stride) = cairoBuffer(image)
        buffer.withUnsafeMutableBytes { raw in
            let surface = cairo_image_surface_create_for_data(
                raw.baseAddress!.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_RGB24,
                Int32(image.width), Int32(image.height), Int32(stride))
            defer { cairo_surface_destroy(surface) }
            let context = cairo_create(surface)
            defer { cairo_destroy(context) }
            cairo_scale(context, scale, scale)
            cairo_translate(context, -origin.x, -origin.y)
            // A CJK face through fontconfig (the toy API: enough for labels).
            cairo_select_font_face(context, "WenQuanYi Micro Hei", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            func colour(_ rgb: UInt32, _ alpha: Double) {
                cairo_set_source_rgba(
                    context, Double((rgb >> 16) & 0xFF) / 255, Double((rgb >> 8) & 0xFF) / 255,
                    Double(rgb & 0xFF) / 255,
                    alpha)
            }
            for mark in marks {
                switch mark {
                case .outline(let box, let rgb, let width):
                    colour(rgb, 1)
                    cairo_set_line_width(context, width)
                    cairo_rectangle(context, box.x0, box.y0, box.width, box.height)
                    cairo_stroke(context)
                case .fill(let box, let rgb, let alpha):
                    colour(rgb, alpha)
                    cairo_rectangle(context, box.x0, box.y0, box.width, box.height)
                    cairo_fill(context)
                case .text(let text, let x, let y, let size, let rgb):
                    colour(rgb, 1)
                    cairo_set_font_size(context, size)
                    cairo_move_to(context, x, y)
                    cairo_show_text(context, text)
                }
            }
            cairo_surface_flush(surface)
        }
        return buffer.withUnsafeBytes { raw in
            Self.image(from: raw.baseAddress!, stride: stride, width: image.width, height: image.height)
        }
    }
}

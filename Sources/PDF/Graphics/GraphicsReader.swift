import Basics

/// Reads the painted rules of a document's pages from its bytes (docs/graphics.md): the page
/// tree, the content streams and form XObjects they call. One per document, built on first use;
/// not thread-safe (``PDFDocument`` keeps it behind a lock).
final class GraphicsReader {
    /// A leaf of the page tree with what it inherits.
    struct PageEntry {
        var dictionary: [String: PDFObject]
        var resources: [String: PDFObject]
        var mediaBox: Rect?
        var cropBox: Rect?
        var rotate: Int
    }

    let store: ObjectStore
    private(set) lazy var pages: [PageEntry] = collectPages()
    /// Decoded form XObjects by object number (`nil`: unreadable, with its reason).
    private var forms: [Int: (data: [UInt8]?, reason: String?)] = [:]
    /// Why the file's streams cannot be decrypted; nil when they are not encrypted or can be.
    let locked: String?

    /// `password`: the one the document was opened with (the empty user password otherwise).
    init(bytes: [UInt8], password: String? = nil) {
        store = ObjectStore(bytes: bytes)
        guard let encrypt = store.trailer["Encrypt"] else {
            locked = nil
            return
        }
        var id: [UInt8] = []
        if case .string(let first) = store.trailer["ID"].map(store.resolve)?.array?.first.map(store.resolve) {
            id = first
        }
        switch Decryption.make(
            encrypt: store.resolve(encrypt).dictionary ?? [:], id: id, password: Array((password ?? "").utf8),
            resolve: store.resolve)
        {
        case .success(let decryption):
            store.decryption = decryption
            locked = nil
        case .failure(let failure):
            locked = failure.reason
        }
    }

    func resolve(_ object: PDFObject) -> PDFObject { store.resolve(object) }

    func dictionary(_ object: PDFObject?) -> [String: PDFObject]? {
        object.map(resolve)?.dictionary
    }

    // MARK: Page tree

    private func collectPages() -> [PageEntry] {
        guard let root = dictionary(store.catalog?["Pages"]) else { return [] }
        var result: [PageEntry] = []
        var visited: Set<Int> = []
        var steps = 0
        func walk(
            _ node: [String: PDFObject], resources: [String: PDFObject]?, media: Rect?, crop: Rect?, rotate: Int?,
            depth: Int
        ) {
            steps += 1
            guard depth < 64, steps < 1_000_000 else { return }
            let resources = dictionary(node["Resources"]) ?? resources
            let media = rect(node["MediaBox"]) ?? media
            let crop = rect(node["CropBox"]) ?? crop
            let rotate = node["Rotate"].map(resolve)?.integer ?? rotate
            let kids = node["Kids"].map(resolve)?.array
            if let kids, node["Type"].map(resolve)?.name != "Page" {
                for kid in kids {
                    if case .reference(let number, _) = kid {
                        guard !visited.contains(number) else { continue }
                        visited.insert(number)
                    }
                    guard let child = dictionary(kid) else { continue }
                    walk(child, resources: resources, media: media, crop: crop, rotate: rotate, depth: depth + 1)
                }
            } else {
                result.append(
                    PageEntry(
                        dictionary: node, resources: resources ?? [:], mediaBox: media, cropBox: crop,
                        rotate: rotate ?? 0))
            }
        }
        walk(root, resources: nil, media: nil, crop: nil, rotate: nil, depth: 0)
        return result
    }

    func rect(_ object: PDFObject?) -> Rect? {
        guard let items = object.map(resolve)?.array, items.count == 4 else { return nil }
        let values = items.compactMap { resolve($0).number }
        guard values.count == 4, values.allSatisfy(\.isFinite) else { return nil }
        return Rect(
            x0: min(values[0], values[2]), y0: min(values[1], values[3]), x1: max(values[0], values[2]),
            y1: max(values[1], values[3]))
    }

    // MARK: Streams

    /// The decoded bytes of a stream, or why they cannot be read.
    func decode(_ stream: PDFStream) -> (data: [UInt8]?, reason: String?) {
        if let locked { return (nil, locked) }
        do {
            return (try store.decode(stream), nil)
        } catch {
            return (nil, error.reason)
        }
    }

    /// A form XObject's decoded content, decoded once per document.
    func formData(_ number: Int, _ stream: PDFStream) -> (data: [UInt8]?, reason: String?) {
        if let cached = forms[number] { return cached }
        let decoded = decode(stream)
        forms[number] = decoded
        return decoded
    }

    // MARK: Reading a page

    /// The page's painted boxes; `number` is 1-based.
    func graphics(page number: Int) -> PageGraphics {
        if let locked { return PageGraphics(boxes: [], unreadable: locked) }
        guard number >= 1 && number <= pages.count else {
            return PageGraphics(boxes: [], unreadable: "page \(number) is not in the page tree")
        }
        let page = pages[number - 1]
        let media = page.mediaBox ?? Rect(x0: 0, y0: 0, x1: 612, y1: 792)
        var crop = page.cropBox ?? media
        // poppler clips the crop box to the media box.
        let clipped = Rect(
            x0: max(crop.x0, media.x0), y0: max(crop.y0, media.y0), x1: min(crop.x1, media.x1),
            y1: min(crop.y1, media.y1))
        if clipped.width > 0 && clipped.height > 0 { crop = clipped }
        var content: [UInt8] = []
        var reasons: [String] = []
        var streams: [PDFObject] = []
        switch page.dictionary["Contents"].map(resolve) {
        case .array(let items): streams = items.map(resolve)
        case .some(let object): streams = [object]
        case nil: break
        }
        for object in streams {
            guard let stream = object.stream else { continue }
            let decoded = decode(stream)
            if let data = decoded.data {
                content.append(contentsOf: data)
                content.append(32)
            } else if let reason = decoded.reason {
                reasons.append("content stream: \(reason)")
            }
        }
        var interpreter = ContentInterpreter(
            reader: self, initial: Self.displayMatrix(crop: crop, rotate: page.rotate))
        interpreter.run(content, resources: page.resources, depth: 0)
        reasons.append(contentsOf: interpreter.problems)
        return PageGraphics(
            boxes: interpreter.boxes, unreadable: reasons.isEmpty ? nil : reasons.joined(separator: "; "))
    }

    /// The matrix from the page's default user space to poppler's display space: origin at the
    /// top-left of the crop box after `/Rotate` (a clockwise quarter turn per 90), y down.
    static func displayMatrix(crop: Rect, rotate: Int) -> Matrix {
        switch ((rotate % 360) + 360) % 360 {
        case 90: return Matrix(a: 0, b: 1, c: 1, d: 0, e: -crop.y0, f: -crop.x0)
        case 180: return Matrix(a: -1, b: 0, c: 0, d: 1, e: crop.x1, f: -crop.y0)
        case 270: return Matrix(a: 0, b: -1, c: -1, d: 0, e: crop.y1, f: crop.x1)
        default: return Matrix(a: 1, b: 0, c: 0, d: -1, e: -crop.x0, f: crop.y1)
        }
    }
}

/// An affine map as PDF writes it: `x' = a·x + c·y + e`, `y' = b·x + d·y + f`.
struct Matrix {
    var a, b, c, d, e, f: Double

    static let identity = Matrix(a: 1, b: 0, c: 0, d: 1, e: 0, f: 0)

    /// `self` applied first, then `other` (`cm` makes the CTM `M × CTM`).
    func then(_ other: Matrix) -> Matrix {
        Matrix(
            a: a * other.a + b * other.c, b: a * other.b + b * other.d,
            c: c * other.a + d * other.c, d: c * other.b + d * other.d,
            e: e * other.a + f * other.c + other.e, f: e * other.b + f * other.d + other.f)
    }

    @inline(__always) func apply(_ x: Double, _ y: Double) -> (Double, Double) {
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// The mean scale (the square root of the area factor), for line widths.
    var meanScale: Double { (abs(a * d - b * c)).squareRoot() }
}

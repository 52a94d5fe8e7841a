import Basics

/// A colour space, as far as the luminance of its paint goes.
indirect enum ColorSpace {
    case gray
    case rgb
    case cmyk
    /// CIE L*a*b*: the luminance is L*/100.
    case lab
    case indexed(base: ColorSpace, high: Int, lookup: [UInt8])
    /// Separation and DeviceN: the paint is an ink of unknown colour; its luminance is taken as
    /// 1 − tint (no ink is white, full ink black), which keeps white cells from looking dark.
    case ink
    /// Pattern and anything unknown: treated as black (0.0), the colour of most rules.
    case unknown

    var initialGray: Double {
        switch self {
        case .cmyk, .ink: return 1  // no ink
        default: return 0
        }
    }

    var components: Int {
        switch self {
        case .gray, .indexed, .unknown, .ink: return 1
        case .rgb, .lab: return 3
        case .cmyk: return 4
        }
    }

    /// Rec. 601 luminance, as ``RenderedImage/luminance()`` weighs pixels (white is exactly 1).
    private func luminance(_ red: Double, _ green: Double, _ blue: Double) -> Double {
        func clamp(_ value: Double) -> Double { value.isFinite ? min(1, max(0, value)) : 0 }
        return clamp((299 * clamp(red) + 587 * clamp(green) + 114 * clamp(blue)) / 1000)
    }

    /// The luminance 0 … 1 of `values` in this space.
    func gray(_ values: ArraySlice<Double>) -> Double {
        func clamp(_ value: Double) -> Double { value.isFinite ? min(1, max(0, value)) : 0 }
        let first = values.first ?? 0
        switch self {
        case .gray:
            return clamp(first)
        case .rgb:
            guard values.count >= 3 else { return clamp(first) }
            let start = values.startIndex
            return luminance(values[start], values[start + 1], values[start + 2])
        case .cmyk:
            guard values.count >= 4 else { return clamp(1 - first) }
            let start = values.startIndex
            let k = clamp(values[start + 3])
            let red = (1 - clamp(values[start])) * (1 - k)
            let green = (1 - clamp(values[start + 1])) * (1 - k)
            let blue = (1 - clamp(values[start + 2])) * (1 - k)
            return luminance(red, green, blue)
        case .lab:
            return clamp(first / 100)
        case .indexed(let base, let high, let lookup):
            guard first.isFinite else { return 0 }
            let index = max(0, min(high, Int(first.rounded())))
            let count = base.components
            let start = index * count
            guard start + count <= lookup.count else { return 0 }
            let components = lookup[start..<(start + count)].map { Double($0) / 255 }
            if case .lab = base { return clamp(components[0] * 255 / 100) }
            return base.gray(components[...])
        case .ink:
            return clamp(1 - (values.max() ?? 1))
        case .unknown:
            return 0
        }
    }
}

/// The graphics state the reader follows.
struct GraphicsState {
    var ctm: Matrix
    var lineWidth = 1.0
    var lineCap = 0
    var strokeSpace = ColorSpace.gray
    var fillSpace = ColorSpace.gray
    var strokeGray = 0.0
    var fillGray = 0.0
    /// The clip, in display space, as far as it is followed: rectangular clips exactly, any
    /// other clip (without curves) as its bounding box, which never hides what is painted.
    var clip: Rect?
}

/// Interprets content streams for path painting only (ISO 32000-1 §8): path construction and
/// painting, the CTM, line width and cap, colours, and form XObjects. Text, images, shadings,
/// marked content and every unknown operator are consumed and ignored; clipping is ignored.
struct ContentInterpreter {
    let reader: GraphicsReader
    var state: GraphicsState
    var stack: [GraphicsState] = []
    var boxes: [PaintedBox] = []
    var problems: [String] = []

    // The current path, in display space: points, whether the segment ending at each point is a
    // curve, and where each subpath starts and whether it was closed.
    private var xs: [Double] = []
    private var ys: [Double] = []
    private var curved: [Bool] = []
    private var starts: [Int] = []
    private var closed: [Bool] = []

    // Operands of the operator being read.
    private var numbers: [Double] = []
    private var nameStart = -1
    private var nameEnd = -1
    private var operandCount = 0

    /// Bounds on nesting and work: form XObjects may call forms to this depth, and the saved
    /// graphics states are capped (a `q` beyond it is counted but not saved).
    static let maximumFormDepth = 12
    static let maximumStack = 256
    private var activeForms: Set<Int> = []
    private var lostSaves = 0
    /// `W` or `W*` seen: the current path becomes a clip at the next painting operator.
    private var pendingClip = false

    init(reader: GraphicsReader, initial: Matrix) {
        self.reader = reader
        state = GraphicsState(ctm: initial)
        numbers.reserveCapacity(16)
    }

    // MARK: Operators

    /// Operator codes: the operator's bytes (up to three), little-endian. Literals, not `static let`s,
    /// so that the dispatch in ``run(_:resources:depth:)`` compares constants.
    private enum Op {
        static var q: UInt32 { 0x71 }  // q
        static var Q: UInt32 { 0x51 }  // Q
        static var cm: UInt32 { 0x6D63 }  // cm
        static var w: UInt32 { 0x77 }  // w
        static var J: UInt32 { 0x4A }  // J
        static var re: UInt32 { 0x6572 }  // re
        static var m: UInt32 { 0x6D }  // m
        static var l: UInt32 { 0x6C }  // l
        static var c: UInt32 { 0x63 }  // c
        static var v: UInt32 { 0x76 }  // v
        static var y: UInt32 { 0x79 }  // y
        static var h: UInt32 { 0x68 }  // h
        static var S: UInt32 { 0x53 }  // S
        static var s: UInt32 { 0x73 }  // s
        static var f: UInt32 { 0x66 }  // f
        static var F: UInt32 { 0x46 }  // F
        static var fStar: UInt32 { 0x2A66 }  // f*
        static var B: UInt32 { 0x42 }  // B
        static var BStar: UInt32 { 0x2A42 }  // B*
        static var b: UInt32 { 0x62 }  // b
        static var bStar: UInt32 { 0x2A62 }  // b*
        static var n: UInt32 { 0x6E }  // n
        static var g: UInt32 { 0x67 }  // g
        static var G: UInt32 { 0x47 }  // G
        static var rg: UInt32 { 0x6772 }  // rg
        static var RG: UInt32 { 0x4752 }  // RG
        static var k: UInt32 { 0x6B }  // k
        static var K: UInt32 { 0x4B }  // K
        static var cs: UInt32 { 0x7363 }  // cs
        static var CS: UInt32 { 0x5343 }  // CS
        static var sc: UInt32 { 0x6373 }  // sc
        static var SC: UInt32 { 0x4353 }  // SC
        static var scn: UInt32 { 0x6E6373 }  // scn
        static var SCN: UInt32 { 0x4E4353 }  // SCN
        static var Do: UInt32 { 0x6F44 }  // Do
        static var BI: UInt32 { 0x4942 }  // BI
        static var W: UInt32 { 0x57 }  // W
        static var WStar: UInt32 { 0x2A57 }  // W*
    }

    /// Runs `content` with `resources`.
    mutating func run(_ content: [UInt8], resources: [String: PDFObject], depth: Int) {
        var lexer = PDFLexer(bytes: content)
        let bytes = content
        var steps = 0
        while true {
            lexer.skipWhitespace()
            guard lexer.position < lexer.end else { break }
            steps += 1
            if steps > 50_000_000 {
                problems.append("content stream too long")
                break
            }
            let byte = bytes[lexer.position]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
                if let number = lexer.readNumber()?.number {
                    if numbers.count < 64 { numbers.append(number) }
                    operandCount += 1
                } else {
                    lexer.position += 1
                }
            case UInt8(ascii: "/"):
                nameStart = lexer.position + 1
                lexer.position += 1
                while lexer.position < lexer.end && PDFBytes.isRegular(bytes[lexer.position]) { lexer.position += 1 }
                nameEnd = lexer.position
                operandCount += 1
            case UInt8(ascii: "("):
                lexer.skipLiteralString()
                operandCount += 1
            case UInt8(ascii: "<"):
                if lexer.peek(1) == UInt8(ascii: "<") {
                    skipNested(&lexer, dictionary: true)
                } else {
                    while lexer.position < lexer.end && bytes[lexer.position] != UInt8(ascii: ">") {
                        lexer.position += 1
                    }
                    lexer.position += 1
                }
                operandCount += 1
            case UInt8(ascii: "["):
                skipNested(&lexer, dictionary: false)
                operandCount += 1
            case UInt8(ascii: "]"), UInt8(ascii: ">"), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"):
                lexer.position += 1
            default:
                let start = lexer.position
                while lexer.position < lexer.end && PDFBytes.isRegular(bytes[lexer.position]) { lexer.position += 1 }
                let length = lexer.position - start
                var code: UInt32 = 0xFFFF_FFFF
                if length >= 1 && length <= 3 {
                    code = 0
                    for index in 0..<length { code |= UInt32(bytes[start + index]) << (8 * UInt32(index)) }
                }
                if code == Op.BI {
                    skipInlineImage(&lexer)
                } else {
                    execute(code, bytes: bytes, resources: resources, depth: depth)
                }
                numbers.removeAll(keepingCapacity: true)
                nameStart = -1
                operandCount = 0
            }
        }
    }

    private mutating func execute(_ code: UInt32, bytes: [UInt8], resources: [String: PDFObject], depth: Int) {
        let count = numbers.count
        switch code {
        case Op.m:
            guard count >= 2 else { return }
            moveTo(numbers[count - 2], numbers[count - 1])
        case Op.l:
            guard count >= 2 else { return }
            lineTo(numbers[count - 2], numbers[count - 1], curve: false)
        case Op.c:
            guard count >= 6 else { return }
            lineTo(numbers[count - 2], numbers[count - 1], curve: true)
        case Op.v, Op.y:
            guard count >= 4 else { return }
            lineTo(numbers[count - 2], numbers[count - 1], curve: true)
        case Op.h:
            closePath()
        case Op.re:
            guard count >= 4 else { return }
            let x = numbers[count - 4]
            let y = numbers[count - 3]
            let width = numbers[count - 2]
            let height = numbers[count - 1]
            moveTo(x, y)
            lineTo(x + width, y, curve: false)
            lineTo(x + width, y + height, curve: false)
            lineTo(x, y + height, curve: false)
            closePath()
        case Op.S: paint(stroke: true, fill: false, close: false)
        case Op.s: paint(stroke: true, fill: false, close: true)
        case Op.f, Op.F, Op.fStar: paint(stroke: false, fill: true, close: false)
        case Op.B, Op.BStar: paint(stroke: true, fill: true, close: false)
        case Op.b, Op.bStar: paint(stroke: true, fill: true, close: true)
        case Op.n:
            applyPendingClip()
            clearPath()
        case Op.W, Op.WStar: pendingClip = true
        case Op.q:
            if stack.count < Self.maximumStack { stack.append(state) } else { lostSaves += 1 }
        case Op.Q:
            if lostSaves > 0 {
                lostSaves -= 1
            } else if let saved = stack.popLast() {
                state = saved
            }
        case Op.cm:
            guard count >= 6 else { return }
            let matrix = Matrix(
                a: numbers[count - 6], b: numbers[count - 5], c: numbers[count - 4], d: numbers[count - 3],
                e: numbers[count - 2], f: numbers[count - 1])
            guard [matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f].allSatisfy(\.isFinite) else { return }
            state.ctm = matrix.then(state.ctm)
        case Op.w:
            if let width = numbers.last, width.isFinite { state.lineWidth = abs(width) }
        case Op.J:
            if let cap = numbers.last, cap.isFinite { state.lineCap = Int(cap) }
        case Op.g: setColor(.gray, stroke: false)
        case Op.G: setColor(.gray, stroke: true)
        case Op.rg: setColor(.rgb, stroke: false)
        case Op.RG: setColor(.rgb, stroke: true)
        case Op.k: setColor(.cmyk, stroke: false)
        case Op.K: setColor(.cmyk, stroke: true)
        case Op.cs, Op.CS:
            let space = colorSpace(named: name(bytes), resources: resources)
            setColor(space, stroke: code == Op.CS, gray: space.initialGray)
        case Op.sc, Op.scn:
            state.fillGray = paintGray(in: state.fillSpace)
        case Op.SC, Op.SCN:
            state.strokeGray = paintGray(in: state.strokeSpace)
        case Op.Do:
            guard nameStart >= 0 else { return }
            drawXObject(name(bytes), resources: resources, depth: depth)
        default:
            break
        }
    }

    /// Sets the stroke or fill colour space and the luminance of its paint: `gray`, or the one
    /// the operands give in `space` (`g`, `rg`, `k` and their stroking forms).
    private mutating func setColor(_ space: ColorSpace, stroke: Bool, gray: Double? = nil) {
        let value = gray ?? space.gray(numbers.suffix(space.components))
        if stroke {
            state.strokeSpace = space
            state.strokeGray = value
        } else {
            state.fillSpace = space
            state.fillGray = value
        }
    }

    /// The last name operand.
    private func name(_ bytes: [UInt8]) -> String {
        guard nameStart >= 0, nameEnd >= nameStart, nameEnd <= bytes.count else { return "" }
        let slice = bytes[nameStart..<nameEnd]
        if !slice.contains(UInt8(ascii: "#")) { return String(decoding: slice, as: UTF8.self) }
        var lexer = PDFLexer(bytes: bytes, position: nameStart - 1, end: nameEnd)
        return lexer.readName()
    }

    /// The colour set by `sc`/`scn` in `space`: a pattern name alone (no numbers) is treated as black.
    private func paintGray(in space: ColorSpace) -> Double {
        guard !numbers.isEmpty else { return 0 }
        if case .ink = space { return space.gray(numbers[...]) }
        return space.gray(numbers.suffix(space.components))
    }

    // MARK: Colour spaces

    private func colorSpace(named name: String, resources: [String: PDFObject]) -> ColorSpace {
        switch name {
        case "DeviceGray", "G", "CalGray": return .gray
        case "DeviceRGB", "RGB", "CalRGB": return .rgb
        case "DeviceCMYK", "CMYK": return .cmyk
        case "Pattern": return .unknown
        default:
            guard let definition = reader.dictionary(resources["ColorSpace"])?[name] else { return .unknown }
            return colorSpace(reader.resolve(definition), depth: 0)
        }
    }

    private func colorSpace(_ object: PDFObject, depth: Int) -> ColorSpace {
        guard depth < 8 else { return .unknown }
        if let name = object.name {
            switch name {
            case "DeviceGray", "G", "CalGray": return .gray
            case "DeviceRGB", "RGB", "CalRGB": return .rgb
            case "DeviceCMYK", "CMYK": return .cmyk
            default: return .unknown
            }
        }
        guard let items = object.array, let family = items.first.map(reader.resolve)?.name else { return .unknown }
        switch family {
        case "DeviceGray", "G", "CalGray": return .gray
        case "DeviceRGB", "RGB", "CalRGB": return .rgb
        case "DeviceCMYK", "CMYK": return .cmyk
        case "Lab": return .lab
        case "ICCBased":
            guard items.count >= 2, let stream = reader.resolve(items[1]).dictionary else { return .unknown }
            switch stream["N"].map(reader.resolve)?.integer {
            case 1: return .gray
            case 3: return .rgb
            case 4: return .cmyk
            default: return .unknown
            }
        case "Indexed", "I":
            guard items.count >= 4 else { return .unknown }
            let base = colorSpace(reader.resolve(items[1]), depth: depth + 1)
            let high = max(0, min(reader.resolve(items[2]).integer ?? 0, 255))
            var lookup: [UInt8] = []
            switch reader.resolve(items[3]) {
            case .string(let bytes): lookup = bytes
            case .stream(let stream): lookup = reader.decode(stream).data ?? []
            default: break
            }
            return .indexed(base: base, high: high, lookup: lookup)
        case "Separation", "DeviceN": return .ink
        default: return .unknown
        }
    }

    // MARK: Form XObjects

    private mutating func drawXObject(_ name: String, resources: [String: PDFObject], depth: Int) {
        guard let reference = reader.dictionary(resources["XObject"])?[name] else { return }
        var number = -1
        if case .reference(let target, _) = reference { number = target }
        guard let stream = reader.resolve(reference).stream, stream.dictionary["Subtype"]?.name == "Form" else {
            return
        }
        guard depth < Self.maximumFormDepth, !activeForms.contains(number) || number < 0 else {
            problems.append("form XObject \(name) nested too deep or calls itself")
            return
        }
        let decoded = number >= 0 ? reader.formData(number, stream) : reader.decode(stream)
        guard let data = decoded.data else {
            problems.append("form XObject \(name): \(decoded.reason ?? "unreadable")")
            return
        }
        let formResources = reader.dictionary(stream.dictionary["Resources"]) ?? resources
        let saved = state
        let savedStack = stack
        if let matrix = stream.dictionary["Matrix"].map(reader.resolve)?.array,
            matrix.count == 6
        {
            let values = matrix.compactMap { reader.resolve($0).number }
            if values.count == 6, values.allSatisfy(\.isFinite) {
                state.ctm = Matrix(a: values[0], b: values[1], c: values[2], d: values[3], e: values[4], f: values[5])
                    .then(state.ctm)
            }
        }
        // The form is clipped to its /BBox (in form space).
        if let bbox = reader.rect(stream.dictionary["BBox"]) {
            let corners = [
                state.ctm.apply(bbox.x0, bbox.y0), state.ctm.apply(bbox.x1, bbox.y0), state.ctm.apply(bbox.x0, bbox.y1),
                state.ctm.apply(bbox.x1, bbox.y1),
            ]
            intersectClip(
                with: Rect(
                    x0: corners.map(\.0).min()!, y0: corners.map(\.1).min()!, x1: corners.map(\.0).max()!,
                    y1: corners.map(\.1).max()!))
        }
        // The form's path is its own (ISO 32000-1 §8.10.1); the caller's operands are spent.
        let savedPath = (xs, ys, curved, starts, closed)
        let savedPending = pendingClip
        pendingClip = false
        clearPath()
        numbers.removeAll(keepingCapacity: true)
        if number >= 0 { activeForms.insert(number) }
        run(data, resources: formResources, depth: depth + 1)
        if number >= 0 { activeForms.remove(number) }
        (xs, ys, curved, starts, closed) = savedPath
        pendingClip = savedPending
        state = saved
        stack = savedStack
    }

    // MARK: Skipping what is not drawing

    /// Skips a balanced `<< … >>` (`dictionary`) or `[ … ]` at the cursor; strings inside may
    /// hold brackets.
    private func skipNested(_ lexer: inout PDFLexer, dictionary: Bool) {
        let open = dictionary ? UInt8(ascii: "<") : UInt8(ascii: "[")
        let close = dictionary ? UInt8(ascii: ">") : UInt8(ascii: "]")
        let width = dictionary ? 2 : 1
        var depth = 0
        while lexer.position < lexer.end {
            let byte = lexer.bytes[lexer.position]
            let whole = width == 1 || lexer.peek(1) == byte
            if byte == open && whole {
                depth += 1
                lexer.position += width
            } else if byte == close && whole {
                depth -= 1
                lexer.position += width
                if depth <= 0 { return }
            } else if byte == UInt8(ascii: "(") {
                lexer.skipLiteralString()
            } else {
                lexer.position += 1
            }
        }
    }

    /// Skips `BI … ID data EI`. Uncompressed data has a length that the image dictionary gives
    /// (width × components × bits, rows padded to bytes), so `EI` bytes inside it do no harm; for
    /// filtered data the end is the first `EI` between white-space that is followed by
    /// something that reads as content (white-space and an operator or operand, or the end).
    private func skipInlineImage(_ lexer: inout PDFLexer) {
        var parameters: [String: PDFObject] = [:]
        while true {
            lexer.skipWhitespace()
            guard lexer.position < lexer.end else { return }
            if lexer.matches("ID") {
                lexer.position += 2
                break
            }
            guard lexer.bytes[lexer.position] == UInt8(ascii: "/") else {
                let before = lexer.position
                _ = lexer.readObject()
                if lexer.position == before { lexer.position += 1 }
                continue
            }
            let key = lexer.readName()
            if let value = lexer.readObject() { parameters[key] = value }
        }
        // One white-space byte separates ID from the data.
        if lexer.position < lexer.end && PDFBytes.isWhitespace(lexer.bytes[lexer.position]) { lexer.position += 1 }
        let start = lexer.position
        func value(_ long: String, _ short: String) -> PDFObject? { parameters[long] ?? parameters[short] }
        let filtered: Bool = {
            switch value("Filter", "F") {
            case .name: return true
            case .array(let items): return !items.isEmpty
            default: return false
            }
        }()
        if !filtered, let width = value("Width", "W")?.integer, let height = value("Height", "H")?.integer,
            width > 0, height > 0, width < 1 << 16, height < 1 << 16
        {
            let mask = value("ImageMask", "IM").map { if case .bool(true) = $0 { return true } else { return false } }
            let bits = mask == true ? 1 : max(1, min(value("BitsPerComponent", "BPC")?.integer ?? 8, 16))
            var components = 1
            if mask != true {
                switch value("ColorSpace", "CS") {
                case .name(let space) where ["DeviceRGB", "RGB", "CalRGB"].contains(space): components = 3
                case .name(let space) where ["DeviceCMYK", "CMYK"].contains(space): components = 4
                case .name(let space) where ["DeviceGray", "G", "CalGray", "Indexed", "I"].contains(space):
                    components = 1
                case .array(let items) where items.first?.name == "Indexed" || items.first?.name == "I":
                    components = 1
                default: break
                }
            }
            let length = ((width * components * bits + 7) / 8) * height
            var after = PDFLexer(bytes: lexer.bytes, position: start + length, end: lexer.end)
            after.skipWhitespace()
            if after.matches("EI") {
                lexer.position = after.position + 2
                return
            }
        }
        var index = start
        let bytes = lexer.bytes
        while index + 1 < lexer.end {
            if bytes[index] == UInt8(ascii: "E") && bytes[index + 1] == UInt8(ascii: "I")
                && (index == start || PDFBytes.isWhitespace(bytes[index - 1]))
                && (index + 2 == lexer.end || !PDFBytes.isRegular(bytes[index + 2]))
                && Self.looksLikeContent(bytes, from: index + 2, end: lexer.end)
            {
                lexer.position = index + 2
                return
            }
            index += 1
        }
        lexer.position = lexer.end
    }

    /// Whether the bytes after a candidate `EI` read as content: white-space, then the end or
    /// printable ASCII for the next 16 bytes.
    private static func looksLikeContent(_ bytes: [UInt8], from start: Int, end: Int) -> Bool {
        var index = start
        var seen = 0
        while index < end && seen < 16 {
            let byte = bytes[index]
            if !(PDFBytes.isWhitespace(byte) || (byte >= 32 && byte < 127)) { return false }
            index += 1
            seen += 1
        }
        return true
    }

    // MARK: Paths

    private mutating func moveTo(_ x: Double, _ y: Double) {
        let (px, py) = state.ctm.apply(x, y)
        // A moveto right after another replaces it.
        if let last = starts.last, last == xs.count - 1 {
            xs[last] = px
            ys[last] = py
            return
        }
        starts.append(xs.count)
        closed.append(false)
        xs.append(px)
        ys.append(py)
        curved.append(false)
    }

    private mutating func lineTo(_ x: Double, _ y: Double, curve: Bool) {
        if starts.isEmpty {
            // A segment without a current point: start the subpath there.
            moveTo(x, y)
            return
        }
        let (px, py) = state.ctm.apply(x, y)
        xs.append(px)
        ys.append(py)
        curved.append(curve)
    }

    private mutating func closePath() {
        guard !closed.isEmpty else { return }
        closed[closed.count - 1] = true
    }

    private mutating func clearPath() {
        xs.removeAll(keepingCapacity: true)
        ys.removeAll(keepingCapacity: true)
        curved.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        closed.removeAll(keepingCapacity: true)
    }

    /// Axis tolerance in points: a segment whose ends differ by no more than this across is straight.
    static let skew = 0.05

    /// Adds a box, cut to the clip; a box the clip hides entirely is dropped.
    private mutating func emit(_ box: Rect, _ kind: PaintedBox.Kind, _ gray: Double) {
        var visible = box
        if let clip = state.clip {
            visible = Rect(
                x0: max(box.x0, clip.x0), y0: max(box.y0, clip.y0), x1: min(box.x1, clip.x1), y1: min(box.y1, clip.y1))
            guard visible.width > 0 && visible.height > 0 else { return }
        }
        boxes.append(PaintedBox(box: visible, kind: kind, gray: gray, order: boxes.count))
    }

    /// Intersects the clip with the current path's bounding box (after the path was painted, as
    /// the clip takes effect after the painting operator). A path with curves is left out: its
    /// end points do not bound it.
    private mutating func applyPendingClip() {
        guard pendingClip else { return }
        pendingClip = false
        guard !xs.isEmpty, !curved.contains(true) else { return }
        intersectClip(with: Rect(x0: xs.min()!, y0: ys.min()!, x1: xs.max()!, y1: ys.max()!))
    }

    private mutating func intersectClip(with region: Rect) {
        guard let clip = state.clip else {
            state.clip = region
            return
        }
        // An empty intersection is kept as an empty clip: nothing shows through it.
        state.clip = Rect(
            x0: max(clip.x0, region.x0), y0: max(clip.y0, region.y0),
            x1: max(max(clip.x0, region.x0), min(clip.x1, region.x1)),
            y1: max(max(clip.y0, region.y0), min(clip.y1, region.y1)))
    }

    private mutating func paint(stroke: Bool, fill: Bool, close: Bool) {
        if close { closePath() }
        for (subpath, start) in starts.enumerated() {
            let stop = subpath + 1 < starts.count ? starts[subpath + 1] : xs.count
            guard stop - start >= 2 else { continue }
            if fill { fillBox(start, stop) }
            if stroke { strokeSegments(start, stop, closed: closed[subpath]) }
        }
        applyPendingClip()
        clearPath()
    }

    private mutating func fillBox(_ start: Int, _ stop: Int) {
        // Corners: the points without repeats, and without the closing return to the first.
        var cornerX: [Double] = []
        var cornerY: [Double] = []
        for index in start..<stop {
            if curved[index] && index > start { return }
            if let lastX = cornerX.last, let lastY = cornerY.last,
                abs(lastX - xs[index]) <= Self.skew && abs(lastY - ys[index]) <= Self.skew
            {
                continue
            }
            cornerX.append(xs[index])
            cornerY.append(ys[index])
            if cornerX.count > 5 { return }
        }
        if cornerX.count == 5 && abs(cornerX[4] - cornerX[0]) <= Self.skew && abs(cornerY[4] - cornerY[0]) <= Self.skew
        {
            cornerX.removeLast()
            cornerY.removeLast()
        }
        guard cornerX.count == 4 else { return }
        for index in 0..<4 {
            let next = (index + 1) % 4
            let dx = abs(cornerX[next] - cornerX[index])
            let dy = abs(cornerY[next] - cornerY[index])
            guard dx <= Self.skew || dy <= Self.skew else { return }
        }
        let box = Rect(
            x0: cornerX.min()!, y0: cornerY.min()!, x1: cornerX.max()!, y1: cornerY.max()!)
        guard box.width > 0 && box.height > 0 else { return }
        emit(box, .fill, state.fillGray)
    }

    private mutating func strokeSegments(_ start: Int, _ stop: Int, closed: Bool) {
        let width = max(state.lineWidth * state.ctm.meanScale, 0.1)
        let half = width / 2
        let extend = state.lineCap == 2 ? half : 0
        func segment(_ from: Int, _ to: Int) {
            let x0 = xs[from]
            let y0 = ys[from]
            let x1 = xs[to]
            let y1 = ys[to]
            let dx = abs(x1 - x0)
            let dy = abs(y1 - y0)
            let box: Rect
            if dy <= Self.skew && dx > Self.skew {
                let y = (y0 + y1) / 2
                box = Rect(x0: min(x0, x1) - extend, y0: y - half, x1: max(x0, x1) + extend, y1: y + half)
            } else if dx <= Self.skew && dy > Self.skew {
                let x = (x0 + x1) / 2
                box = Rect(x0: x - half, y0: min(y0, y1) - extend, x1: x + half, y1: max(y0, y1) + extend)
            } else {
                return  // slanted, or a dot
            }
            emit(box, .stroke, state.strokeGray)
        }
        for index in (start + 1)..<stop where !curved[index] {
            segment(index - 1, index)
        }
        if closed && stop - start >= 2 { segment(stop - 1, start) }
    }
}

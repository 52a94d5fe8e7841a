/// The objects of one PDF file, read from its bytes: the cross-reference (classic tables, xref
/// streams, hybrid files, the `/Prev` chain), object streams, and a scan of the whole file for
/// `N G obj` when the cross-reference is broken. Parsed objects are cached.
///
/// Not thread-safe: ``PDFDocument`` keeps it behind a lock.
final class ObjectStore {
    enum Entry {
        case offset(Int)
        case compressed(stream: Int, index: Int)
    }

    let bytes: [UInt8]
    private(set) var entries: [Int: Entry] = [:]
    private(set) var trailer: [String: PDFObject] = [:]
    /// Whether the cross-reference was rebuilt by scanning the file.
    private(set) var reconstructed = false
    private var cache: [Int: PDFObject] = [:]
    private var resolving: Set<Int> = []
    private var objectStreams: [Int: (data: [UInt8], offsets: [Int: Int])] = [:]

    init(bytes: [UInt8]) {
        self.bytes = bytes
        if !readCrossReference() || catalog == nil {
            reconstruct()
        }
    }

    /// The document catalog (`/Root`).
    var catalog: [String: PDFObject]? {
        trailer["Root"].map(resolve)?.dictionary
    }

    /// `object` itself, or the object a reference points to (`null` when it is missing).
    func resolve(_ object: PDFObject) -> PDFObject {
        guard case .reference(let number, _) = object else { return object }
        return self.object(number)
    }

    /// Object `number`, parsed once.
    func object(_ number: Int) -> PDFObject {
        if let cached = cache[number] { return cached }
        guard !resolving.contains(number), resolving.count < 64 else { return .null }
        resolving.insert(number)
        defer { resolving.remove(number) }
        var value = load(number)
        if value == nil && !reconstructed {
            // The table pointed somewhere wrong: rebuild it from the file once, and try again.
            reconstruct()
            value = load(number)
        }
        let result = value ?? .null
        cache[number] = result
        return result
    }

    private func load(_ number: Int) -> PDFObject? {
        switch entries[number] {
        case .offset(let offset): return parseIndirect(at: offset, expecting: number)
        case .compressed(let stream, let index): return compressedObject(number, in: stream, index: index)
        case nil: return nil
        }
    }

    private lazy var lengthResolver: (PDFObject) -> Int? = { [unowned self] object in
        self.resolve(object).integer
    }

    /// The object at `offset`, which must start with `number G obj`.
    private func parseIndirect(at offset: Int, expecting number: Int?) -> PDFObject? {
        guard offset >= 0 && offset < bytes.count else { return nil }
        var lexer = PDFLexer(bytes: bytes, position: offset)
        lexer.skipWhitespace()
        guard let found = lexer.readUnsigned() else { return nil }
        if let number, found != number { return nil }
        lexer.skipWhitespace()
        guard let generation = lexer.readUnsigned() else { return nil }
        lexer.skipWhitespace()
        guard lexer.matches("obj") else { return nil }
        lexer.position += 3
        let object = lexer.readObject(length: lengthResolver) ?? .null
        if case .stream(var stream) = object {
            stream.object = (found, generation)
            return .stream(stream)
        }
        return object
    }

    /// The file's decryption, once the graphics reader has worked it out from `/Encrypt`.
    var decryption: Decryption?

    /// The decoded bytes of `stream`: decrypted (cross-reference streams never are), then unfiltered.
    func decode(_ stream: PDFStream) throws(StreamFilters.Failure) -> [UInt8] {
        guard let decryption, let object = stream.object, stream.dictionary["Type"]?.name != "XRef" else {
            return try StreamFilters.decode(stream, resolve: resolve)
        }
        var plain = stream
        plain.data = decryption.decrypt(stream.data, number: object.number, generation: object.generation)[...]
        return try StreamFilters.decode(plain, resolve: resolve)
    }

    private func compressedObject(_ number: Int, in streamNumber: Int, index: Int) -> PDFObject? {
        if objectStreams[streamNumber] == nil {
            guard let stream = object(streamNumber).stream, let data = try? decode(stream)
            else { return nil }
            let count = max(0, min(stream.dictionary["N"].map(resolve)?.integer ?? 0, 1 << 20))
            let first = stream.dictionary["First"].map(resolve)?.integer ?? 0
            var lexer = PDFLexer(bytes: data)
            var offsets: [Int: Int] = [:]
            for _ in 0..<count {
                lexer.skipWhitespace()
                guard let member = lexer.readUnsigned() else { break }
                lexer.skipWhitespace()
                guard let relative = lexer.readUnsigned() else { break }
                if offsets[member] == nil { offsets[member] = first + relative }
            }
            objectStreams[streamNumber] = (data, offsets)
        }
        guard let (data, offsets) = objectStreams[streamNumber], let offset = offsets[number],
            offset >= 0, offset < data.count
        else { return nil }
        var lexer = PDFLexer(bytes: data, position: offset)
        return lexer.readObject() ?? .null
    }

    // MARK: Cross-reference

    /// Reads the cross-reference from `startxref` along the `/Prev` chain; false when it is broken.
    private func readCrossReference() -> Bool {
        let tail = max(0, bytes.count - 4096)
        guard let marker = PDFLexer.findLast(Array("startxref".utf8), in: bytes, from: tail, to: bytes.count) else {
            return false
        }
        var lexer = PDFLexer(bytes: bytes, position: marker + 9)
        lexer.skipWhitespace()
        guard var offset = lexer.readUnsigned() else { return false }
        var visited: Set<Int> = []
        var first = true
        while visited.count < 256, !visited.contains(offset) {
            visited.insert(offset)
            guard let section = readSection(at: offset) else { return false }
            if first {
                trailer = section
                first = false
            }
            guard let previous = section["Prev"].flatMap({ $0.integer }) else { break }
            offset = previous
        }
        return !entries.isEmpty
    }

    /// One section: a classic table with its trailer (and its `/XRefStm`), or an xref stream.
    /// Entries already known (from newer sections) are kept. Returns the trailer dictionary.
    private func readSection(at offset: Int) -> [String: PDFObject]? {
        guard offset >= 0 && offset < bytes.count else { return nil }
        var lexer = PDFLexer(bytes: bytes, position: offset)
        lexer.skipWhitespace()
        if lexer.matches("xref") {
            lexer.position += 4
            guard let trailer = readTable(&lexer) else { return nil }
            if let streamOffset = trailer["XRefStm"]?.integer {
                _ = readStreamSection(at: streamOffset)
            }
            return trailer
        }
        return readStreamSection(at: offset)
    }

    private func readTable(_ lexer: inout PDFLexer) -> [String: PDFObject]? {
        var found: [Int: Entry] = [:]
        while true {
            lexer.skipWhitespace()
            if lexer.matches("trailer") {
                lexer.position += 7
                break
            }
            guard let start = lexer.readUnsigned() else { return nil }
            lexer.skipWhitespace()
            guard let count = lexer.readUnsigned(), count < 1 << 24 else { return nil }
            for index in 0..<count {
                lexer.skipWhitespace()
                guard let offset = lexer.readUnsigned() else { return nil }
                lexer.skipWhitespace()
                guard lexer.readUnsigned() != nil else { return nil }
                lexer.skipWhitespace()
                guard let kind = lexer.peek() else { return nil }
                lexer.position += 1
                if kind == UInt8(ascii: "n") && offset > 0 && found[start + index] == nil {
                    found[start + index] = .offset(offset)
                }
            }
        }
        guard case .dictionary(let trailer) = lexer.readObject() else { return nil }
        for (number, entry) in found where entries[number] == nil { entries[number] = entry }
        return trailer
    }

    private func readStreamSection(at offset: Int) -> [String: PDFObject]? {
        guard let stream = parseIndirect(at: offset, expecting: nil)?.stream,
            stream.dictionary["Type"]?.name == "XRef",
            let data = try? StreamFilters.decode(stream, resolve: { $0 })
        else { return nil }
        let widths = (stream.dictionary["W"]?.array ?? []).map { max(0, min($0.integer ?? 0, 8)) }
        guard widths.count >= 3 else { return nil }
        let size = stream.dictionary["Size"]?.integer ?? 0
        var ranges: [(Int, Int)] = []
        if let index = stream.dictionary["Index"]?.array {
            var position = 0
            while position + 1 < index.count {
                ranges.append((index[position].integer ?? 0, index[position + 1].integer ?? 0))
                position += 2
            }
        } else {
            ranges = [(0, size)]
        }
        let rowLength = widths[0] + widths[1] + widths[2]
        guard rowLength > 0 else { return nil }
        var position = 0
        func field(_ width: Int, default value: Int) -> Int {
            guard width > 0 else { return value }
            var result = 0
            for _ in 0..<width {
                result = result << 8 | Int(position < data.count ? data[position] : 0)
                position += 1
            }
            return result
        }
        for (start, count) in ranges {
            guard start >= 0, count >= 0, count < 1 << 24 else { break }
            for number in start..<(start + count) {
                guard position + rowLength <= data.count else { break }
                let type = field(widths[0], default: 1)
                let second = field(widths[1], default: 0)
                let third = field(widths[2], default: 0)
                guard entries[number] == nil else { continue }
                switch type {
                case 1: if second > 0 { entries[number] = .offset(second) }
                case 2: entries[number] = .compressed(stream: second, index: third)
                default: break
                }
            }
        }
        return stream.dictionary
    }

    // MARK: Reconstruction

    /// Rebuilds the cross-reference by scanning the file for `N G obj` (a later definition wins),
    /// registers the members of object streams found that way, and finds the trailer: the last
    /// `trailer` dictionary with a `/Root`, else the last xref stream's, else a `/Catalog` object.
    private func reconstruct() {
        reconstructed = true
        cache.removeAll()
        objectStreams.removeAll()
        var direct: [Int: Int] = [:]
        let keyword = Array("obj".utf8)
        var search = 0
        while let found = PDFLexer.find(keyword, in: bytes, from: search, to: bytes.count) {
            search = found + 3
            if found + 3 < bytes.count && PDFBytes.isRegular(bytes[found + 3]) { continue }
            // Walk back over: white-space, generation, white-space, number.
            var index = found - 1
            guard index >= 0, PDFBytes.isWhitespace(bytes[index]) else { continue }
            while index >= 0 && PDFBytes.isWhitespace(bytes[index]) { index -= 1 }
            var digits = 0
            while index >= 0 && bytes[index] >= 48 && bytes[index] <= 57 && digits < 6 {
                index -= 1
                digits += 1
            }
            guard digits > 0, index >= 0, PDFBytes.isWhitespace(bytes[index]) else { continue }
            while index >= 0 && PDFBytes.isWhitespace(bytes[index]) { index -= 1 }
            let numberEnd = index + 1
            digits = 0
            while index >= 0 && bytes[index] >= 48 && bytes[index] <= 57 && digits < 11 {
                index -= 1
                digits += 1
            }
            guard digits > 0, index < 0 || !PDFBytes.isRegular(bytes[index]) else { continue }
            var number = 0
            for position in (index + 1)..<numberEnd { number = number * 10 + Int(bytes[position] - 48) }
            direct[number] = index + 1
        }
        let oldTrailer = trailer
        entries = direct.mapValues { .offset($0) }
        var streamTrailer: [String: PDFObject]?
        var catalogNumber: Int?
        for number in direct.keys.sorted() {
            guard let object = parseIndirect(at: direct[number]!, expecting: number) else { continue }
            cache[number] = object
            guard let dictionary = object.dictionary else { continue }
            switch dictionary["Type"]?.name {
            case "ObjStm":
                guard let stream = object.stream, let data = try? decode(stream) else { continue }
                let count = max(0, min(dictionary["N"]?.integer ?? 0, 1 << 20))
                var lexer = PDFLexer(bytes: data)
                for index in 0..<count {
                    lexer.skipWhitespace()
                    guard let member = lexer.readUnsigned() else { break }
                    lexer.skipWhitespace()
                    guard lexer.readUnsigned() != nil else { break }
                    if entries[member] == nil { entries[member] = .compressed(stream: number, index: index) }
                }
            case "XRef": if dictionary["Root"] != nil { streamTrailer = dictionary }
            case "Catalog": catalogNumber = number
            default: break
            }
        }
        var trailerFound: [String: PDFObject]?
        var search2 = 0
        let trailerKeyword = Array("trailer".utf8)
        while let found = PDFLexer.find(trailerKeyword, in: bytes, from: search2, to: bytes.count) {
            search2 = found + 7
            var lexer = PDFLexer(bytes: bytes, position: found + 7)
            if case .dictionary(let dictionary) = lexer.readObject(), dictionary["Root"] != nil {
                trailerFound = dictionary
            }
        }
        if let found = trailerFound ?? streamTrailer {
            trailer = found
        } else if oldTrailer["Root"] != nil {
            trailer = oldTrailer
        }
        if catalog == nil, let catalogNumber {
            trailer["Root"] = .reference(catalogNumber, 0)
        }
    }
}

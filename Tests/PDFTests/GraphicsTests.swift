import Basics
import Crypto
import FoundationEssentials
import PropertyBased
import TestSupport
import Testing
import _CryptoExtras

@testable import PDF

/// Hand-built PDFs: every byte is written here, so that each expectation can be worked out by hand.
enum HandBuiltPDF {
    /// A stream object's body.
    static func stream(_ dictionary: String, _ data: [UInt8]) -> [UInt8] {
        Array("<< \(dictionary) /Length \(data.count) >>\nstream\n".utf8) + data + Array("\nendstream".utf8)
    }

    static func stream(_ dictionary: String, _ text: String) -> [UInt8] { stream(dictionary, Array(text.utf8)) }

    /// A file with a classic cross-reference table; `bodies[i]` is object i + 1.
    static func classic(_ bodies: [[UInt8]], root: Int = 1, trailerExtra: String = "", startxrefShift: Int = 0)
        -> [UInt8]
    {
        var file = Array("%PDF-1.4\n%\u{E2}\u{E3}\n".utf8)
        var offsets: [Int] = []
        for (index, body) in bodies.enumerated() {
            offsets.append(file.count)
            file += Array("\(index + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = file.count
        var table = "xref\n0 \(bodies.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(bodies.count + 1) /Root \(root) 0 R \(trailerExtra) >>\n"
        table += "startxref\n\(xref + startxrefShift)\n%%EOF\n"
        return file + Array(table.utf8)
    }

    /// The usual three objects before a page's content: catalog, pages, page (contents: object 4).
    static func page(_ pageEntries: String = "/MediaBox [0 0 200 100]", resources: String = "<< >>") -> [[UInt8]] {
        [
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Array("<< /Type /Page /Parent 2 0 R \(pageEntries) /Resources \(resources) /Contents 4 0 R >>".utf8),
        ]
    }

    /// A one-page file whose page paints `content`.
    static func onePage(_ content: String, _ pageEntries: String = "/MediaBox [0 0 200 100]", extra: [[UInt8]] = [])
        -> [UInt8]
    {
        classic(page(pageEntries) + [stream("", content)] + extra)
    }

    /// zlib data made of stored (uncompressed) deflate blocks: valid FlateDecode without a compressor.
    static func storedZlib(_ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x78, 0x01]
        var index = 0
        repeat {
            let count = min(65535, data.count - index)
            let last: UInt8 = index + count >= data.count ? 1 : 0
            output += [last, UInt8(count & 0xFF), UInt8(count >> 8), UInt8(~count & 0xFF), UInt8((~count >> 8) & 0xFF)]
            output += data[index..<(index + count)]
            index += count
        } while index < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        return output + [
            UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF),
        ]
    }
}

@Suite("Page graphics")
struct GraphicsTests {
    private func graphics(_ bytes: [UInt8], page: Int = 1) throws -> PageGraphics {
        try PDFDocument(bytes: bytes, name: "hand-built.pdf").graphics(page: page)
    }

    private func near(_ a: Rect, _ b: Rect, _ tolerance: Double = 1e-6) -> Bool {
        abs(a.x0 - b.x0) <= tolerance && abs(a.y0 - b.y0) <= tolerance && abs(a.x1 - b.x1) <= tolerance
            && abs(a.y1 - b.y1) <= tolerance
    }

    @Test func strokedSegmentInDisplaySpace() throws {
        let result = try graphics(HandBuiltPDF.onePage("0 0 0 RG 2 w 10 20 m 110 20 l S 0.5 G 30 5 m 30 95 l S"))
        #expect(result.unreadable == nil)
        #expect(result.boxes.count == 2)
        // y = 100 − 20 in display space, thickened by the width of 2.
        #expect(
            result.boxes[0] == PaintedBox(box: Rect(x0: 10, y0: 79, x1: 110, y1: 81), kind: .stroke, gray: 0, order: 0))
        #expect(
            result.boxes[1] == PaintedBox(box: Rect(x0: 29, y0: 5, x1: 31, y1: 95), kind: .stroke, gray: 0.5, order: 1))
    }

    @Test func strokedRectangleGivesFourEdgesAndFillsGiveOneBox() throws {
        let result = try graphics(
            HandBuiltPDF.onePage("0 w 10 10 100 50 re S 1 g 0 0 50 50 re f 0 g 60 10 m 90 10 l 90 40 l 60 40 l h f"))
        let strokes = result.boxes.filter { $0.kind == .stroke }
        #expect(strokes.count == 4)
        // Width 0 is the thinnest line: 0.1 pt.
        #expect(
            strokes.allSatisfy {
                min($0.box.width, $0.box.height) == 0.1 || abs(min($0.box.width, $0.box.height) - 0.1) < 1e-9
            })
        #expect(near(strokes[0].box, Rect(x0: 10, y0: 89.95, x1: 110, y1: 90.05)))
        #expect(near(strokes[1].box, Rect(x0: 109.95, y0: 40, x1: 110.05, y1: 90)))
        let fills = result.boxes.filter { $0.kind == .fill }
        #expect(fills.count == 2)
        #expect(fills[0].box == Rect(x0: 0, y0: 50, x1: 50, y1: 100) && fills[0].gray == 1)
        #expect(fills[1].box == Rect(x0: 60, y0: 60, x1: 90, y1: 90) && fills[1].gray == 0)
        #expect(result.boxes.map(\.order) == Array(0..<6))
    }

    @Test func coloursGiveLuminance() throws {
        let result = try graphics(
            HandBuiltPDF.onePage(
                "1 0 0 rg 0 0 10 10 re f 0 0 0 1 k 20 0 10 10 re f 0 0 0 0 k 40 0 10 10 re f 0 1 0 RG 0 0 m 10 0 l S"))
        #expect(result.boxes.count == 4)
        #expect(abs(result.boxes[0].gray - 0.299) < 1e-9)
        #expect(result.boxes[1].gray == 0)
        #expect(result.boxes[2].gray == 1)
        #expect(abs(result.boxes[3].gray - 0.587) < 1e-9)
    }

    @Test func namedColourSpaces() throws {
        let bytes = HandBuiltPDF.classic(
            HandBuiltPDF.page(
                resources: "<< /ColorSpace << /CS0 [/ICCBased 5 0 R] /CS1 [/Indexed /DeviceRGB 1 <000000FFFFFF>] >> >>")
                + [
                    HandBuiltPDF.stream(
                        "", "/CS0 cs 1 1 1 sc 0 0 10 10 re f /CS1 cs 1 sc 20 0 10 10 re f /CS1 CS 0 SCN 0 0 m 9 0 l S"),
                    HandBuiltPDF.stream("/N 3", "not a real profile"),
                ])
        let result = try graphics(bytes)
        #expect(result.boxes.map(\.gray) == [1, 1, 0])
    }

    @Test func rotatedPageAndCropBoxOrigin() throws {
        let rotated = HandBuiltPDF.onePage("2 w 10 20 m 110 20 l S", "/MediaBox [0 0 200 100] /Rotate 90")
        let document = try PDFDocument(bytes: rotated, name: "rotated.pdf")
        let page = try document.page(1)
        #expect(page.width == 100 && page.height == 200)
        // A quarter turn clockwise: x' = y − y0, y' = x − x0.
        #expect(try document.graphics(page: 1).boxes.map(\.box) == [Rect(x0: 19, y0: 10, x1: 21, y1: 110)])
        let half = try graphics(HandBuiltPDF.onePage("2 w 10 20 m 110 20 l S", "/MediaBox [0 0 200 100] /Rotate 180"))
        #expect(half.boxes.map(\.box) == [Rect(x0: 90, y0: 19, x1: 190, y1: 21)])
        let threeQuarters = try graphics(
            HandBuiltPDF.onePage("2 w 10 20 m 110 20 l S", "/MediaBox [0 0 200 100] /Rotate 270"))
        #expect(threeQuarters.boxes.map(\.box) == [Rect(x0: 79, y0: 90, x1: 81, y1: 190)])
        let cropped = try graphics(
            HandBuiltPDF.onePage("2 w 60 20 m 110 20 l S", "/MediaBox [0 0 200 100] /CropBox [50 10 200 90]"))
        #expect(cropped.boxes.map(\.box) == [Rect(x0: 10, y0: 69, x1: 60, y1: 71)])
    }

    @Test func inheritedPageAttributes() throws {
        let bytes = HandBuiltPDF.classic([
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Array("<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 300 300] /Rotate 90 >>".utf8),
            Array("<< /Type /Page /Parent 2 0 R /Contents [4 0 R 5 0 R] >>".utf8),
            HandBuiltPDF.stream("", "0 0 m"),
            HandBuiltPDF.stream("", "0 100 l S"),
        ])
        #expect(try graphics(bytes).boxes.map(\.box) == [Rect(x0: 0, y0: -0.5, x1: 100, y1: 0.5)])
    }

    @Test func formXObjectWithMatrix() throws {
        let form = HandBuiltPDF.stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 50 50] /Matrix [2 0 0 2 10 10]", "0 5 m 10 5 l S /Me Do")
        let bytes = HandBuiltPDF.classic(
            HandBuiltPDF.page(resources: "<< /XObject << /Fm1 5 0 R >> >>")
                + [HandBuiltPDF.stream("", "q 1 0 0 1 0 5 cm /Fm1 Do Q 0 0 m 0 10 l S"), form])
        let result = try graphics(bytes)
        // Form space (0,5)–(10,5) → (10,25)–(30,25) in user space (inside the form's /BBox);
        // width 1 scaled by 2.
        #expect(
            result.boxes.map(\.box) == [Rect(x0: 10, y0: 74, x1: 30, y1: 76), Rect(x0: -0.5, y0: 90, x1: 0.5, y1: 100)])
    }

    @Test func formCallingItselfStops() throws {
        let form = HandBuiltPDF.stream(
            "/Type /XObject /Subtype /Form /Resources << /XObject << /Me 5 0 R >> >>", "/Me Do 0 0 m 5 0 l S")
        let bytes = HandBuiltPDF.classic(
            HandBuiltPDF.page(resources: "<< /XObject << /Me 5 0 R >> >>") + [HandBuiltPDF.stream("", "/Me Do"), form])
        let result = try graphics(bytes)
        #expect(result.boxes.count == 1)
        #expect(result.unreadable != nil)
    }

    @Test func inlineImageWithEIInsideItsData() throws {
        // Four bytes of grey pixels that spell " EI ", then a real EI and a line.
        let content =
            Array("BI /W 4 /H 1 /BPC 8 /CS /G ID ".utf8) + Array(" EI ".utf8) + Array(" EI 0 0 m 50 0 l S".utf8)
        let bytes = HandBuiltPDF.classic(HandBuiltPDF.page() + [HandBuiltPDF.stream("", content)])
        let result = try graphics(bytes)
        #expect(result.boxes.map(\.box) == [Rect(x0: 0, y0: 99.5, x1: 50, y1: 100.5)])
        // Filtered data (length unknown) ends at an EI followed by content.
        let filtered =
            Array("BI /W 4 /H 4 /F /AHx ID ".utf8) + Array("00ff>".utf8) + [0xFF, 0x00]
            + Array(" EI 0 0 m 50 0 l S".utf8)
        let second = try graphics(HandBuiltPDF.classic(HandBuiltPDF.page() + [HandBuiltPDF.stream("", filtered)]))
        #expect(second.boxes.count == 1)
    }

    @Test func textAndMarkedContentAreIgnored() throws {
        let result = try graphics(
            HandBuiltPDF.onePage(
                "/P << /MCID 0 /Alt (a \\) [re) >> BDC BT /F1 12 Tf 10 10 Td [(re) -20 (S)] TJ (10 10 m 20 10 l S) Tj ET EMC 0 0 m 5 0 l S"
            ))
        #expect(result.boxes.count == 1)
    }

    @Test func curvesAndSlantedLinesAreDropped() throws {
        let result = try graphics(HandBuiltPDF.onePage("0 0 m 10 10 l 20 10 l 30 20 40 20 50 10 c S 0 0 m 50 0.04 l S"))
        #expect(result.boxes.count == 2)
        #expect(near(result.boxes[0].box, Rect(x0: 10, y0: 89.5, x1: 20, y1: 90.5)))
        #expect(near(result.boxes[1].box, Rect(x0: 0, y0: 99.48, x1: 50, y1: 100.48)))
    }

    @Test func boxesAreCutToTheClip() throws {
        let result = try graphics(
            HandBuiltPDF.onePage(
                "q 0 0 100 100 re W n 2 w 50 10 m 150 10 l S Q 120 20 m 130 20 l S q 0 0 10 10 re W n 50 50 m 60 50 l S Q"
            ))
        #expect(
            result.boxes.map(\.box) == [
                Rect(x0: 50, y0: 89, x1: 100, y1: 91), Rect(x0: 120, y0: 79.5, x1: 130, y1: 80.5),
            ])
        // A form is clipped to its /BBox.
        let form = HandBuiltPDF.stream("/Type /XObject /Subtype /Form /BBox [0 0 20 20]", "0 5 m 50 5 l S")
        let bytes = HandBuiltPDF.classic(
            HandBuiltPDF.page(resources: "<< /XObject << /Fm1 5 0 R >> >>") + [
                HandBuiltPDF.stream("", "/Fm1 Do"), form,
            ])
        #expect(try graphics(bytes).boxes.map(\.box) == [Rect(x0: 0, y0: 94.5, x1: 20, y1: 95.5)])
    }

    @Test func crossReferenceStreamAndObjectStream() throws {
        // Objects 1–3 (catalog, pages, page) live in object stream 5; the xref stream (object 6)
        // is Flate-compressed with the PNG Up predictor.
        let members = [
            "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
        ]
        var header = ""
        var body = ""
        for (index, member) in members.enumerated() {
            header += "\(index + 1) \(body.utf8.count) "
            body += member + " "
        }
        var file = Array("%PDF-1.5\n".utf8)
        let contentOffset = file.count
        let content = HandBuiltPDF.storedZlib(Array("3 w 0 50 m 200 50 l S".utf8))
        file +=
            Array("4 0 obj\n".utf8) + HandBuiltPDF.stream("/Filter /FlateDecode", content) + Array("\nendobj\n".utf8)
        let objectStreamOffset = file.count
        let objectStream = Array((header + body).utf8)
        file +=
            Array("5 0 obj\n".utf8)
            + HandBuiltPDF.stream("/Type /ObjStm /N 3 /First \(header.utf8.count)", objectStream)
            + Array("\nendobj\n".utf8)
        let xrefOffset = file.count
        // Rows: type (1 byte), field 2 (2 bytes), field 3 (1 byte), for objects 0…6.
        let rows: [[UInt8]] = [
            [0, 0, 0, 255], [2, 0, 5, 0], [2, 0, 5, 1], [2, 0, 5, 2],
            [1, UInt8(contentOffset >> 8), UInt8(contentOffset & 0xFF), 0],
            [1, UInt8(objectStreamOffset >> 8), UInt8(objectStreamOffset & 0xFF), 0],
            [1, UInt8(xrefOffset >> 8), UInt8(xrefOffset & 0xFF), 0],
        ]
        var predicted: [UInt8] = []
        var previous: [UInt8] = [0, 0, 0, 0]
        for row in rows {
            predicted.append(2)
            for column in 0..<4 { predicted.append(row[column] &- previous[column]) }
            previous = row
        }
        file +=
            Array("6 0 obj\n".utf8)
            + HandBuiltPDF.stream(
                "/Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >>",
                HandBuiltPDF.storedZlib(predicted)) + Array("\nendobj\nstartxref\n\(xrefOffset)\n%%EOF\n".utf8)
        let result = try graphics(file)
        #expect(result.unreadable == nil)
        #expect(result.boxes.map(\.box) == [Rect(x0: 0, y0: 48.5, x1: 200, y1: 51.5)])
    }

    @Test func brokenCrossReferenceIsRebuilt() throws {
        let bytes = HandBuiltPDF.classic(
            HandBuiltPDF.page() + [HandBuiltPDF.stream("", "0 0 m 50 0 l S")], startxrefShift: 7)
        let reader = GraphicsReader(bytes: bytes)
        #expect(reader.store.reconstructed)
        #expect(reader.graphics(page: 1).boxes.count == 1)
        // A wrong /Length: the data ends at endstream.
        var wrongLength = HandBuiltPDF.onePage("0 0 m 50 0 l S")
        let marker = Array("/Length 14".utf8)
        if let index = PDFLexer.find(marker, in: wrongLength, from: 0, to: wrongLength.count) {
            wrongLength.replaceSubrange(index..<(index + marker.count), with: Array("/Length 99".utf8))
        }
        #expect(GraphicsReader(bytes: wrongLength).graphics(page: 1).boxes.count == 1)
    }

    @Test func unreadableDrawingIsSaid() throws {
        let lzw = HandBuiltPDF.classic(HandBuiltPDF.page() + [HandBuiltPDF.stream("/Filter /LZWDecode", "garbage")])
        #expect(try graphics(lzw).unreadable?.contains("LZWDecode") == true)
        let encrypted = GraphicsReader(
            bytes: HandBuiltPDF.classic(
                HandBuiltPDF.page() + [HandBuiltPDF.stream("", "0 0 m 5 0 l S")],
                trailerExtra: "/Encrypt << /Filter /Standard >>"))
        #expect(encrypted.graphics(page: 1).unreadable?.hasPrefix("encrypted") == true)
    }

    /// A file encrypted with the empty user password (what an owner password alone leaves), by
    /// RC4 (V2 R3) or AES-128 (V4 R4 /AESV2), written with the reader's own key derivation:
    /// poppler opening it and drawing the line proves the derivation and the object keys right.
    @Test(arguments: [false, true])
    func encryptedWithTheEmptyUserPassword(aes: Bool) throws {
        let owner = [UInt8](repeating: 0x41, count: 32)
        let id: [UInt8] = Array(0..<16)
        let permissions: Int32 = -3904
        let revision = aes ? 4 : 3
        let key = Decryption.fileKey(
            password: [], owner: owner, permissions: UInt32(bitPattern: permissions), id: id, revision: revision,
            length: 16, encryptMetadata: true)
        let user = Decryption.userValue(key: key, revision: revision, id: id) + [UInt8](repeating: 0, count: 16)
        let content = Array("0 0 0 RG 4 w 20 50 m 180 50 l S".utf8)
        let decryption = Decryption(key: key, streamCipher: aes ? .aes : .rc4, perObjectKeys: true)
        var encrypted: [UInt8]
        if aes {
            let iv: [UInt8] = Array(repeating: 7, count: 16)
            encrypted =
                iv
                + [UInt8](
                    try AES._CBC.encrypt(
                        content, using: SymmetricKey(data: decryption.objectKey(4, 0, aes: true)),
                        iv: AES._CBC.IV(ivBytes: iv), noPadding: false))
        } else {
            encrypted = Decryption.rc4(key: decryption.objectKey(4, 0, aes: false), content)
        }
        func hex(_ bytes: [UInt8]) -> String {
            bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
                .joined()
        }
        let filter =
            aes
            ? "/V 4 /R 4 /Length 128 /CF << /StdCF << /CFM /AESV2 /Length 16 >> >> /StmF /StdCF /StrF /StdCF"
            : "/V 2 /R 3 /Length 128"
        let bytes = HandBuiltPDF.classic(
            HandBuiltPDF.page() + [HandBuiltPDF.stream("", encrypted)],
            trailerExtra:
                "/ID [<\(hex(id))> <\(hex(id))>] /Encrypt << /Filter /Standard \(filter) /O <\(hex(owner))> /U <\(hex(user))> /P \(permissions) >>"
        )
        let document = try PDFDocument(bytes: bytes, name: "encrypted.pdf")
        #expect(document.info.isEncrypted)
        let result = try document.graphics(page: 1)
        #expect(result.unreadable == nil)
        #expect(result.boxes.map(\.box) == [Rect(x0: 20, y0: 48, x1: 180, y1: 52)])
        let image = try document.render(page: 1, scale: 1)
        #expect(image.luminance()[50 * image.width + 100] < 100)
    }

    @Test func literalStringsNamesAndNumbers() {
        var lexer = PDFLexer(
            bytes: Array("(a\\(b\\)c (nested) \\101\\n) /A#20B -.5 +3 <48 49 5> [1 0 R 2] << /K [true null] >>".utf8))
        guard case .string(let string) = lexer.readObject() else {
            Issue.record("no string")
            return
        }
        #expect(string == Array("a(b)c (nested) A\n".utf8))
        #expect(lexer.readObject()?.name == "A B")
        #expect(lexer.readObject()?.number == -0.5)
        #expect(lexer.readObject()?.integer == 3)
        guard case .string(let hex) = lexer.readObject() else {
            Issue.record("no hex string")
            return
        }
        #expect(hex == [0x48, 0x49, 0x50])
        guard case .array(let items) = lexer.readObject(), items.count == 2, case .reference(1, 0) = items[0] else {
            Issue.record("no array with a reference")
            return
        }
        #expect(lexer.readObject()?.dictionary?["K"]?.array?.count == 2)
    }

    @Test func filters() throws {
        #expect(StreamFilters.ascii85(Array("87cURD]i,\"Ebo80~>".utf8)) == Array("Hello World!".utf8))
        #expect(StreamFilters.asciiHex(Array("48 65 6c6C6f>".utf8)[...]) == Array("Hello".utf8))
        #expect(StreamFilters.runLength([2, 65, 66, 67, 254, 68, 128]) == Array("ABCDDD".utf8))
        #expect(Inflate.inflate(HandBuiltPDF.storedZlib(Array("Hello".utf8))[...]) == Array("Hello".utf8))
    }

    // MARK: Never crash

    @Test func lexerAndReaderSurviveRandomBytes() async {
        let pieces = [
            "obj", "endobj", "stream\n", "endstream", "xref", "trailer", "startxref", "<<", ">>", "[", "]", "(",
            ")", "\\", "<", ">", "/", "R", " ", "\n", "0", "1", "9", "-", ".", "%", "re", "m", "l", "S", "f", "q",
            "Q", "cm", "BI", "ID", "EI", "Do", "/Length", "/Type", "/Page", "/Pages", "/Kids", "/Root", "/XRef",
            "/ObjStm", "/W", "/Filter", "/FlateDecode", "#", "%%EOF", "\u{0}", "\u{FF}",
        ].map { Array($0.utf8) }
        await propertyCheck(count: 300, input: Gen.int(in: 0...(pieces.count - 1)).array(of: 0...120)) { tokens in
            let bytes = tokens.flatMap { pieces[$0] }
            var lexer = PDFLexer(bytes: bytes)
            var steps = 0
            while !lexer.atEnd && steps < 10_000 {
                let before = lexer.position
                _ = lexer.readObject(length: { $0.integer })
                if lexer.position == before { lexer.position += 1 }
                steps += 1
            }
            let reader = GraphicsReader(bytes: bytes)
            for page in 1...2 { _ = reader.graphics(page: page) }
            var interpreter = ContentInterpreter(reader: reader, initial: .identity)
            interpreter.run(bytes, resources: [:], depth: 0)
        }
        await propertyCheck(count: 200, input: Gen.int(in: 0...255).array(of: 0...400)) { values in
            let bytes = values.map { UInt8($0) }
            let reader = GraphicsReader(bytes: bytes)
            _ = reader.graphics(page: 1)
            var interpreter = ContentInterpreter(reader: reader, initial: .identity)
            interpreter.run(bytes, resources: [:], depth: 0)
            _ = try? StreamFilters.decode(
                PDFStream(dictionary: ["Filter": .name("FlateDecode")], data: bytes[...]), resolve: { $0 })
        }
    }

    @Test(arguments: [
        "bad/base.pdf", "bad/truncated.pdf", "bad/encrypted.pdf", "bad/scanned.pdf", "bad/rotated_page.pdf",
        "bad/not_a_pdf.pdf", "bad/empty.pdf",
    ])
    func badSamplesNeverCrash(name: String) throws {
        let bytes = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: Samples.path(name))))) ?? []
        let reader = GraphicsReader(bytes: bytes)
        for page in 0...max(1, reader.pages.count) {
            let result = reader.graphics(page: page)
            #expect(result.unreadable != nil || result.boxes.allSatisfy { $0.box.width >= 0 && $0.box.height >= 0 })
        }
        if name == "bad/encrypted.pdf" {
            #expect(reader.graphics(page: 1).unreadable == "encrypted (a password is needed)")
            let unlocked = GraphicsReader(bytes: bytes, password: "zhuzhou2023")
            #expect(unlocked.graphics(page: 6).unreadable == nil)
            #expect(
                unlocked.graphics(page: 6).boxes.count
                    == GraphicsReader(
                        bytes: (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: Samples.path("bad/base.pdf")))))
                            ?? []
                    ).graphics(page: 6).boxes.count)
        }
    }

    // MARK: Against poppler's rendering

    /// Every dark thin box lies on dark pixels of poppler's own rendering of the page: the proof
    /// that the reader's display space is poppler's.
    @Test(arguments: [
        "tokenizer/s01_education_2020_reportlab.pdf", "tokenizer/s09_commerce_2023_libreoffice.pdf",
        "real/putuo_caizhengju_2024_juesuan.pdf", "bad/rotated_page.pdf",
    ])
    func darkBoxesLieOnDarkPixels(name: String) throws {
        let document = try PDFDocument(path: Samples.path(name))
        var checked = 0
        var missed: [String] = []
        for number in 1...document.pageCount {
            let graphics = try document.graphics(page: number)
            #expect(graphics.unreadable == nil, "page \(number): \(graphics.unreadable ?? "")")
            let thin = graphics.boxes.filter { box in
                box.gray < 0.5 && min(box.box.width, box.box.height) <= 3 && max(box.box.width, box.box.height) >= 4
                    // not painted over by a later lighter fill
                    && !graphics.boxes.contains { later in
                        let cover = later.box.insetBy(0.01)
                        return later.order > box.order && later.kind == .fill && later.gray >= 0.5
                            && cover.x0 <= box.box.midX && cover.x1 >= box.box.midX
                            && cover.y0 <= box.box.midY && cover.y1 >= box.box.midY
                    }
            }
            guard !thin.isEmpty else { continue }
            let scale = 2.0
            let image = try document.render(page: number, scale: scale)
            let luminance = image.luminance()
            func darkest(_ x: Double, _ y: Double) -> Int {
                let column = Int((x * scale).rounded(.down))
                let row = Int((y * scale).rounded(.down))
                var best = 255
                for dy in -1...1 {
                    for dx in -1...1 {
                        let c = column + dx
                        let r = row + dy
                        guard c >= 0, r >= 0, c < image.width, r < image.height else { continue }
                        best = min(best, Int(luminance[r * image.width + c]))
                    }
                }
                return best
            }
            for box in thin {
                checked += 1
                // Three points along the centre line: a quarter, the middle, three quarters.
                let horizontal = box.box.width >= box.box.height
                let points: [(Double, Double)] = [0.25, 0.5, 0.75].map { t in
                    horizontal
                        ? (box.box.x0 + t * box.box.width, box.box.midY)
                        : (box.box.midX, box.box.y0 + t * box.box.height)
                }
                if !points.allSatisfy({ darkest($0.0, $0.1) < 200 }) {
                    missed.append("p\(number) \(box.box.printedCoordinates)")
                }
            }
        }
        #expect(checked > 10)
        #expect(missed.isEmpty, "\(missed.count) of \(checked) dark boxes on light pixels: \(missed.prefix(8))")
    }
}

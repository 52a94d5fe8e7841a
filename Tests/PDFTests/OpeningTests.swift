import FoundationEssentials
import TestSupport
import Testing

@testable import PDF

@Suite("Opening documents")
struct OpeningTests {
    @Test func documentInfo() throws {
        let document = try PDFDocument(path: Samples.path("bad/base.pdf"))
        #expect(document.pageCount == 20)
        #expect(document.info.producer == "reportlab")
        #expect(document.info.creator == "corpus-gen")
        #expect(document.info.title == "2022年度某某县财政局部门决算")
        #expect(document.info.byteCount == 122_195)
        // sha256sum Samples/bad/base.pdf
        #expect(document.info.sha256 == "afc0cbc9afa8f6362ca23a38affe736b4e2c91da639451b07744c40e25e68d6f")
        #expect(!document.info.isEncrypted)
    }

    @Test func bytesAndPathGiveTheSameDocument() throws {
        let path = Samples.path("bad/base.pdf")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let fromBytes = try PDFDocument(bytes: bytes, name: "base.pdf")
        let fromPath = try PDFDocument(path: path)
        #expect(fromBytes.info.sha256 == fromPath.info.sha256)
        #expect(fromBytes.pageCount == fromPath.pageCount)
        #expect(try fromBytes.page(6).glyphs == fromPath.page(6).glyphs)
    }

    @Test(arguments: ["报表 #1 (copy).pdf", "a%20b#c?.pdf", "普陀区 财政局 决算.pdf"])
    func awkwardFileNames(name: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("juesuan-names-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Samples.path("bad/base.pdf")), to: target)
        let document = try PDFDocument(path: target.path)
        #expect(document.pageCount == 20)
        #expect(try document.page(1).hasTextLayer)
    }

    @Test func relativePathsResolveAgainstTheCurrentDirectory() throws {
        let previous = FileManager.default.currentDirectoryPath
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        _ = FileManager.default.changeCurrentDirectoryPath(Samples.root)
        let document = try PDFDocument(path: "bad/base.pdf")
        #expect(document.info.path == "bad/base.pdf")
        #expect(document.pageCount == 20)
    }

    @Test func encryptedWithUserOrOwnerPassword() throws {
        let path = Samples.path("bad/encrypted.pdf")
        for password in ["zhuzhou2023", "owner-2023-corpus"] {
            let document = try PDFDocument(path: path, password: password)
            #expect(document.info.isEncrypted)
            #expect(document.pageCount == 20)
            let base = try PDFDocument(path: Samples.path("bad/base.pdf"))
            #expect(try document.page(7).glyphs == base.page(7).glyphs)
        }
    }
}

@Suite("Bad input")
struct BadInputTests {
    private func failure(_ path: String, password: String? = nil) -> PDFError? {
        do {
            _ = try PDFDocument(path: path, password: password)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingFile() {
        let path = Samples.path("bad/does-not-exist.pdf")
        #expect(failure(path) == .fileNotFound(path: path))
    }

    @Test func directory() {
        let path = Samples.path("bad")
        #expect(failure(path) == .unreadable(path: path, reason: "it is a directory"))
    }

    @Test func emptyFile() {
        let path = Samples.path("bad/empty.pdf")
        #expect(failure(path) == .emptyFile(path: path))
    }

    @Test func notAPDF() {
        let path = Samples.path("bad/not_a_pdf.pdf")
        #expect(failure(path) == .notAPDF(path: path))
    }

    @Test func truncated() {
        let path = Samples.path("bad/truncated.pdf")
        #expect(failure(path) == .truncated(path: path))
    }

    @Test func encryptedWithoutOrWithAWrongPassword() {
        let path = Samples.path("bad/encrypted.pdf")
        #expect(failure(path) == .passwordRequired(path: path))
        #expect(failure(path, password: "wrong") == .wrongPassword(path: path))
    }

    @Test func scannedHasNoTextLayer() throws {
        let document = try PDFDocument(path: Samples.path("bad/scanned.pdf"))
        #expect(document.pageCount == 28)
        for number in [1, 7, 28] {
            let page = try document.page(number)
            #expect(!page.hasTextLayer)
            #expect(page.imageCount == 1)
            #expect((page.imageCoverage ?? 0) > 0.9)
        }
    }

    @Test func imagesAreSurveyedOnTextPagesOnlyWhenAsked() throws {
        let document = try PDFDocument(path: Samples.path("bad/base.pdf"))
        #expect(try document.page(6).imageCount == nil)
        #expect(try document.page(6, images: .always).imageCount == 0)
    }

    @Test func pageOutOfRange() throws {
        let document = try PDFDocument(path: Samples.path("bad/base.pdf"))
        #expect(throws: PDFError.pageOutOfRange(page: 21, pageCount: 20)) { try document.page(21) }
        #expect(throws: PDFError.pageOutOfRange(page: 0, pageCount: 20)) { try document.page(0) }
        #expect(throws: PDFError.pageOutOfRange(page: 99, pageCount: 20)) { try document.render(page: 99) }
    }

    /// Damage in the middle of a file (the trailer intact) must end in an error or in pages that
    /// read, never in a crash.
    @Test func corruptedBody() throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Samples.path("bad/base.pdf"))))
        for index in stride(from: 2_000, to: bytes.count - 2_000, by: 97) { bytes[index] ^= 0x5A }
        do {
            let document = try PDFDocument(bytes: bytes, name: "corrupted.pdf")
            for number in 1...document.pageCount { _ = try document.page(number) }
        } catch {
            #expect(error.description.hasPrefix("corrupted.pdf: damaged"))
        }
    }

    @Test func everyMessageIsOneLine() {
        let errors: [PDFError] = [
            .fileNotFound(path: "a.pdf"), .unreadable(path: "a.pdf", reason: "x"), .emptyFile(path: "a.pdf"),
            .notAPDF(path: "a.pdf"), .truncated(path: "a.pdf"), .damaged(path: "a.pdf", detail: "d"),
            .passwordRequired(path: "a.pdf"), .wrongPassword(path: "a.pdf"), .noTextLayer(path: "a.pdf"),
            .pageOutOfRange(page: 3, pageCount: 2),
        ]
        for error in errors {
            #expect(!error.description.contains("\n"))
            #expect(error.description.count > 20)
        }
        #expect(PDFError.noTextLayer(path: "a.pdf").description == "a.pdf: no text layer: scanned? OCR is not supported yet")
    }
}

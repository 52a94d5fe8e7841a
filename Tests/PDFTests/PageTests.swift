import Basics
import TestSupport
import Testing

@testable import PDF

@Suite("Pages")
struct PageTests {
    @Test func geometryOfPortraitAndLandscapePages() throws {
        let document = try PDFDocument(path: Samples.path("bad/base.pdf"))
        let cover = try document.page(1)
        #expect(abs(cover.width - 595.28) < 0.01 && abs(cover.height - 841.89) < 0.01)
        #expect(cover.rotation == .none && cover.textTurn == .none)
        let table = try document.page(6)
        #expect(abs(table.width - 841.89) < 0.01 && abs(table.height - 595.28) < 0.01)
        #expect(table.rotation == .none)
    }

    /// `rotated_page.pdf` is base.pdf with `/Rotate 90` on the pages of tables 02 and 06 (6 and 10).
    @Test func rotationIsWorkedOut() throws {
        let document = try PDFDocument(path: Samples.path("bad/rotated_page.pdf"))
        let base = try PDFDocument(path: Samples.path("bad/base.pdf"))
        for number in 1...document.pageCount {
            let page = try document.page(number)
            let expected: QuarterTurn = [6, 10].contains(number) ? .quarter : .none
            #expect(page.rotation == expected, "page \(number)")
            #expect(page.textTurn == expected, "page \(number)")
            let original = try base.page(number)
            if expected == .quarter {
                // The display swaps width and height; the crop box stays the unrotated one.
                #expect(abs(page.width - original.height) < 0.01 && abs(page.height - original.width) < 0.01)
                #expect(page.cropBox == original.cropBox)
            }
        }
    }

    @Test func glyphsPairBoxesWithScalars() throws {
        let page = try PDFDocument(path: Samples.path("bad/base.pdf")).page(6)
        #expect(page.pairedExactly)
        #expect(page.glyphs.count > 400)
        #expect(page.fonts.count >= 1)
        #expect(page.glyphs.allSatisfy { !$0.scalar.properties.isWhitespace })
        #expect(page.glyphs.allSatisfy { $0.box.width > 0 && $0.box.height > 0 && $0.fontSize > 5 })
        #expect(page.glyphs.allSatisfy { $0.fontIndex >= 0 && $0.fontIndex < page.fonts.count })
        // The title 收入决算表 is there, character by character, left to right.
        let title = Array("收入决算表".unicodeScalars)
        let starts = page.glyphs.indices.filter { page.glyphs[$0].scalar == title[0] }
        let found = starts.contains { start in
            start + title.count <= page.glyphs.count
                && (0..<title.count).allSatisfy { page.glyphs[start + $0].scalar == title[$0] }
                && (1..<title.count).allSatisfy { page.glyphs[start + $0].box.x0 >= page.glyphs[start + $0 - 1].box.x1 - 0.5 }
        }
        #expect(found)
        // Every glyph lies on the page.
        #expect(page.glyphs.allSatisfy { $0.box.x0 >= -1 && $0.box.x1 <= page.width + 1 && $0.box.y1 <= page.height + 1 })
    }

    @Test func nfkcMapsKangxiRadicalsAndFullWidthForms() {
        #expect(TextNormalization.nfkc("\u{2F00}") == "一")
        #expect(TextNormalization.nfkc("⼈员经费") == "人员经费")
        #expect(TextNormalization.nfkc("（２０２３）：") == "(2023):")
        #expect(TextNormalization.nfkc("“三公”") == "“三公”")
        #expect(TextNormalization.nfkc("plain") == "plain")
    }
}

@Suite("Rendering")
struct RenderingTests {
    @Test func whiteBackgroundAndInk() throws {
        let document = try PDFDocument(path: Samples.path("bad/base.pdf"))
        let image = try document.render(page: 6, scale: 1)
        #expect(image.width == 842 && image.height == 596)
        let luminance = image.luminance()
        // Corners are paper, not transparent black.
        #expect(luminance[0] == 255 && luminance[luminance.count - 1] == 255)
        let dark = luminance.filter { $0 < 128 }.count
        #expect(dark > 1_000 && dark < luminance.count / 4)
    }

    @Test func regionCrop() throws {
        let document = try PDFDocument(path: Samples.path("bad/base.pdf"))
        let page = try document.page(6)
        let title = page.glyphs.first { $0.scalar == "收" }!.box.insetBy(2)
        let crop = try document.render(page: 6, scale: 3, region: title)
        #expect(crop.width == Int((title.width * 3).rounded(.up)))
        #expect(crop.luminance().contains { $0 < 100 })
        let png = crop.pngData()
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func rotatedPageRendersInDisplaySpace() throws {
        let document = try PDFDocument(path: Samples.path("bad/rotated_page.pdf"))
        let image = try document.render(page: 6, scale: 1)
        #expect(image.width == 596 && image.height == 842)
    }
}

@Suite("Concurrency")
struct ConcurrencyTests {
    /// One document per task, several tasks at once; only values cross tasks.
    @Test func documentsInParallelTasks() async throws {
        let paths = ["bad/base.pdf", "bad/rotated_page.pdf", "bad/base.pdf", "bad/rotated_page.pdf"].map(Samples.path)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for path in paths {
                group.addTask {
                    let document = try PDFDocument(path: path)
                    var glyphs = 0
                    for number in 1...document.pageCount {
                        glyphs += try document.page(number).glyphs.count
                        if number % 5 == 0 { _ = try document.render(page: number, scale: 0.5) }
                    }
                    return glyphs
                }
            }
            var all: [Int] = []
            for try await count in group { all.append(count) }
            return all
        }
        #expect(counts.count == 4)
        #expect(Set(counts).count == 1)
    }
}

@Suite("Whitespace")
struct WhitespaceTests {
    /// The fast whitespace test agrees with Unicode's White_Space property on the BMP.
    @Test func agreesWithUnicode() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(Poppler.isWhitespace(scalar) == scalar.properties.isWhitespace, "U+\(String(value, radix: 16))")
        }
    }
}

import ArgumentParser
import Basics
import FoundationEssentials
import PDF

/// `juesuan inspect FILE`: what an auditor runs first on a strange file.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show pages, producer, fonts, glyphs per page and pages without a text layer."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var document: DocumentOptions
    @Option(help: "Output format: text or json.") var format: Format = .text
    @Option(help: "Only these pages, e.g. 3, 2-5 or 1,4-6.") var pages: PageSelection?
    @OptionGroup var output: OutputOptions

    func run() throws {
        let pdf = try document.open()
        let numbers = try pages?.pages(in: pdf) ?? Array(1...max(pdf.pageCount, 1)).filter { $0 <= pdf.pageCount }
        var reports: [PageReport] = []
        var fontPages: [String: [Int]] = [:]
        var fontOrder: [String] = []
        for number in numbers {
            let page = try pdf.page(number, images: .always)
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
        let report = InspectReport(
            document: pdf.info,
            fonts: fontOrder.map { FontReport(name: $0, pages: fontPages[$0] ?? []) },
            pages: reports,
            pagesWithoutText: reports.filter { !$0.textLayer }.map(\.page))
        switch format {
        case .json:
            try output.emit(try JSONOutput.encode(report))
        case .text:
            try output.emit(report.text)
        }
        if !numbers.isEmpty && report.pagesWithoutText.count == numbers.count {
            Terminal.warning("\(pdf.info.path): no text layer: scanned? OCR is not supported yet")
        }
    }
}

struct PageReport: Codable {
    var page: Int
    var width: Double
    var height: Double
    var rotation: Int
    var textTurn: Int
    var glyphs: Int
    var fonts: [String]
    var images: Int
    var textLayer: Bool
}

struct FontReport: Codable {
    var name: String
    var pages: [Int]
}

struct InspectReport: Codable {
    var document: DocumentInfo
    var fonts: [FontReport]
    var pages: [PageReport]
    var pagesWithoutText: [Int]

    var text: String {
        var lines: [String] = []
        lines.append("file:       \(document.path)")
        lines.append("sha256:     \(document.sha256)")
        lines.append("size:       \(document.byteCount) bytes")
        lines.append("pages:      \(document.pageCount)")
        lines.append("producer:   \(document.producer ?? "-")")
        lines.append("creator:    \(document.creator ?? "-")")
        lines.append("title:      \(document.title ?? "-")")
        lines.append("version:    \(document.pdfVersion ?? "-")")
        lines.append("encrypted:  \(document.isEncrypted ? "yes" : "no")")
        lines.append("fonts:")
        for font in fonts { lines.append("  \(font.name)  (pages \(PageList.describe(font.pages)))") }
        if fonts.isEmpty { lines.append("  none") }
        lines.append("")
        lines.append("page  width × height (pt)  rotation  text turn  glyphs  images  text layer")
        for page in pages {
            let size =
                "\(DecimalText.rounded(page.width, decimals: 1)) × \(DecimalText.rounded(page.height, decimals: 1))"
            lines.append(
                pad(String(page.page), 4, right: true) + "  " + pad(size, 21) + "  " + pad(String(page.rotation), 8)
                    + "  " + pad(String(page.textTurn), 9) + "  " + pad(String(page.glyphs), 6, right: true) + "  "
                    + pad(String(page.images), 6, right: true) + "  " + (page.textLayer ? "yes" : "NO"))
        }
        lines.append("")
        if pagesWithoutText.isEmpty {
            lines.append("every page has a text layer")
        } else {
            lines.append("no text layer on pages \(PageList.describe(pagesWithoutText))")
        }
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

/// `[1,2,3,5]` → `1-3, 5`.
enum PageList {
    static func describe(_ pages: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        while index < pages.count {
            var end = index
            while end + 1 < pages.count && pages[end + 1] == pages[end] + 1 { end += 1 }
            parts.append(end == index ? String(pages[index]) : "\(pages[index])-\(pages[end])")
            index = end + 1
        }
        return parts.joined(separator: ", ")
    }
}

import Basics
import Pipeline

/// `inspect` for a reader: the document's identity and fonts, then a line per page.
public enum InspectText {
    /// The report as aligned lines (page sizes with one decimal).
    public static func render(_ report: InspectReport) -> String {
        let document = report.document
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
        for font in report.fonts { lines.append("  \(font.name)  (pages \(PageList.describe(font.pages)))") }
        if report.fonts.isEmpty { lines.append("  none") }
        lines.append("")
        lines.append("page  width × height (pt)  rotation  text turn  glyphs  images  text layer")
        for page in report.pages {
            let size = "\(DecimalText.rounded(page.width, decimals: 1)) × \(DecimalText.rounded(page.height, decimals: 1))"
            lines.append(
                pad(String(page.page), 4, right: true) + "  " + pad(size, 21) + "  " + pad(String(page.rotation), 8)
                    + "  " + pad(String(page.textTurn), 9) + "  " + pad(String(page.glyphs), 6, right: true) + "  "
                    + pad(String(page.images), 6, right: true) + "  " + (page.textLayer ? "yes" : "NO"))
        }
        lines.append("")
        if report.pagesWithoutText.isEmpty {
            lines.append("every page has a text layer")
        } else {
            lines.append("no text layer on pages \(PageList.describe(report.pagesWithoutText))")
        }
        return lines.joined(separator: "\n")
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

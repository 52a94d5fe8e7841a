import PDF

/// Plain text that keeps the page's layout: every word at the column its position gives, lines
/// top to bottom, like `pdftotext -layout` but rebuilt from glyph geometry.
public enum LayoutText {
    /// The text of one page, lines separated by `\n`, without a trailing newline.
    public static func render(_ page: PageLayout) -> String {
        guard !page.lines.isEmpty else { return "" }
        let sizes = page.lines.flatMap { $0.words.map(\.fontSize) }.sorted()
        let em = max(sizes[sizes.count / 2], 4)
        let columnWidth = em / 2
        var output: [String] = []
        var previousBottom: Double?
        for line in page.lines {
            if let bottom = previousBottom, line.box.y0 - bottom > 1.2 * em {
                output.append("")
            }
            previousBottom = line.box.y1
            var text = ""
            var column = 0
            for word in line.words {
                let target = Int((word.box.x0 / columnWidth).rounded())
                let pad = column == 0 ? max(0, target) : max(1, target - column)
                text += String(repeating: " ", count: pad)
                column += pad
                text += word.text
                column += displayWidth(word.text)
            }
            output.append(text)
        }
        return output.joined(separator: "\n")
    }

    /// Terminal columns of a string: East Asian wide and full-width characters take two.
    public static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

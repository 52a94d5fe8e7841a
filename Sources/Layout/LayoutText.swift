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
        // Built as UTF-8 bytes: appending to a String piece by piece costs more than the layout.
        var output: [UInt8] = []
        output.reserveCapacity(page.lines.count * 120)
        var previousBottom: Double?
        for (index, line) in page.lines.enumerated() {
            if index > 0 { output.append(0x0A) }
            if let bottom = previousBottom, line.box.y0 - bottom > 1.2 * em {
                output.append(0x0A)
            }
            previousBottom = line.box.y1
            var column = 0
            for word in line.words {
                let target = Int((word.box.x0 / columnWidth).rounded())
                let pad = column == 0 ? max(0, target) : max(1, target - column)
                output.append(contentsOf: repeatElement(0x20, count: pad))
                column += pad
                output.append(contentsOf: word.text.utf8)
                column += displayWidth(word.text)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Terminal columns of a string: East Asian wide and full-width characters take two.
    public static func displayWidth(_ text: String) -> Int {
        var width = 0
        for scalar in text.unicodeScalars { width += scalar.value < 0x1100 ? 1 : (isWide(scalar) ? 2 : 1) }
        return width
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

import Basics
import PDF
import ReportModel

/// The pictures of `extract --format debug`: for each page that holds a table, the page with what
/// the tokenizer saw drawn over it — the ruling lines it found (red), the cells of the ruled grid
/// (green; header cells shaded blue), the columns of a table read from whitespace (blue bands),
/// each column's header path at its top, and each fact's key (`row｜col`) over its figure.
///
/// For looking at, as pdfplumber's debug images are: what the picture shows is what the facts
/// say, so a figure under the wrong column or row shows as a wrong label over it.
public enum DebugPictures {
    /// One picture: its page and its PNG bytes.
    public struct Picture: Sendable {
        public var page: Int
        public var png: [UInt8]
    }

    /// The pictures of every table page of `report`, rendered from `document` at `scale` pixels
    /// per point.
    public static func pictures(_ report: Report, document: PDFDocument, scale: Double = 2) throws(PDFError)
        -> [Picture]
    {
        let facts = report.facts
        var byPage: [Int: [OverlayMark]] = [:]
        for table in report.tables {
            for layout in table.layout {
                var marks: [OverlayMark] = []
                for rule in layout.rules { marks.append(.fill(rule, rgb: 0xE5_3935, alpha: 0.9)) }
                for cell in layout.cells {
                    if cell.header { marks.append(.fill(cell.box, rgb: 0x1E_88E5, alpha: 0.10)) }
                    marks.append(
                        .outline(
                            cell.box.insetBy(-min(0.8, cell.box.width / 4, cell.box.height / 4)), rgb: 0x43_A047,
                            width: 0.4))
                }
                if layout.source == .whitespace {
                    for column in layout.columns {
                        marks.append(.fill(column.box, rgb: 0x1E_88E5, alpha: 0.06))
                        marks.append(.outline(column.box, rgb: 0x1E_88E5, width: 0.3))
                    }
                }
                // Header paths at the top of the columns, and where the grid came from.
                let top = layout.columns.map(\.box.y0).min() ?? 0
                for (index, column) in layout.columns.enumerated() where !column.path.isEmpty {
                    let y = top - 2 - Double(index % 3) * 4.5
                    marks.append(.text(column.path, x: column.box.x0 + 1, y: y, size: 4.5, rgb: 0x15_65C0))
                }
                let left = layout.columns.map(\.box.x0).min() ?? 0
                marks.append(
                    .text(
                        "\(table.key)：\(layout.source == .rules ? "由表格线得出" : "由文字间距得出")", x: left,
                        y: top - 16, size: 6, rgb: layout.source == .rules ? 0xC6_2828 : 0x15_65C0))
                byPage[layout.page, default: []].append(contentsOf: marks)
            }
        }
        for fact in facts {
            guard let box = fact.box else { continue }
            var marks = byPage[fact.page] ?? []
            let label = "\(fact.row)｜\(fact.col)"
            let size = 4.0
            // Half an em a character for ASCII, a whole one for the rest: room for a backing.
            let width = label.unicodeScalars.reduce(0.0) { $0 + ($1.isASCII ? 0.55 : 1) * size }
            let x = box.x1 - width
            marks.append(.outline(box, rgb: 0x8E_24AA, width: 0.5))
            marks.append(
                .fill(Rect(x0: x - 0.5, y0: box.y0 - size - 0.3, x1: box.x1, y1: box.y0), rgb: 0xFF_FFFF, alpha: 0.8))
            marks.append(.text(label, x: x, y: box.y0 - 1, size: size, rgb: 0x8E_24AA))
            byPage[fact.page] = marks
        }
        var pictures: [Picture] = []
        for page in byPage.keys.sorted() {
            let image = try document.render(page: page, scale: scale)
            let drawn = image.drawing(byPage[page] ?? [], scale: scale)
            pictures.append(Picture(page: page, png: drawn.pngData()))
        }
        return pictures
    }
}

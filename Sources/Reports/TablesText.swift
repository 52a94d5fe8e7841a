import Layout
import ReportModel

/// The recognised tables for a reader (`extract --format tables`): title, unit and pages, then one
/// line per row with its code, name and amounts under the column paths (wide characters count
/// two columns).
public enum TablesText {
    /// The report's department and year, each table, and the tokenizer's problems.
    public static func render(_ report: Report) -> String {
        var out: [String] = []
        if !report.entity.isEmpty || report.year != nil {
            out.append(
                [report.entity, report.year.map { "\($0)年度" } ?? ""].filter { !$0.isEmpty }.joined(separator: " "))
        }
        for table in report.tables {
            out.append("")
            let pages =
                table.pages.count > 1
                ? "pages \(table.pages.first!)–\(table.pages.last!)" : "page \(table.pages.first ?? 0)"
            out.append("\(table.title)  (\(table.unit.isEmpty ? "unit not stated" : "单位：" + table.unit), \(pages))")
            guard !table.rows.isEmpty else {
                out.append("  (no figures)" + (table.notes.isEmpty ? "" : "  " + table.notes.joined(separator: " ")))
                continue
            }
            let header = ["代码", "项目"] + table.columns
            var grid: [[String]] = [header]
            for row in table.rows {
                var line = [row.code ?? "", row.name]
                for column in table.columns {
                    line.append(row.cells.first { $0.column == column }?.amount?.description ?? "")
                }
                grid.append(line)
            }
            let widths = header.indices.map { k in grid.map { LayoutText.displayWidth($0[k]) }.max() ?? 0 }
            for (index, line) in grid.enumerated() {
                let padded = line.indices.map { k -> String in
                    let fill = String(repeating: " ", count: widths[k] - LayoutText.displayWidth(line[k]))
                    // Amounts right-aligned, text left-aligned.
                    return k >= 2 && index > 0 ? fill + line[k] : line[k] + fill
                }
                var text = "  " + padded.joined(separator: "  ")
                while text.last == " " { text.removeLast() }
                out.append(text)
            }
            for note in table.notes { out.append("  " + note) }
        }
        for problem in report.problems {
            out.append("")
            out.append(
                "PROBLEM\(problem.page.map { " p\($0)" } ?? "")\(problem.table.map { " " + $0 } ?? ""): \(problem.message)"
            )
        }
        return out.joined(separator: "\n")
    }
}

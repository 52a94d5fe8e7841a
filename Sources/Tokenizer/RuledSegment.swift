import Basics
import ReportModel

/// The words of a ruled grid, cell by cell.
struct FilledGrid {
    var grid: RuledGrid
    /// The tokens of each cell (index into `grid.cells`), in reading order.
    var tokens: [[Token]]

    /// The cell's text: its words in reading order, joined without spaces (as header words are).
    func text(_ cell: Int) -> String { tokens[cell].map(\.n).joined() }

    /// The grid with every cell that runs from above `row` into it cut in two there, its words
    /// going with the part they lie in (a header cell left open at the bottom runs into the first
    /// body row: 科目名称 over 合计).
    func splitting(atRow row: Int) -> FilledGrid {
        guard row > 0, row < grid.rowCount else { return self }
        var copy = self
        for index in grid.cells.indices where grid.cells[index].row < row && grid.cells[index].lastRow >= row {
            let cell = grid.cells[index]
            let top = GridCell(
                row: cell.row, column: cell.column, rowSpan: row - cell.row, columnSpan: cell.columnSpan,
                box: Rect(x0: cell.box.x0, y0: cell.box.y0, x1: cell.box.x1, y1: grid.ys[row]))
            let bottom = GridCell(
                row: row, column: cell.column, rowSpan: cell.lastRow - row + 1, columnSpan: cell.columnSpan,
                box: Rect(x0: cell.box.x0, y0: grid.ys[row], x1: cell.box.x1, y1: cell.box.y1))
            let split = grid.ys[row]
            copy.grid.cells[index] = top
            copy.tokens[index] = tokens[index].filter { $0.box.midY < split }
            copy.grid.cells.append(bottom)
            copy.tokens.append(tokens[index].filter { $0.box.midY >= split })
            let newIndex = copy.grid.cells.count - 1
            for j in row...cell.lastRow {
                for i in cell.column...cell.lastColumn { copy.grid.slotCell[j][i] = newIndex }
            }
        }
        copy.index()
        return copy
    }

    /// The cells whose first row is `row`, left to right, that hold any word.
    func cells(startingIn row: Int) -> [Int] { row < byRow.count ? byRow[row] : [] }

    /// ``cells(startingIn:)`` of every row, worked out once.
    private(set) var byRow: [[Int]] = []

    init(grid: RuledGrid, tokens: [[Token]]) {
        self.grid = grid
        self.tokens = tokens
        index()
    }

    private mutating func index() {
        var rows = Array(repeating: [Int](), count: grid.rowCount)
        for cell in grid.cells.indices where !tokens[cell].isEmpty { rows[grid.cells[cell].row].append(cell) }
        byRow = rows.map { $0.sorted { grid.cells[$0].column < grid.cells[$1].column } }
    }
}

extension TableBuilder {
    /// The grid that holds the segment's figures, if one grid holds every one of them and has
    /// ruled columns to place them in.
    static func ruledGrid(for lines: [Line], on page: PreparedPage) -> FilledGrid? {
        guard !page.grids.isEmpty else { return nil }
        let figures = lines.flatMap { $0.tokens.filter { $0.kind == .number && !$0.isDigits } }
        guard !figures.isEmpty else { return nil }
        for grid in page.grids where grid.columnCount >= 2 {
            let inside = figures.filter { grid.cell(atX: $0.box.midX, y: $0.box.midY) != nil }
            Debug.log(
                "page \(page.number): grid \(grid.columnCount)×\(grid.rowCount) at \(grid.box): \(inside.count) of \(figures.count) figures inside"
            )
            guard inside.count == figures.count else { continue }
            var tokens = Array(repeating: [Token](), count: grid.cells.count)
            for line in lines {
                for token in line.tokens {
                    if let cell = grid.cell(atX: token.box.midX, y: token.box.midY) { tokens[cell].append(token) }
                }
            }
            for index in tokens.indices {
                tokens[index].sort { ($0.line, $0.box.x0) < ($1.line, $1.box.x0) }
            }
            return FilledGrid(grid: grid, tokens: tokens)
        }
        return nil
    }

    /// Reads a segment whose table is ruled: columns from the vertical rules, header paths from
    /// the header cells' spans, one row per ruled row. Returns false (nothing read) when the
    /// grid does not give a usable table, so that the whitespace reading takes over.
    mutating func addRuledSegment(
        page: PreparedPage, lines segment: [Line], filled whole: FilledGrid, continuation: Bool
    ) -> Bool {
        let em = page.em
        // The first row with a figure (a number that is not a 栏次 row) starts the body.
        var bodyStart: Int?
        var columnNumberRow: Int?
        for row in 0..<whole.grid.rowCount {
            let tokens = whole.cells(startingIn: row).flatMap { whole.tokens[$0] }
            guard !tokens.isEmpty else { continue }
            if Self.isColumnNumberRow(tokens) {
                columnNumberRow = row
                continue
            }
            if tokens.contains(where: \.isNumeric) {
                bodyStart = row
                break
            }
        }
        guard let firstBody = bodyStart else { return false }
        let filled = whole.splitting(atRow: firstBody)
        let grid = filled.grid
        if Debug.enabled {
            for cell in grid.cells.indices where !filled.tokens[cell].isEmpty {
                let c = grid.cells[cell]
                Debug.log("  cell r\(c.row)+\(c.rowSpan) c\(c.column)+\(c.columnSpan): \(filled.text(cell))")
            }
        }
        let bodyRows = Array(firstBody..<grid.rowCount)
        // Name columns: where the body's words are (cells of one column).
        var textColumns = Set<Int>()
        var numberColumns = Set<Int>()
        for row in bodyRows {
            for cell in filled.cells(startingIn: row) where grid.cells[cell].columnSpan == 1 {
                let column = grid.cells[cell].column
                let words = filled.tokens[cell].filter { !labels.codeCells.contains($0.n) }
                if words.isEmpty { continue }
                if words.contains(where: { $0.kind == .text }) {
                    textColumns.insert(column)
                } else {
                    numberColumns.insert(column)
                }
            }
        }
        // Header rows: above the body, with a word over a column that is not a name column (a
        // row of words in the name columns only is a body row: a continued table's first rows).
        var headerRows: [Int] = []
        var firstRow = firstBody
        for row in 0..<firstBody where row != columnNumberRow {
            let cells = filled.cells(startingIn: row)
            guard !cells.isEmpty else { continue }
            let overValues = cells.contains { cell in
                let c = grid.cells[cell]
                return (c.column...c.lastColumn).contains { !textColumns.contains($0) || numberColumns.contains($0) }
            }
            if firstRow == firstBody && overValues {
                headerRows.append(row)
            } else {
                firstRow = min(firstRow, row)
            }
        }
        let rows = Array(firstRow..<grid.rowCount).filter { $0 != columnNumberRow && !headerRows.contains($0) }

        // The grid must separate the figures' columns: a cell holding figures of several columns
        // is for the whitespace reading. A cell holding figures of several lines (body rows not
        // ruled, only columns) keeps the ruled columns and takes its rows from the lines.
        var rowsRuled = true
        for row in rows {
            for cell in filled.cells(startingIn: row) {
                let figures = filled.tokens[cell].filter(\.isNumeric)
                guard !figures.isEmpty else { continue }
                let lines = Set(figures.map(\.line))
                if grid.cells[cell].columnSpan > 1 || lines.count < figures.count {
                    Debug.log("ruled segment \(title) page \(page.number): columns not separated by the grid")
                    return false
                }
                if lines.count > 1 { rowsRuled = false }
            }
        }

        // Columns.
        var columns: [GridColumn] = []
        var slotOfColumn: [Int] = []
        let headerCells = headerRows.flatMap { filled.cells(startingIn: $0) }
        for slot in 0..<grid.columnCount {
            let body = rows.flatMap { row in
                filled.cells(startingIn: row).filter {
                    grid.cells[$0].column == slot && grid.cells[$0].columnSpan == 1
                }.flatMap { filled.tokens[$0] }
            }.filter { !labels.codeCells.contains($0.n) }  // 类 / 款 / 项 over the codes, in the first body row
            let headed = headerCells.contains { grid.cells[$0].covers(column: slot) }
            // Names spanning this column and others (人员经费合计 over the code and name columns).
            let spanningText = rows.contains { row in
                filled.cells(startingIn: row).contains {
                    grid.cells[$0].columnSpan > 1 && grid.cells[$0].covers(column: slot)
                        && filled.tokens[$0].contains { $0.kind == .text }
                }
            }
            guard !body.isEmpty || headed || spanningText else { continue }
            var column = GridColumn(role: .value, lo: grid.xs[slot], hi: grid.xs[slot + 1])
            if let lo = body.map(\.box.x0).min(), let hi = body.map(\.box.x1).max() {
                column.lo = lo
                column.hi = hi
            }
            column.left = grid.xs[slot]
            column.right = grid.xs[slot + 1]
            column.virtual = body.isEmpty
            let path = headerCells.filter { grid.cells[$0].covers(column: slot) }
                .sorted { grid.cells[$0].row < grid.cells[$1].row }.map { filled.text($0) }
            column.path = path.joined(separator: "/")
            let hint = path.last ?? ""
            // Words more than figures: a name column (a stray word in a column of figures is not).
            let words = body.filter { $0.kind == .text }.count
            if (words > 0 && words >= body.count - words) || (body.isEmpty && spanningText) {
                column.role = .name
            } else if let hinted = Self.hintedRole(
                hint, digitsOnly: !body.isEmpty && body.allSatisfy { $0.isDigits || $0.kind == .dash })
            {
                column.role = hinted
            } else if body.isEmpty, let earlier = model?.columns.first(where: { $0.path == column.path }) {
                // Blank on this page under a header read before: what it was there (a name column
                // left empty on a continuation page is still a name column).
                column.role = earlier.role
            }
            columns.append(column)
            slotOfColumn.append(slot)
        }
        // A digits-only column just left of a name or code column holds codes, as in the
        // whitespace reading.
        for k in columns.indices.reversed() where columns[k].role == .value && k + 1 < columns.count {
            let tokens = rows.flatMap { row in
                filled.cells(startingIn: row).filter {
                    grid.cells[$0].column == slotOfColumn[k] && grid.cells[$0].columnSpan == 1
                }.flatMap { filled.tokens[$0] }
            }.filter { !labels.codeCells.contains($0.n) }
            let next = columns[k + 1].role
            if !tokens.isEmpty, tokens.allSatisfy({ $0.isDigits && $0.n.count <= 9 }), next == .name || next == .code {
                columns[k].role = .code
            }
        }
        guard columns.contains(where: { $0.role == .value }) else { return false }

        let pageModel: ColumnModel
        if headerRows.isEmpty {
            // A continuation page without its header: the columns read before, where they match.
            guard let previous = model, continuation else { return false }
            for k in columns.indices {
                // The column over the same band: its role and path (the header page knew them).
                let match = previous.columns.first { old in
                    let centre = (old.left + old.right) / 2
                    return centre >= columns[k].left && centre < columns[k].right
                }
                guard let match else {
                    if columns[k].role == .value {
                        Debug.log(
                            "ruled segment \(title) page \(page.number): column \(k) (\(Int(columns[k].left))–\(Int(columns[k].right))) matches none of the columns before: \(previous.columns.map { "\($0.role):\(Int($0.left))–\(Int($0.right))" })"
                        )
                        return false
                    }
                    continue
                }
                columns[k].path = match.path
                columns[k].role = match.role
            }
            Self.assignBlocks(&columns)
            // This page's columns read this page; the table keeps the columns of its header page
            // (blank columns included).
            pageModel = ColumnModel(columns: columns, header: previous.header)
        } else {
            Self.assignBlocks(&columns)
            pageModel = ColumnModel(columns: columns, header: Self.headerTree(columns))
            model = pageModel
        }
        modelSignature = ""
        Debug.log(
            "ruled segment \(title) page \(page.number): grid \(grid.columnCount)×\(grid.rowCount), header rows \(headerRows), body \(rows.count) rows; columns \(columns.map { "\($0.role):\($0.path)" })"
        )

        // Group labels: name cells spanning rows that are items of their own, each with a name cell
        // further right (一般公共预算资金 beside 小计, 公共财政拨款…). A name wrapped over two rows is
        // no group, nor one beside the rows of a describing column (采购组织形式).
        let attributeSlots = Set(
            columns.indices.filter { k in
                columns[k].role == .name
                    && labels.attributeColumns.contains(
                        columns[k].path.split(separator: "/").last.map(String.init) ?? "")
            }.map { slotOfColumn[$0] })
        let nameSlots = Set(columns.indices.filter { columns[$0].role == .name }.map { slotOfColumn[$0] })
            .subtracting(attributeSlots)
        let groupLabels = Set(
            rows.flatMap { filled.cells(startingIn: $0) }.filter { index in
                let cell = grid.cells[index]
                guard cell.rowSpan > 1, nameSlots.contains(cell.column),
                    filled.tokens[index].contains(where: { $0.kind == .text })
                else { return false }
                let spanned = cell.row...cell.lastRow
                let itemRows = spanned.filter { row in
                    filled.cells(startingIn: row).contains {
                        grid.cells[$0].column > cell.lastColumn && nameSlots.contains(grid.cells[$0].column)
                            && filled.tokens[$0].contains { $0.kind == .text }
                    }
                }
                return itemRows.count >= 2
            })
        // …a column whose names are mostly such labels: its one-row names are group labels too
        // (政府性基金 beside its one 小计); a column of items with one item split in two is not.
        let groupColumns = Set(
            nameSlots.filter { slot in
                let names = rows.flatMap { filled.cells(startingIn: $0) }.filter {
                    grid.cells[$0].column == slot && filled.tokens[$0].contains { $0.kind == .text }
                }
                let labels = names.filter(groupLabels.contains).count
                return labels > 0 && labels >= names.count - labels
            })
        // One line per ruled row: each cell's words as one word, level with the row.
        var lines: [Line] = []
        for row in rows {
            let mid = (grid.ys[row] + grid.ys[row + 1]) / 2
            var tokens: [Token] = []
            var namesByBlock: [Int: [(cell: Int, spansRows: Bool, slot: Int)]] = [:]
            for cell in filled.cells(startingIn: row) {
                let c = grid.cells[cell]
                let own = filled.tokens[cell]
                if own.allSatisfy(\.isNumeric) {
                    for var token in own {
                        token.box = Rect(x0: token.box.x0, y0: mid - 0.1 * em, x1: token.box.x1, y1: mid + 0.1 * em)
                        tokens.append(token)
                    }
                    continue
                }
                // A name over several columns names the figures of the last name column it covers.
                let covered = (c.column...c.lastColumn).compactMap { slot in
                    slotOfColumn.firstIndex(of: slot)
                }
                // Words in a code or value column alone (类 / 款 / 项 over the codes) name nothing.
                guard let target = covered.last(where: { columns[$0].role == .name }) else { continue }
                namesByBlock[columns[target].block, default: []].append(
                    (cell, groupLabels.contains(cell) || groupColumns.contains(c.column), target))
            }
            for (_, names) in namesByBlock {
                // The row's own name: the leftmost name cell of this row, before a group label
                // beside its items, and before a describing column's cell.
                let own = names.filter { !$0.spansRows && !attributeSlots.contains(grid.cells[$0.cell].column) }
                let naming = names.filter { !attributeSlots.contains(grid.cells[$0.cell].column) }
                let candidates = !own.isEmpty ? own : !naming.isEmpty ? naming : names
                guard let chosen = candidates.min(by: { $0.slot < $1.slot }) else { continue }
                let words = filled.tokens[chosen.cell]
                var token = words[0]
                token.text = words.map(\.text).joined()
                token.n = filled.text(chosen.cell)
                token.kind = .text
                token.amount = nil
                token.isDigits = false
                let column = columns[chosen.slot]
                token.box = Rect(
                    x0: column.left + 0.5, y0: mid - 0.1 * em, x1: max(column.left + 1, column.right - 0.5),
                    y1: mid + 0.1 * em)
                token.display = words.dropFirst().reduce(words[0].display) { $0.union($1.display) }
                tokens.append(token)
            }
            guard !tokens.isEmpty else { continue }
            let index = tokens.map(\.line).min() ?? 0
            let box = tokens.dropFirst().reduce(tokens[0].box) { $0.union($1.box) }
            lines.append(Line(index: index, tokens: tokens.sorted { $0.box.x0 < $1.box.x0 }, box: box, n: ""))
        }
        if !pages.contains(page.number) { pages.append(page.number) }
        let box = grid.box
        layouts.append(
            TableLayout(
                page: page.number, source: .rules,
                columns: Self.layoutColumns(pageModel, from: box.y0, to: box.y1, on: page),
                cells: grid.cells.indices.map { index in
                    let cell = grid.cells[index]
                    return TableLayout.GridCell(
                        row: cell.row, column: cell.column, rowSpan: cell.rowSpan, columnSpan: cell.columnSpan,
                        box: page.display(cell.box), text: filled.text(index), header: cell.row < firstBody)
                },
                rules: grid.rules.map(page.display)))
        if rowsRuled {
            readRows(lines, model: pageModel, page: page, ruledRows: true)
        } else {
            // Rows from the text lines below the header, their words inside the grid.
            let top = grid.ys[firstRow]
            let body = segment.compactMap { line -> Line? in
                guard !Self.isColumnNumberLine(line) else { return nil }
                var line = line
                line.tokens = line.tokens.filter { token in
                    token.box.midY >= top && grid.cell(atX: token.box.midX, y: token.box.midY) != nil
                }
                return line.tokens.isEmpty ? nil : line
            }
            readRows(body, model: pageModel, page: page)
        }
        return true
    }
}

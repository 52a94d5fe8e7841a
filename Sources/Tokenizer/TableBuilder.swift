import Basics
import ReportModel

/// What a column of a table holds.
enum ColumnRole: String, Sendable {
    case code, name, rowNumber, value
}

/// A column of a rebuilt table: where its content lies, what it holds, its header path.
struct GridColumn: Sendable {
    var role: ColumnRole
    /// The horizontal range of its content (upright frame).
    var lo: Double
    var hi: Double
    /// The range of page it owns: from the boundary with its left neighbour to the right one.
    var left: Double = 0
    var right: Double = 0
    var path: String = ""
    var block: Int = 0
    var virtual = false

    var centre: Double { (lo + hi) / 2 }
}

/// A header word (words of one header line closer than half an em are joined).
struct HeaderWord: Sendable {
    var n: String
    var box: Rect
    var line: Int
    var size: Double
}

/// The columns of a table, as read from a page with a header (and reused on continuation pages).
struct ColumnModel: Sendable {
    var columns: [GridColumn]
    var header: [HeaderNode]

    /// The column owning horizontal position `x`.
    func column(at x: Double) -> Int? {
        guard !columns.isEmpty else { return nil }
        for (index, column) in columns.enumerated() where x >= column.left && x < column.right {
            return index
        }
        return x < columns[0].left ? 0 : columns.count - 1
    }
}

/// Collects one table's text page by page and rebuilds its rows.
struct TableBuilder {
    var title: String
    var kind: TableKind
    var entity = ""
    var unit = ""
    var pages: [Int] = []
    var notes: [String] = []
    var closed = false
    var model: ColumnModel?
    var rows: [ReportRow] = []
    var problems: [Problem] = []
    var droppedNumbers = 0
    /// The header text the current column model was read from.
    var modelSignature = ""
    /// The last 类 code seen in each block, for rows that print only 款/项.
    var lastClass: [Int: String] = [:]
    /// How each page of the table was read.
    var layouts: [TableLayout] = []

    init(title: String, kind: TableKind, firstPage: Int) {
        self.title = title
        self.kind = kind
        self.pages = [firstPage]
    }

    func build() -> (ReportTable?, [Problem]) {
        var problems = self.problems
        let hasRounding = notes.contains { note in
            let n = Normalization.n(note)
            return labels.roundingNoteWords.contains(where: n.contains)
        }
        var table = ReportTable(
            kind: kind, title: title, entity: entity, unit: unit, pages: pages, header: model?.header ?? [],
            columns: model?.columns.filter { $0.role == .value }.map(\.path) ?? [], notes: notes,
            roundingNote: hasRounding, rows: rows)
        table.layout = layouts
        let figures = rows.flatMap(\.cells).filter { $0.amount != nil }
        let unlabelled = figures.filter { $0.column.isEmpty }
        if !unlabelled.isEmpty {
            let pagesText = Set(unlabelled.map(\.page)).sorted().map(String.init).joined(separator: ", ")
            problems.append(
                Problem(
                    page: unlabelled[0].page, table: title,
                    message: "table \(title): \(unlabelled.count) figures under no column header (pages \(pagesText))"))
        }
        if figures.isEmpty && droppedNumbers > 0 {
            problems.append(
                Problem(
                    page: pages.first, table: title, message: "table \(title): its figures could not be placed in rows")
            )
        }
        return (table, problems)
    }

    // MARK: - Segments

    mutating func addSegment(page: PreparedPage, lines: [Line], continuation: Bool) {
        guard !lines.isEmpty else { return }
        if let filled = Self.ruledGrid(for: lines, on: page),
            addRuledSegment(page: page, lines: lines, filled: filled, continuation: continuation)
        {
            return
        }
        if !pages.contains(page.number) { pages.append(page.number) }
        let em = page.em
        var columnNumberLine: Int?
        for (k, line) in lines.enumerated().prefix(16) {
            if line.tokens.contains(where: { $0.kind == .number && !$0.isDigits }) { break }
            if Self.isColumnNumberLine(line) {
                columnNumberLine = k
                break
            }
        }
        var bodyStart: Int
        if let c = columnNumberLine {
            bodyStart = c + 1
        } else {
            bodyStart = lines.firstIndex { line in line.tokens.contains { $0.kind == .number } } ?? lines.count
            // A wrapped first name printed above its figures belongs to the body: its words start
            // exactly where the body's names start.
            let bodyStarts = lines[bodyStart...].flatMap { $0.tokens.filter { $0.kind == .text }.map(\.box.x0) }
            while bodyStart > 0 && bodyStart < lines.count {
                let candidate = lines[bodyStart - 1]
                let aligned =
                    !candidate.tokens.isEmpty
                    && candidate.tokens.allSatisfy { token in
                        token.kind == .text && bodyStarts.contains { abs($0 - token.box.x0) < 1.0 }
                    }
                let pitch = lines[bodyStart].box.midY - candidate.box.midY
                guard aligned, pitch < 1.6 * em, Meta.parse(candidate) == nil else { break }
                bodyStart -= 1
            }
        }
        var headerLines = Array(lines[0..<bodyStart]).enumerated().filter { $0.offset != columnNumberLine }
            .map(\.element).filter { Meta.parse($0) == nil }
        // On a continuation page, a few lines of name text above the first figures are body.
        if continuation, columnNumberLine == nil, let model, !headerLines.isEmpty, headerLines.count <= 2 {
            let inNames = headerLines.allSatisfy { line in
                line.tokens.allSatisfy { token in
                    guard let index = model.column(at: token.box.midX) else { return false }
                    return model.columns[index].role == .name
                }
            }
            if inNames {
                bodyStart = lines.firstIndex { $0.index == headerLines[0].index } ?? 0
                headerLines = []
            }
        }
        let body = Array(lines[bodyStart...])
        Debug.log(
            "segment \(title) page \(page.number) lines \(lines.count) header \(headerLines.count) body \(body.count) continuation \(continuation)"
        )
        // A repeated header identical to the one already read: keep the columns read before (the
        // first page has more rows to place them by).
        let signature = headerLines.map { $0.n }.joined(separator: "|")
        if model != nil, !headerLines.isEmpty, signature == modelSignature {
            headerLines = []
        }
        if !headerLines.isEmpty || model == nil {
            modelSignature = signature
            let columnNumbers = columnNumberLine.map { lines[$0].tokens.filter(\.isDigits) } ?? []
            model = Self.buildModel(header: headerLines, body: body, columnNumbers: columnNumbers, em: em)
            if headerLines.isEmpty {
                problems.append(
                    Problem(page: page.number, table: title, message: "table \(title): no column header found"))
            }
        }
        guard let model else {
            droppedNumbers += body.reduce(0) { $0 + $1.tokens.filter { $0.kind == .number }.count }
            return
        }
        let top = lines.map(\.box.y0).min() ?? 0
        let bottom = lines.map(\.box.y1).max() ?? 0
        layouts.append(
            TableLayout(
                page: page.number, source: .whitespace,
                columns: Self.layoutColumns(model, from: top, to: bottom, on: page)))
        readRows(body, model: model, page: page)
    }

    /// The columns as `extract --format json` shows them: role, path and band (display space).
    static func layoutColumns(_ model: ColumnModel, from top: Double, to bottom: Double, on page: PreparedPage)
        -> [TableLayout.Column]
    {
        model.columns.map { column in
            TableLayout.Column(
                role: column.role.rawValue, path: column.path,
                box: page.display(Rect(x0: column.left, y0: top, x1: column.right, y1: bottom)))
        }
    }

    /// The 栏次 line: labelled 栏次, or the column numbers 1, 2, 3 … alone.
    static func isColumnNumberLine(_ line: Line) -> Bool { isColumnNumberRow(line.tokens) }

    /// The words of a 栏次 line or ruled row: labelled 栏次, or the column numbers 1, 2, 3 … alone.
    static func isColumnNumberRow(_ tokens: [Token]) -> Bool {
        let ordered = tokens.sorted { $0.box.x0 < $1.box.x0 }
        let text = ordered.map(\.n).joined()
        if labels.columnNumberWords.contains(where: text.contains) { return true }
        guard ordered.count >= 2, ordered.allSatisfy(\.isDigits) else { return false }
        let numbers = ordered.compactMap { Int($0.n) }
        guard numbers.first == 1 else { return false }
        for k in 1..<numbers.count where numbers[k] != numbers[k - 1] + 1 { return false }
        return true
    }

    /// The role a column's header word gives it: 行次 → row numbers; 编码 / 类 / 款 / 项 → codes
    /// when the column holds digits only (else figures); nil when the header says nothing.
    static func hintedRole(_ hint: String, digitsOnly: Bool) -> ColumnRole? {
        if labels.rowNumberWords.contains(where: hint.contains) || labels.rowNumberCells.contains(hint) {
            return .rowNumber
        }
        if labels.codeWords.contains(where: hint.contains) || labels.codeCells.contains(hint) {
            return digitsOnly ? .code : .value
        }
        return nil
    }

    // MARK: - Columns and header

    struct Cluster {
        var lo: Double
        var hi: Double
        var tokens: [Token]
    }

    /// Groups tokens whose horizontal ranges overlap (transitively).
    static func clusters(_ tokens: [Token]) -> [Cluster] {
        let sorted = tokens.sorted { $0.box.x0 < $1.box.x0 }
        var result: [Cluster] = []
        for token in sorted {
            if var last = result.last, token.box.x0 < last.hi - 0.3 {
                last.hi = max(last.hi, token.box.x1)
                last.tokens.append(token)
                result[result.count - 1] = last
            } else {
                result.append(Cluster(lo: token.box.x0, hi: token.box.x1, tokens: [token]))
            }
        }
        return result
    }

    static func buildModel(header: [Line], body: [Line], columnNumbers: [Token], em: Double) -> ColumnModel {
        let bodyTokens = body.flatMap(\.tokens)
        var columns: [GridColumn] = []
        var roles: [ColumnRole?] = []
        var digitsOnly: [Bool] = []
        for cluster in clusters(bodyTokens.filter(\.isNumeric)) {
            columns.append(GridColumn(role: .value, lo: cluster.lo, hi: cluster.hi))
            roles.append(nil)
            digitsOnly.append(cluster.tokens.allSatisfy { $0.isDigits || $0.kind == .dash })
        }
        let textClusters = clusters(bodyTokens.filter { $0.kind == .text })
        let largest = textClusters.map(\.tokens.count).max() ?? 0
        // A few words set apart from the name columns (a label centred over merged cells) are no column.
        for cluster in textClusters where cluster.tokens.count >= 3 || largest < 3 {
            let starts = cluster.tokens.map(\.box.x0).sorted()
            let lo = starts[starts.count / 2]
            columns.append(GridColumn(role: .name, lo: min(lo, cluster.hi - 1), hi: cluster.hi))
            roles.append(.name)
            digitsOnly.append(false)
        }
        // Column numbers over columns left blank on this page: each figure column takes the
        // right-most number between its left neighbour and its own right edge; the rest are blank columns.
        let byPosition = columns.sorted { $0.lo < $1.lo }
        var taken = Set<Int>()
        for (position, column) in byPosition.enumerated() where column.role == .value {
            let lower = position > 0 ? byPosition[position - 1].hi : -Double.infinity
            let candidates = columnNumbers.indices.filter {
                columnNumbers[$0].box.midX > lower && columnNumbers[$0].box.midX <= column.hi + 0.5 * em
            }
            if let best = candidates.max(by: { columnNumbers[$0].box.midX < columnNumbers[$1].box.midX }) {
                taken.insert(best)
            }
        }
        for (index, token) in columnNumbers.enumerated() where !taken.contains(index) {
            columns.append(GridColumn(role: .value, lo: token.box.x0, hi: token.box.x1, virtual: true))
            roles.append(.value)
            digitsOnly.append(false)
        }
        var order = Array(columns.indices)
        order.sort { columns[$0].centre < columns[$1].centre }
        columns = order.map { columns[$0] }
        roles = order.map { roles[$0] }
        digitsOnly = order.map { digitsOnly[$0] }

        let words = headerWords(header, em: em)
        // Roles of numeric columns: header hints first, then content.
        for k in columns.indices where roles[k] == nil {
            let hint = words.filter { $0.box.x1 > columns[k].lo + 0.3 && $0.box.x0 < columns[k].hi - 0.3 }
                .sorted { $0.box.y0 < $1.box.y0 }.map(\.n).joined()
            roles[k] = Self.hintedRole(hint, digitsOnly: digitsOnly[k])
        }
        for k in columns.indices where roles[k] == nil {
            guard digitsOnly[k] else {
                roles[k] = .value
                continue
            }
            // A digits-only column just left of a name (or another code) column holds codes.
            var next = k + 1
            while next < columns.count && roles[next] == nil && digitsOnly[next] { next += 1 }
            let tokens = bodyTokens.filter {
                $0.isDigits && $0.box.midX >= columns[k].lo && $0.box.midX <= columns[k].hi
            }
            let lengthsFit = tokens.allSatisfy { $0.n.count <= 9 }
            if next < columns.count, roles[next] == .name || roles[next] == .code, lengthsFit,
                next == k + 1 || (k + 1..<next).allSatisfy({ digitsOnly[$0] })
            {
                roles[k] = .code
            } else if isRowNumbers(tokens) {
                roles[k] = .rowNumber
            } else {
                roles[k] = .value
            }
        }
        for k in columns.indices { columns[k].role = roles[k] ?? .value }

        // Leaf header cells over columns left blank on this page (no 栏次 row to tell): a leaf
        // over no content whose nearest column is headed by another leaf is a column of its own.
        let cells = headerCells(words, em: em)
        let leaves = cells.indices.filter { c in
            !cells.indices.contains { d in
                d != c && cells[d].box.y0 >= cells[c].box.y1 - 0.2 * em
                    && min(cells[d].box.x1, cells[c].box.x1) - max(cells[d].box.x0, cells[c].box.x0)
                        > 0.5 * min(cells[d].box.width, cells[c].box.width)
            }
        }
        func overlapsContent(_ box: Rect, _ column: GridColumn) -> Bool {
            column.hi > box.x0 + 0.5 && column.lo < box.x1 - 0.5
        }
        var added: [GridColumn] = []
        for c in leaves where columnNumbers.isEmpty && !columns.contains(where: { overlapsContent(cells[c].box, $0) }) {
            let box = cells[c].box
            func gap(_ column: GridColumn) -> Double { max(column.lo - box.x1, box.x0 - column.hi, 0) }
            guard let nearest = columns.indices.min(by: { gap(columns[$0]) < gap(columns[$1]) }),
                columns[nearest].role == .value
            else { continue }
            let rival = leaves.contains { d in
                d != c
                    && (overlapsContent(cells[d].box, columns[nearest])
                        || gap(columns[nearest])
                            > max(
                                columns[nearest].lo - cells[d].box.x1, cells[d].box.x0 - columns[nearest].hi, 0))
                    && abs(cells[d].box.midY - box.midY) < 2 * em
            }
            if rival {
                added.append(GridColumn(role: .value, lo: box.x0, hi: box.x1, virtual: true))
            }
        }
        if !added.isEmpty {
            columns.append(contentsOf: added)
            columns.sort { $0.centre < $1.centre }
        }

        // Extents: boundaries halfway across the gaps between contents.
        let allX0 = (bodyTokens.map(\.box.x0) + words.map(\.box.x0)).min() ?? 0
        let allX1 = (bodyTokens.map(\.box.x1) + words.map(\.box.x1)).max() ?? 0
        for k in columns.indices {
            if k == 0 {
                columns[k].left = min(allX0, columns[k].lo) - 1
            } else {
                let a = columns[k - 1]
                let b = columns[k]
                columns[k].left = a.hi <= b.lo ? (a.hi + b.lo) / 2 : (a.centre + b.centre) / 2
            }
            if k > 0 { columns[k - 1].right = columns[k].left }
        }
        if !columns.isEmpty { columns[columns.count - 1].right = max(allX1, columns[columns.count - 1].hi) + 1 }

        assignBlocks(&columns)

        let header = assignHeader(cells, to: &columns, em: em)
        if Debug.enabled {
            for c in columns {
                Debug.log(
                    "col \(c.role) lo=\(Int(c.lo)) hi=\(Int(c.hi)) ext=\(Int(c.left))..\(Int(c.right)) block=\(c.block) path=\(c.path)"
                )
            }
        }
        return ColumnModel(columns: columns, header: header)
    }

    /// Blocks: a code or name column after a name or value starts a new block (收入 | 支出 side
    /// by side).
    static func assignBlocks(_ columns: inout [GridColumn]) {
        var block = -1
        var hasNameOrValue = false
        for k in columns.indices {
            let role = columns[k].role
            if role == .code || role == .name {
                let previousIsCode = k > 0 && columns[k - 1].role == .code && block >= 0
                // Name columns side by side (a tree printed across columns: 品目 | 专项 | 物品) are one block.
                let previousIsName = k > 0 && columns[k - 1].role == .name && role == .name
                if block < 0 || (hasNameOrValue && !(role == .name && previousIsCode) && !previousIsName) {
                    block += 1
                    hasNameOrValue = false
                }
                if role == .name { hasNameOrValue = true }
            } else {
                if block < 0 { block = 0 }
                if role == .value { hasNameOrValue = true }
            }
            columns[k].block = max(block, 0)
        }
    }

    static func isRowNumbers(_ tokens: [Token]) -> Bool {
        let numbers = tokens.sorted { $0.box.y0 < $1.box.y0 }.compactMap { Int($0.n) }
        guard numbers.count >= 2 else { return false }
        for k in 1..<numbers.count where numbers[k] != numbers[k - 1] + 1 { return false }
        return numbers[0] < 100
    }

    /// Header lines → words, joining neighbours on a line closer than half an em.
    static func headerWords(_ lines: [Line], em: Double) -> [HeaderWord] {
        var words: [HeaderWord] = []
        for line in lines {
            var current: HeaderWord?
            for token in line.tokens.sorted(by: { $0.box.x0 < $1.box.x0 }) {
                // Words of neighbouring cells (a few points apart) are not joined.
                let gap = token.box.x0 - (current?.box.x1 ?? -Double.infinity)
                if var word = current, gap < 0.3 * em {
                    word.n += token.n
                    word.box = word.box.union(token.box)
                    current = word
                } else {
                    if let word = current { words.append(word) }
                    current = HeaderWord(n: token.n, box: token.box, line: line.index, size: token.size)
                }
            }
            if let word = current { words.append(word) }
        }
        return words
    }

    /// A header cell: header words stacked tightly (a wrapped text), with the run of columns it heads.
    struct HeaderCell {
        var words: [HeaderWord]
        var box: Rect
        var i = 0
        var j = 0
        var text: String { words.map(\.n).joined() }
    }

    /// Joins header words into cells (lines of one wrapped text sit closer than about half an em),
    /// gives every cell the run of columns it heads — the best centred run that no cell beside it
    /// claims and that strictly holds the cells under it — and writes each column's path from the
    /// top cell down.
    static func headerCells(_ words: [HeaderWord], em: Double) -> [HeaderCell] {
        var cells: [HeaderCell] = []
        for word in words.sorted(by: { $0.box.y0 < $1.box.y0 || ($0.box.y0 == $1.box.y0 && $0.box.x0 < $1.box.x0) }) {
            let target = cells.indices.filter { k in
                let cell = cells[k]
                let last = cell.words[cell.words.count - 1]
                // Lines of one wrapped text follow at the line pitch (about 1.3 × the font size at
                // most, 1.5 × with LibreOffice); the next header row sits lower (1.65 × or more).
                let pitch = (word.box.y0 + word.box.y1) / 2 - (last.box.y0 + last.box.y1) / 2
                let overlap = min(word.box.x1, cell.box.x1) - max(word.box.x0, cell.box.x0)
                return last.line != word.line && pitch > 0.5 * word.size && pitch < 1.58 * max(word.size, last.size)
                    && overlap > 0.5 * min(word.box.width, cell.box.width)
            }.last
            if let k = target {
                cells[k].words.append(word)
                cells[k].box = cells[k].box.union(word.box)
            } else {
                cells.append(HeaderCell(words: [word], box: word.box))
            }
        }
        return cells
    }

    static func assignHeader(_ cellsIn: [HeaderCell], to columns: inout [GridColumn], em: Double) -> [HeaderNode] {
        guard !columns.isEmpty, !cellsIn.isEmpty else { return [] }
        var cells = cellsIn
        let bandTop = cells.map(\.box.y0).min() ?? 0
        let bandMid = (bandTop + (cells.map(\.box.y1).max() ?? 0)) / 2
        let coveredBy: [[Int]] = cells.map { cell in
            let x0 = cell.box.x0 + 0.5
            let x1 = cell.box.x1 - 0.5
            let found = columns.indices.filter { columns[$0].hi > x0 && columns[$0].lo < x1 }
            if !found.isEmpty { return found }
            let mid = cell.box.midX
            return [
                columns.indices.first { mid >= columns[$0].left && mid < columns[$0].right }
                    ?? (mid < columns[0].left ? 0 : columns.count - 1)
            ]
        }
        // Bottom cells first, so parents can be made to hold their children.
        let order = cells.indices.sorted { cells[$0].box.y1 > cells[$1].box.y1 }
        var done: [Int] = []
        var leafCentre: [Int: Double] = [:]
        for c in order {
            let cell = cells[c]
            let x0 = cell.box.x0 + 0.5
            let x1 = cell.box.x1 - 0.5
            let covered = columns.indices.filter { columns[$0].hi > x0 && columns[$0].lo < x1 }
            let beside = cells.indices.filter { other in
                let overlap = min(cells[other].box.y1, cell.box.y1) - max(cells[other].box.y0, cell.box.y0)
                return other != c && overlap > 0.5 * min(cells[other].box.height, cell.box.height)
            }
            var blocked = Set(
                columns.indices.filter { k in
                    !covered.contains(k)
                        && beside.contains { other in
                            let box = cells[other].box
                            return (box.x1 > columns[k].lo - 1 && box.x0 < columns[k].hi + 1)
                                || (box.midX >= columns[k].left && box.midX < columns[k].right)
                        }
                })
            // Columns under a cell beside it (overlapping it vertically at all) are not its own.
            for d in cells.indices where d != c {
                let overlap = min(cells[d].box.y1, cell.box.y1) - max(cells[d].box.y0, cell.box.y0)
                guard overlap > 0.1 * em else { continue }
                for k in coveredBy[d] where !covered.contains(k) { blocked.insert(k) }
            }
            // A cell in the upper rows never heads a column whose own header fills the whole height.
            if cell.box.midY < bandMid - 0.45 * em {
                for d in done where abs(cells[d].box.midY - bandMid) < 0.45 * em {
                    for k in cells[d].i...cells[d].j where !covered.contains(k) { blocked.insert(k) }
                }
            }
            var lowBound: Int
            var highBound: Int
            if let first = covered.first, let last = covered.last {
                lowBound = first
                highBound = last
            } else {
                let mid = cell.box.midX
                let k =
                    columns.indices.first { mid >= columns[$0].left && mid < columns[$0].right }
                    ?? (mid < columns[0].left ? 0 : columns.count - 1)
                lowBound = k
                highBound = k
            }
            // Cells below that it overlaps are its children: it must hold them, and more than any one.
            let children = done.filter { d in
                cells[d].box.y0 >= cell.box.y1 - 0.2 * em
                    && min(cells[d].box.x1, cell.box.x1) - max(cells[d].box.x0, cell.box.x0) > 0.5 * cells[d].box.width
            }
            var strictlyLarger: [(Int, Int)] = []
            for d in children {
                lowBound = min(lowBound, cells[d].i)
                highBound = max(highBound, cells[d].j)
                strictlyLarger.append((cells[d].i, cells[d].j))
            }
            // A leaf (nothing printed under it) heads just the columns it stands over.
            let isLeaf = !cells.indices.contains { d in
                d != c && cells[d].box.y0 >= cell.box.y1 - 0.2 * em
                    && min(cells[d].box.x1, cell.box.x1) - max(cells[d].box.x0, cell.box.x0) > 0
            }
            if isLeaf {
                cells[c].i = lowBound
                cells[c].j = highBound
                done.append(c)
                // A leaf is centred in its cell: the best estimate of where its column's cell lies.
                if lowBound == highBound && leafCentre[lowBound] == nil { leafCentre[lowBound] = cell.box.midX }
                continue
            }
            var best: (Int, Int, Double)?
            var i = lowBound
            while i >= 0 {
                if i < lowBound && blocked.contains(i) { break }
                var j = highBound
                while j < columns.count {
                    if j > highBound && blocked.contains(j) { break }
                    if !strictlyLarger.contains(where: { $0.0 == i && $0.1 == j }) {
                        let centre = (columns[i].left + columns[j].right) / 2
                        var offset = abs(centre - cell.box.midX)
                        if let a = leafCentre[i], let b = leafCentre[j] {
                            offset = min(offset, abs((a + b) / 2 - cell.box.midX))
                        }
                        let score = offset + 0.3 * em * Double(j - i)
                        if best == nil || score < best!.2 { best = (i, j, score) }
                    }
                    j += 1
                }
                i -= 1
            }
            let chosen = best ?? (lowBound, highBound, 0)
            cells[c].i = chosen.0
            cells[c].j = chosen.1
            done.append(c)
        }
        // Side-by-side blocks (收入 | 支出): one top cell over each block heads the whole block.
        let blockIDs = Array(Set(columns.map(\.block))).sorted()
        if blockIDs.count >= 2, let top = cells.map(\.box.y0).min() {
            let topCells = cells.indices.filter { cells[$0].box.y0 < top + 0.3 * em }
            let topBottom = topCells.map { cells[$0].box.y1 }.max() ?? top
            let separateRow = cells.indices.allSatisfy {
                topCells.contains($0) || cells[$0].box.y0 >= topBottom - 0.2 * em
            }
            if topCells.count == blockIDs.count && separateRow {
                var assignment: [Int: (Int, Int)] = [:]
                for b in blockIDs {
                    let members = columns.indices.filter { columns[$0].block == b }
                    let left = columns[members.first!].left
                    let right = columns[members.last!].right
                    // Centred over the block (not over its code columns only).
                    let inside = topCells.filter {
                        cells[$0].box.midX >= left && cells[$0].box.midX < right
                            && abs(cells[$0].box.midX - (left + right) / 2) < 0.2 * (right - left)
                    }
                    if inside.count == 1 { assignment[inside[0]] = (members.first!, members.last!) }
                }
                if assignment.count == blockIDs.count {
                    for (c, run) in assignment {
                        cells[c].i = run.0
                        cells[c].j = run.1
                    }
                }
            }
        }
        // A separate top row of two or more cells (预算数 | 决算数) shares out the columns below it
        // that no full-height cell heads.
        if let top = cells.map(\.box.y0).min(), let bottom = cells.map(\.box.y1).max() {
            let topCells = cells.indices.filter { cells[$0].box.y0 < top + 0.3 * em }
                .sorted { cells[$0].box.midX < cells[$1].box.midX }
            let topBottom = topCells.map { cells[$0].box.y1 }.max() ?? top
            let separateRow = cells.indices.allSatisfy {
                topCells.contains($0) || cells[$0].box.y0 >= topBottom - 0.2 * em
            }
            let bandMid = (top + bottom) / 2
            let tableLeft = columns[0].left
            let tableRight = columns[columns.count - 1].right
            let centredAlone =
                topCells.count == 1
                && abs(cells[topCells[0]].box.midX - (tableLeft + tableRight) / 2) < 0.1 * (tableRight - tableLeft)
            if (topCells.count >= 2 || centredAlone) && separateRow {
                var assigned: [Int: [Int]] = [:]
                for k in columns.indices {
                    if topCells.contains(where: { cells[$0].i <= k && k <= cells[$0].j }) { continue }
                    // A column whose own header fills the band's height belongs to no top cell —
                    // unless the top row is one cell centred over the whole table: that one heads
                    // every column (财政拨款“三公”经费 over 合计 … 公务接待费).
                    let spansAll = cells.indices.contains { c in
                        !topCells.contains(c) && cells[c].i <= k && k <= cells[c].j
                            && abs(cells[c].box.midY - bandMid) < 0.4 * em
                    }
                    if spansAll && !centredAlone { continue }
                    let centre = columns[k].centre
                    guard
                        let nearest = topCells.min(by: {
                            abs(cells[$0].box.midX - centre) < abs(cells[$1].box.midX - centre)
                        })
                    else { continue }
                    assigned[nearest, default: []].append(k)
                }
                for (c, ks) in assigned {
                    let low = min(cells[c].i, ks.min()!)
                    let high = max(cells[c].j, ks.max()!)
                    // Never across another top cell.
                    let crosses = topCells.contains { other in
                        other != c && cells[other].i <= high && cells[other].j >= low
                    }
                    if !crosses {
                        cells[c].i = low
                        cells[c].j = high
                    }
                }
            }
        }
        let sortedCells = cells.sorted { $0.box.y0 < $1.box.y0 }
        for cell in sortedCells {
            Debug.log(
                "  cell \(cell.text) size=\(cell.words.map { Int($0.size * 10) }) x=\(Int(cell.box.x0))..\(Int(cell.box.x1)) y=\(Int(cell.box.y0))..\(Int(cell.box.y1)) run=\(cell.i)...\(cell.j)"
            )
        }
        for k in columns.indices {
            let path = sortedCells.filter { $0.i <= k && k <= $0.j }.map(\.text)
            columns[k].path = path.joined(separator: "/")
        }
        return headerTree(columns)
    }

    /// The header tree of the value columns, from their paths.
    static func headerTree(_ columns: [GridColumn]) -> [HeaderNode] {
        guard !columns.isEmpty else { return [] }
        func nodes(_ range: ClosedRange<Int>, depth: Int) -> [HeaderNode] {
            var result: [HeaderNode] = []
            var k = range.lowerBound
            while k <= range.upperBound {
                let path = columns[k].path.split(separator: "/").map(String.init)
                guard columns[k].role == .value, depth < path.count else {
                    k += 1
                    continue
                }
                var end = k
                while end + 1 <= range.upperBound, columns[end + 1].role == .value {
                    let other = columns[end + 1].path.split(separator: "/").map(String.init)
                    guard other.count > depth, Array(other[0...depth]) == Array(path[0...depth]) else { break }
                    end += 1
                }
                result.append(HeaderNode(text: path[depth], children: nodes(k...end, depth: depth + 1)))
                k = end + 1
            }
            return result
        }
        return nodes(0...(columns.count - 1), depth: 0)
    }
}

import Basics
import ReportModel

/// A body line's words in one block, by the role of their column.
struct LineParts {
    var codes: [Int: [Token]] = [:]  // column → tokens
    var values: [(Int, Token)] = []
    var rowNumber: [Token] = []
    var names: [Token] = []
    var isAnchor: Bool { !codes.isEmpty || !values.isEmpty || !rowNumber.isEmpty }
}

/// A name as printed over one or more lines of a name column.
struct NameCell {
    var lines: [Int]
    var text: String
    var box: Rect
    var lastX1: Double
    var anchorLines: Set<Int>
}

extension TableBuilder {
    /// Places the body lines' words in the model's columns and rebuilds the rows of every block.
    ///
    /// With `ruledRows`, each line is one ruled row of the table (``addRuledSegment``): a row of
    /// its own, named by its own name cell, with no joining of lines.
    mutating func readRows(_ body: [Line], model: ColumnModel, page: PreparedPage, ruledRows: Bool = false) {
        let em = page.em
        let columns = model.columns
        let blockCount = (columns.map(\.block).max() ?? 0) + 1
        let nameColumns = columns.indices.filter { columns[$0].role == .name }
        // parts[block][line position]
        var parts = Array(repeating: Array(repeating: LineParts(), count: body.count), count: blockCount)
        for (position, line) in body.enumerated() {
            for token in line.tokens {
                var index = model.column(
                    at: token.kind == .text ? token.box.x0 + min(token.box.width, em) / 2 : token.box.midX)
                if token.kind == .text, let k = index, columns[k].role != .name {
                    index = nameColumns.min { a, b in
                        Self.distance(token.box, columns[a]) < Self.distance(token.box, columns[b])
                    }
                }
                guard let k = index else { continue }
                if token.kind == .text, let own = model.column(at: token.box.midX), columns[own].role == .code,
                    labels.codeCells.contains(token.n)
                {
                    continue  // the 类 / 款 / 项 labels of the code columns, set in the first data row
                }
                let block = columns[k].block
                switch columns[k].role {
                case .code: parts[block][position].codes[k, default: []].append(token)
                case .value: parts[block][position].values.append((k, token))
                case .rowNumber: parts[block][position].rowNumber.append(token)
                case .name: parts[block][position].names.append(token)
                }
            }
        }
        if ruledRows {
            for block in 0..<blockCount {
                for (position, p) in parts[block].enumerated() where p.isAnchor || !p.names.isEmpty {
                    var name = p.names.sorted { $0.box.x0 < $1.box.x0 }.map(\.n).joined()
                    if name.isEmpty && p.codes.isEmpty {
                        name = Self.labelFurtherLeft(parts, block: block, position: position)
                    }
                    appendRow(p, name: name, block: block, line: body[position].index, columns: columns, page: page)
                }
            }
            return
        }
        for block in 0..<blockCount {
            let blockParts = parts[block]
            // Name fragments and cells.
            var fragments: [(position: Int, text: String, box: Rect)] = []
            for (position, p) in blockParts.enumerated() where !p.names.isEmpty {
                let tokens = p.names.sorted { $0.box.x0 < $1.box.x0 }
                let box = tokens.dropFirst().reduce(tokens[0].box) { $0.union($1.box) }
                fragments.append((position, tokens.map(\.n).joined(), box))
            }
            let maxX1 = fragments.map(\.box.x1).max() ?? 0
            var cells: [NameCell] = []
            for (fragmentIndex, fragment) in fragments.enumerated() {
                let anchor = blockParts[fragment.position].isAnchor
                if var last = cells.last {
                    let gap = fragment.box.y0 - last.box.y1
                    let fills = last.lastX1 >= maxX1 - 1.5 * em
                    let conflict = anchor && !last.anchorLines.isEmpty
                    let startsItem = Self.startsWithOrdinal(fragment.text)
                    // A name centred on its row's figures: a line of figures without a name of its
                    // own sits halfway between this line and the one above.
                    let lastLine = last.lines[last.lines.count - 1]
                    let union = last.box.union(fragment.box)
                    func figureMid(_ q: Int) -> Double {
                        let p = blockParts[q]
                        let figures = p.codes.values.flatMap { $0 } + p.values.map(\.1) + p.rowNumber
                        return figures.map(\.box.midY).reduce(0, +) / Double(max(figures.count, 1))
                    }
                    let firstLine = last.lines[0]
                    let sandwiched =
                        !anchor
                        && (firstLine..<fragment.position).contains { q in
                            blockParts[q].isAnchor
                                && (blockParts[q].names.isEmpty ? q > lastLine : last.lines.contains(q))
                                && last.anchorLines.isSubset(of: [q])
                                && abs(figureMid(q) - union.midY) < 0.4 * em
                        }
                    // Top-aligned wrapping (which may break early, before a bracket): a line of name
                    // text with no figures right under a row's first line, when the next row prints
                    // its name level with its figures.
                    var continuesRow = false
                    var closerToNext = false
                    if !anchor,
                        let next = blockParts.indices.first(where: { $0 > fragment.position && blockParts[$0].isAnchor }
                        ),
                        !blockParts[next].names.isEmpty
                    {
                        let q = blockParts[next]
                        let figures = q.codes.values.flatMap { $0 } + q.values.map(\.1) + q.rowNumber
                        let figureMid = figures.map(\.box.midY).reduce(0, +) / Double(max(figures.count, 1))
                        let nameMid = q.names.map(\.box.midY).reduce(0, +) / Double(q.names.count)
                        let nameTop = q.names.map(\.box.y0).min() ?? fragment.box.y1
                        // A line as close to the next row's name (a name centred on its figures,
                        // wrapped above them) is not the end of this row's name.
                        closerToNext = nameTop - fragment.box.y1 <= gap + 0.1 * em
                        continuesRow = !last.anchorLines.isEmpty && abs(nameMid - figureMid) < 0.25 * em
                    }
                    // …or the first line of a name centred on the next row's figures, below it.
                    if !anchor, fragmentIndex + 1 < fragments.count {
                        let following = fragments[fragmentIndex + 1]
                        let pairMid = (fragment.box.y0 + following.box.y1) / 2
                        if !blockParts[following.position].isAnchor,
                            fragment.box.x1 >= maxX1 - 1.5 * em,  // it wrapped: it fills the column
                            following.box.y0 - fragment.box.y1 < 0.8 * em,
                            (fragment.position + 1..<following.position).contains(where: { q in
                                blockParts[q].isAnchor && blockParts[q].names.isEmpty
                                    && abs(figureMid(q) - pairMid) < 0.4 * em
                            })
                        {
                            closerToNext = true
                        }
                    }
                    // A name level with its own row's figures under a line with none is a row of
                    // its own, unless the lines (with a line of no figures right below) centre on
                    // those figures.
                    var ownRow = false
                    if anchor && last.anchorLines.isEmpty
                        && abs(fragment.box.midY - figureMid(fragment.position)) < 0.25 * em
                    {
                        var whole = union
                        if fragmentIndex + 1 < fragments.count {
                            let following = fragments[fragmentIndex + 1]
                            if !blockParts[following.position].isAnchor, following.box.y0 - fragment.box.y1 < 0.8 * em {
                                whole = whole.union(following.box)
                            }
                        }
                        ownRow = abs(whole.midY - figureMid(fragment.position)) >= 0.4 * em
                    }
                    if gap < 0.8 * em && !conflict && !startsItem && !ownRow
                        && (sandwiched || ((fills || continuesRow) && !closerToNext))
                    {
                        last.lines.append(fragment.position)
                        last.text += fragment.text
                        last.box = last.box.union(fragment.box)
                        last.lastX1 = fragment.box.x1
                        if anchor { last.anchorLines.insert(fragment.position) }
                        cells[cells.count - 1] = last
                        continue
                    }
                }
                cells.append(
                    NameCell(
                        lines: [fragment.position], text: fragment.text, box: fragment.box, lastX1: fragment.box.x1,
                        anchorLines: anchor ? [fragment.position] : []))
            }
            // Anchors: lines with codes, figures or row numbers in this block.
            // Anchor lines close together that do not clash (codes on one, figures on the next:
            // top-aligned figures) make one row.
            var groups: [[Int]] = []
            var merged: [LineParts] = []
            for position in blockParts.indices where blockParts[position].isAnchor {
                let p = blockParts[position]
                if let lastGroup = groups.last, let previous = merged.last {
                    let pitch = body[position].box.midY - body[lastGroup[lastGroup.count - 1]].box.midY
                    let clash =
                        p.codes.keys.contains { previous.codes[$0] != nil }
                        || p.values.contains { v in previous.values.contains { $0.0 == v.0 } }
                        || (!p.rowNumber.isEmpty && !previous.rowNumber.isEmpty)
                    if pitch < 1.2 * em && !clash {
                        groups[groups.count - 1].append(position)
                        var combined = previous
                        for (k, tokens) in p.codes { combined.codes[k, default: []].append(contentsOf: tokens) }
                        combined.values.append(contentsOf: p.values)
                        combined.rowNumber.append(contentsOf: p.rowNumber)
                        combined.names.append(contentsOf: p.names)
                        merged[merged.count - 1] = combined
                        continue
                    }
                }
                groups.append([position])
                merged.append(p)
            }
            let anchors = groups.map { $0[0] }
            func anchorMid(_ a: Int) -> Double {
                let p = merged[a]
                let tokens = p.codes.values.flatMap { $0 } + p.values.map(\.1) + p.rowNumber
                let ys = tokens.map(\.box.midY)
                return ys.reduce(0, +) / Double(max(ys.count, 1))
            }
            let mids = anchors.indices.map(anchorMid)
            // The vertical offset of names from their figures (0 unless figures are top-aligned).
            var bestOffset = 0.0
            var bestScore = -1
            var zeroScore = 0
            for step in [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8, -8] {
                let offset = Double(step) * em / 4
                var score = 0
                for mid in mids {
                    let y = mid + offset
                    if cells.contains(where: { y >= $0.box.y0 - 0.2 * em && y <= $0.box.y1 + 0.2 * em }) { score += 1 }
                }
                if step == 0 { zeroScore = score }
                if score > bestScore {
                    bestScore = score
                    bestOffset = offset
                }
            }
            // Names beside their figures unless an offset explains clearly more rows.
            if Double(bestScore) < Double(zeroScore) * 1.3 + 1 { bestOffset = 0 }
            Debug.log(
                "block \(block) page \(page.number): offset \(bestOffset) (score \(bestScore), at 0: \(zeroScore)); cells \(cells.map { "\($0.text)@\(Int($0.box.y0))-\(Int($0.box.y1))" }); anchors \(mids.map { Int($0) })"
            )
            var usedCells = Set<Double>()
            for (a, position) in anchors.enumerated() {
                let p = merged[a]
                var name = ""
                let target = mids[a] + bestOffset
                let containing = cells.filter { target >= $0.box.y0 - 0.2 * em && target <= $0.box.y1 + 0.2 * em }
                if let cell = containing.min(by: { abs($0.box.midY - target) < abs($1.box.midY - target) }) {
                    name = cell.text
                    usedCells.insert(cell.box.y0)
                } else if bestOffset != 0 || (p.codes.isEmpty && !p.values.isEmpty),
                    let cell = cells.filter({ !usedCells.contains($0.box.y0) && abs($0.box.midY - target) < em })
                        .min(by: { abs($0.box.midY - target) < abs($1.box.midY - target) })
                {
                    // Top-aligned figures in a taller row (or figures with no code): the nearest name not taken.
                    name = cell.text
                    usedCells.insert(cell.box.y0)
                } else if let cell = cells.first(where: { cell in groups[a].contains { cell.lines.contains($0) } }) {
                    name = cell.text
                }
                if name.isEmpty && p.codes.isEmpty {
                    name = Self.labelFurtherLeft(parts, block: block, position: position)
                }
                appendRow(p, name: name, block: block, line: body[groups[a][0]].index, columns: columns, page: page)
            }
        }
    }

    /// A label over merged cells further left names figures with no label of their own.
    static func labelFurtherLeft(_ parts: [[LineParts]], block: Int, position: Int) -> String {
        var other = block - 1
        while other >= 0 {
            let q = parts[other][position]
            if q.isAnchor { break }
            if !q.names.isEmpty { return q.names.sorted { $0.box.x0 < $1.box.x0 }.map(\.n).joined() }
            other -= 1
        }
        return ""
    }

    /// Appends the row of one line's (or group of lines') words in a block: its code and level
    /// from the code columns, its figures under their columns' paths.
    mutating func appendRow(
        _ p: LineParts, name: String, block: Int, line: Int, columns: [GridColumn], page: PreparedPage
    ) {
        let codeColumns = p.codes.keys.sorted()
        var code: String?
        var level = 0
        let allCodeColumns = columns.indices.filter { columns[$0].role == .code && columns[$0].block == block }
        if allCodeColumns.count >= 2 {
            var pieces: [String] = []
            for k in allCodeColumns {
                pieces.append((p.codes[k] ?? []).sorted { $0.box.x0 < $1.box.x0 }.map(\.n).joined())
            }
            if pieces[0].isEmpty && pieces.dropFirst().contains(where: { !$0.isEmpty }) {
                pieces[0] = lastClass[block] ?? ""
            }
            if !pieces[0].isEmpty {
                lastClass[block] = pieces[0]
                var joined = pieces[0]
                level = 1
                for piece in pieces.dropFirst() where !piece.isEmpty {
                    joined += piece.count == 1 ? "0" + piece : piece
                    level += 1
                }
                code = joined
            }
        } else if !codeColumns.isEmpty {
            let text = codeColumns.flatMap { p.codes[$0]! }.sorted { $0.box.x0 < $1.box.x0 }.map(\.n).joined()
            code = text
            level = text.count <= 3 ? 1 : text.count <= 5 ? 2 : 3
        }
        var cellsOut: [Cell] = []
        for (k, token) in p.values.sorted(by: { $0.1.box.x0 < $1.1.box.x0 }) {
            cellsOut.append(
                Cell(
                    column: columns[k].path, amount: token.amount, page: page.number, box: token.display,
                    line: line, x: token.box.x0))
        }
        rows.append(ReportRow(code: code, level: level, name: name, block: block, cells: cellsOut))
    }

    static func distance(_ box: Rect, _ column: GridColumn) -> Double {
        if box.midX < column.left { return column.left - box.midX }
        if box.midX > column.right { return box.midX - column.right }
        return 0
    }

    /// `一、`, `(一)` and the like (Chinese numerals, six characters at the most) begin a new item.
    static func startsWithOrdinal(_ text: String) -> Bool {
        guard let ordinal = Ordinal.prefix(of: text) else { return false }
        return ordinal.numerals == .chinese && ordinal.length <= 6
    }
}

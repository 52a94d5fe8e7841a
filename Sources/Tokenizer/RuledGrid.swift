import Basics
import PDF

/// Something a page paints, as the tokenizer sees it: a box in the page's upright reading frame,
/// whether it was filled (a rectangle) or stroked (a line, or a rectangle's edge), and how light
/// its paint is (0 black … 1 white).
public struct PaintedMark: Sendable, Hashable {
    public var box: Rect
    public var filled: Bool
    public var gray: Double

    public init(box: Rect, filled: Bool, gray: Double) { (self.box, self.filled, self.gray) = (box, filled, gray) }

    /// The mark of a box the PDF module read.
    public init(_ painted: PaintedBox) {
        self.init(box: painted.box, filled: painted.kind == .fill, gray: painted.gray)
    }
}

/// A ruling line: horizontal (at `position` = y, from `lo` to `hi` in x) or vertical (at
/// `position` = x, from `lo` to `hi` in y).
struct RulingLine: Sendable, Hashable {
    var position: Double
    var lo: Double
    var hi: Double
    var thickness: Double
}

/// A cell of a ruled grid: the run of grid rows and columns it covers.
struct GridCell: Sendable, Hashable {
    var row: Int
    var column: Int
    var rowSpan: Int
    var columnSpan: Int
    var box: Rect

    var lastRow: Int { row + rowSpan - 1 }
    var lastColumn: Int { column + columnSpan - 1 }

    /// Whether the cell spans grid column `slot`.
    func covers(column slot: Int) -> Bool { column <= slot && slot <= lastColumn }
}

/// A table's cell grid as the page rules it: the boundaries (`xs` left to right, `ys` top to
/// bottom, in the upright frame) and the cells, spans included.
///
/// Built from what the page draws, not from the text: two neighbouring slots of the grid are one
/// cell unless a rule separates them. The outer boundaries include the ends of the rules
/// (a row continued from the previous page has no top rule; a table drawn without side borders
/// ends where its horizontal rules end).
struct RuledGrid: Sendable {
    var xs: [Double]
    var ys: [Double]
    var cells: [GridCell]
    /// `slotCell[row][column]`: the cell covering that slot.
    var slotCell: [[Int]]
    /// The ruling lines it was built from (upright frame).
    var rules: [Rect] = []
    var box: Rect { Rect(x0: xs[0], y0: ys[0], x1: xs[xs.count - 1], y1: ys[ys.count - 1]) }

    var rowCount: Int { ys.count - 1 }
    var columnCount: Int { xs.count - 1 }

    /// The slot column holding `x`, if inside the grid.
    func column(at x: Double) -> Int? { Self.band(x, in: xs) }
    /// The slot row holding `y`, if inside the grid.
    func row(at y: Double) -> Int? { Self.band(y, in: ys) }

    /// The cell holding the point, if inside the grid.
    func cell(atX x: Double, y: Double) -> Int? {
        guard let i = column(at: x), let j = row(at: y) else { return nil }
        return slotCell[j][i]
    }

    static func band(_ value: Double, in bounds: [Double]) -> Int? {
        guard let first = bounds.first, let last = bounds.last, value >= first, value < last else { return nil }
        var low = 0
        var high = bounds.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if bounds[mid] <= value { low = mid } else { high = mid }
        }
        return low
    }
}

/// Finds the ruled grids of a page.
enum GridFinder {
    /// The grids that the page's rules form, top to bottom. `em` is the page's usual font size:
    /// a rule is a mark thinner than half of it (a shaded cell or band is not a rule), and
    /// nearly white marks are not rules (producers paint white backgrounds over whole tables).
    static func grids(_ marks: [PaintedMark], em: Double) -> [RuledGrid] {
        let thin = min(max(0.45 * em, 1.5), 5)
        var horizontal: [RulingLine] = []
        var vertical: [RulingLine] = []
        for mark in marks where mark.gray < 0.9 {
            let box = mark.box
            if box.height <= thin && box.width > max(box.height, 1) {
                horizontal.append(RulingLine(position: box.midY, lo: box.x0, hi: box.x1, thickness: box.height))
            } else if box.width <= thin && box.height > max(box.width, 1) {
                vertical.append(RulingLine(position: box.midX, lo: box.y0, hi: box.y1, thickness: box.width))
            }
        }
        // Lines meet within a couple of points: joints, half line widths, dashes.
        let tolerance = 2.0
        horizontal = merge(horizontal, tolerance: tolerance)
        vertical = merge(vertical, tolerance: tolerance)
        guard !horizontal.isEmpty, !vertical.isEmpty else { return [] }

        // Tables: lines connected by crossings.
        var sets = DisjointSets(count: horizontal.count + vertical.count)
        for (h, line) in horizontal.enumerated() {
            for (v, upright) in vertical.enumerated()
            where upright.position >= line.lo - tolerance && upright.position <= line.hi + tolerance
                && line.position >= upright.lo - tolerance && line.position <= upright.hi + tolerance
            {
                sets.union(h, horizontal.count + v)
            }
        }
        var groups: [Int: (h: [RulingLine], v: [RulingLine])] = [:]
        for h in horizontal.indices { groups[sets.find(h), default: ([], [])].h.append(horizontal[h]) }
        for v in vertical.indices { groups[sets.find(horizontal.count + v), default: ([], [])].v.append(vertical[v]) }
        var result: [RuledGrid] = []
        for group in groups.values where !group.v.isEmpty && group.h.count >= 2 {
            if let grid = grid(horizontal: group.h, vertical: group.v, tolerance: tolerance) { result.append(grid) }
        }
        return result.sorted { $0.box.y0 < $1.box.y0 }
    }

    /// Collinear pieces (within the tolerance) that touch or overlap become one line.
    static func merge(_ lines: [RulingLine], tolerance: Double) -> [RulingLine] {
        let sorted = lines.sorted { ($0.position, $0.lo) < ($1.position, $1.lo) }
        // Group by position first (a cluster of positions within the tolerance).
        var rows: [[RulingLine]] = []
        for line in sorted {
            if let last = rows.last?.last, line.position - last.position <= tolerance / 2 {
                rows[rows.count - 1].append(line)
            } else {
                rows.append([line])
            }
        }
        var result: [RulingLine] = []
        for row in rows {
            let position = row.map(\.position).reduce(0, +) / Double(row.count)
            var pieces = row.sorted { $0.lo < $1.lo }
            var current = pieces.removeFirst()
            current.position = position
            for piece in pieces {
                if piece.lo <= current.hi + tolerance {
                    current.hi = max(current.hi, piece.hi)
                    current.thickness = max(current.thickness, piece.thickness)
                } else {
                    result.append(current)
                    current = piece
                    current.position = position
                }
            }
            result.append(current)
        }
        return result
    }

    /// Positions within the tolerance are one boundary.
    static func boundaries(_ values: [Double], tolerance: Double) -> [Double] {
        var result: [Double] = []
        var run: [Double] = []
        for value in values.sorted() {
            if let last = run.last, value - last > tolerance {
                result.append(run.reduce(0, +) / Double(run.count))
                run = []
            }
            run.append(value)
        }
        if !run.isEmpty { result.append(run.reduce(0, +) / Double(run.count)) }
        return result
    }

    static func grid(horizontal: [RulingLine], vertical: [RulingLine], tolerance: Double) -> RuledGrid? {
        let left = min(horizontal.map(\.lo).min()!, vertical.map(\.position).min()!)
        let right = max(horizontal.map(\.hi).max()!, vertical.map(\.position).max()!)
        let top = min(vertical.map(\.lo).min()!, horizontal.map(\.position).min()!)
        let bottom = max(vertical.map(\.hi).max()!, horizontal.map(\.position).max()!)
        let xs = boundaries(vertical.map(\.position) + [left, right], tolerance: tolerance)
        let ys = boundaries(horizontal.map(\.position) + [top, bottom], tolerance: tolerance)
        guard xs.count >= 2, ys.count >= 2 else { return nil }
        let columns = xs.count - 1
        let rows = ys.count - 1
        // A boundary separates two slots where a rule runs along most of their common side.
        func ruled(_ lines: [RulingLine], at position: Double, from lo: Double, to hi: Double) -> Bool {
            let length = hi - lo
            var covered = 0.0
            for line in lines where abs(line.position - position) <= tolerance {
                covered += max(0, min(line.hi, hi) - max(line.lo, lo))
            }
            return covered >= 0.6 * length
        }
        var sets = DisjointSets(count: rows * columns)
        for j in 0..<rows {
            for i in 0..<columns {
                if i + 1 < columns, !ruled(vertical, at: xs[i + 1], from: ys[j], to: ys[j + 1]) {
                    sets.union(j * columns + i, j * columns + i + 1)
                }
                if j + 1 < rows, !ruled(horizontal, at: ys[j + 1], from: xs[i], to: xs[i + 1]) {
                    sets.union(j * columns + i, (j + 1) * columns + i)
                }
            }
        }
        var cellOf: [Int: Int] = [:]
        var cells: [GridCell] = []
        var slotCell = Array(repeating: Array(repeating: 0, count: columns), count: rows)
        for j in 0..<rows {
            for i in 0..<columns {
                let root = sets.find(j * columns + i)
                if let index = cellOf[root] {
                    var cell = cells[index]
                    let lastRow = max(cell.lastRow, j)
                    let firstColumn = min(cell.column, i)
                    let lastColumn = max(cell.lastColumn, i)
                    cell.rowSpan = lastRow - cell.row + 1
                    cell.column = firstColumn
                    cell.columnSpan = lastColumn - firstColumn + 1
                    cells[index] = cell
                    slotCell[j][i] = index
                } else {
                    cellOf[root] = cells.count
                    slotCell[j][i] = cells.count
                    cells.append(
                        GridCell(row: j, column: i, rowSpan: 1, columnSpan: 1, box: Rect(x0: 0, y0: 0, x1: 0, y1: 0)))
                }
            }
        }
        for index in cells.indices {
            let cell = cells[index]
            cells[index].box = Rect(
                x0: xs[cell.column], y0: ys[cell.row], x1: xs[cell.lastColumn + 1], y1: ys[cell.lastRow + 1])
        }
        let rules =
            horizontal.map {
                Rect(x0: $0.lo, y0: $0.position - $0.thickness / 2, x1: $0.hi, y1: $0.position + $0.thickness / 2)
            }
            + vertical.map {
                Rect(x0: $0.position - $0.thickness / 2, y0: $0.lo, x1: $0.position + $0.thickness / 2, y1: $0.hi)
            }
        return RuledGrid(xs: xs, ys: ys, cells: cells, slotCell: slotCell, rules: rules)
    }
}

/// Union–find over `0..<count`, with path halving; the smaller root wins a union (so a cell's
/// root is its top-left slot).
struct DisjointSets {
    var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func find(_ element: Int) -> Int {
        var element = element
        while parent[element] != element {
            parent[element] = parent[parent[element]]
            element = parent[element]
        }
        return element
    }

    mutating func union(_ a: Int, _ b: Int) {
        let (ra, rb) = (find(a), find(b))
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}

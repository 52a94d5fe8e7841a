import Basics
import Layout
import PDF
import ReportModel

/// Rebuilds every table of a 部门决算 report from the page text and turns it into facts.
public enum Tokenizer {
    /// Reads all pages of `document` and rebuilds its tables, from their text and ruling.
    public static func read(_ document: PDFDocument) throws(PDFError) -> Report {
        var layouts: [PageLayout] = []
        layouts.reserveCapacity(document.pageCount)
        for number in stride(from: 1, through: document.pageCount, by: 1) {
            let page = try document.page(number)
            layouts.append(LayoutBuilder.layout(page))
        }
        return read(layouts: layouts, document: document)
    }

    /// Rebuilds the tables from already laid-out pages (in page order) of `document`, whose
    /// ruling is read for the pages that hold a table (`nil`: from the text alone).
    public static func read(layouts: [PageLayout], document: PDFDocument?) -> Report {
        guard let document else { return read(layouts: layouts, ruling: { _ in ([], nil) }) }
        return read(layouts: layouts) { number in
            guard let graphics = try? document.graphics(page: number) else { return ([], "page out of range") }
            return (graphics.boxes.map(PaintedMark.init), graphics.unreadable)
        }
    }

    /// Rebuilds the tables from already laid-out pages (in page order) and, page by page, what
    /// they paint in display space (no marks: the tables are read from the text alone).
    public static func read(layouts: [PageLayout], marks: [[PaintedMark]] = []) -> Report {
        read(layouts: layouts) { number in (number <= marks.count ? marks[number - 1] : [], nil) }
    }

    /// `ruling(page)`: what the page paints, and why some of it could not be read.
    static func read(layouts: [PageLayout], ruling: (Int) -> (marks: [PaintedMark], unreadable: String?)) -> Report {
        var pages = layouts.map(PreparedPage.init(layout:))
        PageFurniture.strip(&pages)
        var reader = DocumentReader()
        for page in pages { reader.read(page, ruling: ruling) }
        return reader.finish()
    }

    /// The facts of `document` in document order.
    public static func facts(_ document: PDFDocument) throws(PDFError) -> [Fact] {
        try read(document).facts
    }
}

/// Walks the pages line by line: titles open tables, notes and prose close them, everything in
/// between is table text, page by page.
struct DocumentReader {
    var tables: [ReportTable] = []
    var problems: [Problem] = []
    var current: TableBuilder?
    var lastUnit: String = ""
    var year: Int?
    var roundingNote = false

    /// The titles of the page being read, by line.
    var pageTitles: [(title: String, kind: TableKind, lines: Int)?] = []

    mutating func read(_ page: PreparedPage, ruling: (Int) -> (marks: [PaintedMark], unreadable: String?)) {
        var page = page
        let lines = page.lines
        if year == nil { year = Self.findYear(lines) }
        pageTitles = lines.indices.map { findTitle(lines, $0) }
        // The ruling is read only where a table is: on a page with a title, or with a table open.
        if pageTitles.contains(where: { $0 != nil }) || (current.map { !$0.closed } ?? false) {
            let (marks, unreadable) = ruling(page.number)
            page.rule(marks)
            if let unreadable {
                problems.append(
                    Problem(
                        page: page.number, table: nil,
                        message:
                            "the page's ruling could not be read (\(unreadable)): its tables were read from the text alone"
                    ))
            }
        }
        var i = 0
        while i < lines.count {
            if let title = titleAt(lines, i) {
                var builder = TableBuilder(title: title.title, kind: title.kind, firstPage: page.number)
                var j = i + title.lines
                while j < lines.count, let meta = Meta.parse(lines[j]) {
                    if let entity = meta.entity { builder.entity = entity }
                    if let unit = meta.unit { builder.unit = unit }
                    j += 1
                }
                if let meta = Meta.parse(lines[i]) {
                    if let entity = meta.entity, builder.entity.isEmpty { builder.entity = entity }
                    if let unit = meta.unit, builder.unit.isEmpty { builder.unit = unit }
                }
                // The title printed again at the top of a continuation page (no notes closed the
                // table, same department): the same table goes on.
                if var open = current, !open.closed, open.title == title.title,
                    builder.entity.isEmpty || builder.entity == open.entity, i == 0 || page.number != open.pages.last
                {
                    let end = segmentEnd(lines, from: j)
                    open.addSegment(page: page, lines: Array(lines[j..<end.index]), continuation: true)
                    i = end.index
                    if end.closes {
                        i = readNotes(lines, from: i, into: &open)
                        open.closed = true
                    }
                    current = open
                    continue
                }
                finishCurrent()
                if builder.unit.isEmpty { builder.unit = lastUnit } else { lastUnit = builder.unit }
                let end = segmentEnd(lines, from: j)
                builder.addSegment(page: page, lines: Array(lines[j..<end.index]), continuation: false)
                i = end.index
                if end.closes {
                    i = readNotes(lines, from: i, into: &builder)
                    builder.closed = true
                }
                current = builder
                continue
            }
            if var builder = current, !builder.closed {
                let end = segmentEnd(lines, from: i)
                // The next table's label and department lines above its title (公开02表) are not
                // this table going on.
                let labelsOnly =
                    end.closes && end.index < lines.count && titleAt(lines, end.index) != nil
                    && lines[i..<end.index].allSatisfy { Meta.parse($0) != nil }
                // Lines with no figure that lead into prose (其他相关情况说明 after a 三公 table) are
                // none of the table: it ended on the page before, and the sentences are no notes.
                let opensWithProse =
                    end.closes && end.index < lines.count && Self.isProse(lines[end.index])
                    && !labels.noteStarts.contains(where: lines[end.index].n.hasPrefix)
                    && !lines[i..<end.index].contains { $0.tokens.contains(where: \.isNumeric) }
                if end.index > i && !labelsOnly && !opensWithProse {
                    builder.addSegment(page: page, lines: Array(lines[i..<end.index]), continuation: true)
                }
                i = end.index
                if end.closes {
                    if !opensWithProse { i = readNotes(lines, from: i, into: &builder) }
                    builder.closed = true
                }
                current = builder
                if i == end.index && end.index == lines.count { break }
                continue
            }
            // A unit statement outside any recognised table: a table whose title is not known.
            if let meta = Meta.parse(lines[i]), meta.unit != nil,
                lines[(i + 1)...].contains(where: { line in line.tokens.contains { $0.kind == .number && !$0.isDigits }
                })
            {
                problems.append(
                    Problem(
                        page: page.number, table: nil,
                        message:
                            "a table with no recognised title (its figures are not read): \(lines[max(i - 1, 0)].n)"))
            }
            i += 1
        }
    }

    /// Reads `注：…` lines after a table; returns the index after them.
    func readNotes(_ lines: [Line], from start: Int, into builder: inout TableBuilder) -> Int {
        var i = start
        while i < lines.count, titleAt(lines, i) == nil {
            let n = lines[i].n
            guard i == start || Self.isNoteContinuation(n, previous: lines[i - 1]) else { break }
            builder.notes.append(lines[i].tokens.map(\.text).joined(separator: " "))
            i += 1
        }
        return i
    }

    static func isNoteContinuation(_ n: String, previous: Line) -> Bool {
        if let first = n.unicodeScalars.first, first.properties.numericType != nil { return true }
        // A further note (备注：本单位没有…，故本表无数据。) after a complete one.
        if labels.noteContinuations.contains(where: n.hasPrefix) { return true }
        return !n.contains("。") || previous.n.last != "。"
    }

    mutating func finishCurrent() {
        guard let builder = current else { return }
        let (table, problems) = builder.build()
        if let table {
            if table.roundingNote { roundingNote = true }
            tables.append(table)
        }
        self.problems.append(contentsOf: problems)
        current = nil
    }

    mutating func finish() -> Report {
        finishCurrent()
        repairClippedEntities()
        let entity = tables.first(where: { !$0.entity.isEmpty })?.entity ?? ""
        let unit = tables.first(where: { !$0.unit.isEmpty })?.unit
        return Report(
            entity: entity, year: year, unit: unit, roundingNote: roundingNote, tables: tables, problems: problems)
    }

    /// A department name cut short by its cell (LibreOffice clips overflowing text) on one table,
    /// between tables that print it in full, is the full name.
    mutating func repairClippedEntities() {
        var counts: [String: Int] = [:]
        for table in tables { counts[table.entity, default: 0] += 1 }
        for index in tables.indices {
            let entity = tables[index].entity
            guard !entity.isEmpty else { continue }
            let before = index > 0 ? tables[index - 1].entity : nil
            let after = index + 1 < tables.count ? tables[index + 1].entity : nil
            let neighbours = [before, after].compactMap { $0 }.filter {
                $0.count > entity.count && $0.hasPrefix(entity)
            }
            guard let full = neighbours.first, counts[full, default: 0] > 2 * counts[entity, default: 0],
                before == nil || before == full || after == nil || after == full
            else { continue }
            tables[index].entity = full
        }
    }

    /// Where the table text starting at `start` ends: before notes, prose or the next title.
    func segmentEnd(_ lines: [Line], from start: Int) -> (index: Int, closes: Bool) {
        var i = start
        while i < lines.count {
            let n = lines[i].n
            if titleAt(lines, i) != nil { return (i, true) }
            if labels.noteStarts.contains(where: n.hasPrefix) || labels.noteLines.contains(n) {
                return (i, true)
            }
            if Self.isProse(lines[i]) { return (i, true) }
            i += 1
        }
        return (i, false)
    }

    static func isProse(_ line: Line) -> Bool {
        let n = line.n
        if n.hasBytes("。") { return true }
        if labels.isPartHeading(n) { return true }
        return false
    }

    /// A table title at line `i`: a known title (or one ending in 决算表) confirmed by a unit,
    /// department, label or header line just below it.
    func titleAt(_ lines: [Line], _ i: Int) -> (title: String, kind: TableKind, lines: Int)? {
        i < pageTitles.count ? pageTitles[i] : findTitle(lines, i)
    }

    /// `lines`: how many lines the title takes (2 for a title wrapped onto a second line).
    func findTitle(_ lines: [Line], _ i: Int) -> (title: String, kind: TableKind, lines: Int)? {
        if let found = findTitle(lines, i, taking: 1) { return found }
        // A title wrapped onto a short line right below (…培训费支出预 / 算表): the first line is no
        // title, no label or unit line and no sentence.
        if i + 1 < lines.count, lines[i + 1].n.hasSuffix(labels.titleWord), lines[i + 1].n.count <= 4, !Meta.stripLabel(lines[i].n).hasBytes(labels.titleWord),
            !lines[i].n.hasBytes("。"), Meta.parse(lines[i]) == nil,
            lines[i + 1].box.y0 - lines[i].box.y1 < lines[i].box.height
        {
            return findTitle(lines, i, taking: 2)
        }
        return nil
    }

    func findTitle(_ lines: [Line], _ i: Int, taking count: Int) -> (title: String, kind: TableKind, lines: Int)? {
        let own = lines[i..<(i + count)]
        let text = count == 1 ? lines[i].n : own.map(\.n).joined()
        guard text.utf8.count <= 180, text.hasBytes(labels.titleWord), !text.hasBytes("。"), !text.hasBytes(",")
        else {
            return nil
        }
        // A part heading (第二部分 2018年度部门预算表) heads the tables; it is none of them.
        if labels.isPartHeading(text) { return nil }
        var stripped = Meta.stripLabel(text)
        // The label's colon (公开01表：收入预算总表) is not part of the title.
        while let first = stripped.first, first == ":" { stripped.removeFirst() }
        // A unit or department printed on the title's own line is not part of the title.
        for marker in labels.titleLineEnds {
            if let range = stripped.firstRange(of: marker) { stripped = String(stripped[..<range.lowerBound]) }
        }
        // A section number before the title (一、2018年度…收支预算总表) is not part of it.
        if let ordinal = Ordinal.prefix(of: stripped), ordinal.length < stripped.count {
            stripped = String(stripped.dropFirst(ordinal.length))
        }
        guard !stripped.isEmpty, let kind = TableKinds.kind(ofNormalized: stripped) else { return nil }
        if own.contains(where: { $0.tokens.contains { $0.kind == .number && !$0.isDigits } }) { return nil }
        var j = i + count
        while j < lines.count && j <= i + count + 5 {
            let n = lines[j].n
            if labels.titleConfirmations.contains(where: n.hasBytes) || Meta.hasLabel(n) {
                return (stripped, kind, count)
            }
            if n.hasBytes(labels.titleWord), TableKinds.kind(ofNormalized: Meta.stripLabel(n)) != nil { return nil }
            j += 1
        }
        return nil
    }

    static func findYear(_ lines: [Line]) -> Int? {
        for line in lines {
            if let year = PrintedYear.years(in: line.n, suffix: PrintedWords.year).first(where: { $0.hasPrefix("20") })
            {
                return Int(year)
            }
        }
        return nil
    }
}

/// The `部门：…`, `单位：…` and `公开NN表` lines between a title and its header.
struct Meta {
    var entity: String?
    var unit: String?

    static func parse(_ line: Line) -> Meta? {
        let n = line.n
        guard labels.metaWords.contains(where: n.hasBytes) else { return nil }
        var meta = Meta()
        var matched = false
        if let range = labels.entityLabels.lazy.compactMap({ n.firstRange(of: $0) }).first {
            var rest = n[range.upperBound...]
            if let unitRange = labels.entityEnds.lazy.compactMap({ rest.firstRange(of: $0) }).first {
                rest = rest[..<unitRange.lowerBound]
            }
            if let labelRange = labels.entityStops.lazy.compactMap({ rest.firstRange(of: $0) }).first {
                rest = rest[..<labelRange.lowerBound]
            }
            meta.entity = String(rest)
            matched = true
        }
        var search = n[...]
        while let unitRange = labels.unitLabels.lazy.compactMap({ search.firstRange(of: $0) }).first {
            let after = search[unitRange.upperBound...]
            if labels.unitLabelNotAfter.contains(where: search[..<unitRange.lowerBound].hasSuffix) {
                search = after
                continue
            }
            if let unit = labels.moneyUnits.first(where: after.hasPrefix) {
                meta.unit = unit
            } else if let stop = after.firstIndex(where: { $0 == ":" }) {
                meta.unit = String(after[..<stop])
            } else if !after.isEmpty {
                meta.unit = String(after.prefix(4))
            }
            matched = true
            search = after
        }
        if hasLabel(n) && stripLabel(n).count <= 2 { matched = true }
        if !matched && n.count <= 12 && hasLabel(n) { matched = true }
        return matched ? meta : nil
    }

    /// Whether the text holds a `公开01表` / `附表1` label.
    static func hasLabel(_ n: String) -> Bool { stripLabel(n) != n }

    /// Removes `公开NN表`, `附表N`, `表N` labels.
    static func stripLabel(_ n: String) -> String {
        var result = n
        for label in labels.tableLabels {
            let prefix = label.prefix
            var searchStart = result.startIndex
            while let range = result[searchStart...].firstRange(of: prefix) {
                var end = range.upperBound
                var digits = 0
                while end < result.endIndex, result[end].isASCIIDigit || result[end] == "-" {
                    end = result.index(after: end)
                    digits += 1
                }
                // A label numbered in Chinese numerals (公开表一, Jiangsu) only where it ends the
                // text: inside a title, 表 followed by 一 is 总表一般…, not a label.
                if digits == 0 {
                    var numeralEnd = end
                    while numeralEnd < result.endIndex, PrintedWords.numerals.contains(result[numeralEnd]) {
                        numeralEnd = result.index(after: numeralEnd)
                    }
                    if numeralEnd > end && numeralEnd == result.endIndex {
                        end = numeralEnd
                        digits = 1
                    }
                }
                if digits > 0 {
                    if !label.suffix.isEmpty, result[end...].hasPrefix(label.suffix) {
                        end = result.index(end, offsetBy: label.suffix.count)
                    }
                    result.removeSubrange(range.lowerBound..<end)
                    searchStart = result.startIndex
                } else {
                    searchStart = range.upperBound
                }
            }
        }
        return result
    }
}

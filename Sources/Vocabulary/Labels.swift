import ReportModel

/// The words of ``VocabularyText/labels``, by what reads them.
public struct Labels: Sendable, Hashable {
    /// A `公开NN表`-style label: the word before the number and the word that may follow it.
    public struct NumberedLabel: Sendable, Hashable {
        public var prefix: String
        public var suffix: String
    }

    /// A table title holds this word (表).
    public var titleWord: String
    /// A title's line is cut where one of these begins.
    public var titleLineEnds: [String]
    /// A line below a title that holds one of these confirms it.
    public var titleConfirmations: [String]
    /// The numbered labels of tables (公开NN表, 附表NN, 表NN).
    public var tableLabels: [NumberedLabel]
    /// A meta line (department, unit, label) holds one of these.
    public var metaWords: [String]
    /// The labels of the department, the first found wins.
    public var entityLabels: [String]
    /// The department ends where one of these begins (the first found, in this order).
    public var entityEnds: [String]
    /// … or where one of these begins.
    public var entityStops: [String]
    /// The labels of the unit.
    public var unitLabels: [String]
    /// A unit label right after one of these is part of another label (编制单位:).
    public var unitLabelNotAfter: [String]
    /// The units of money a unit statement names, longest first.
    public var moneyUnits: [String]
    /// Notes begin with one of these …
    public var noteStarts: [String]
    /// … or are one of these lines …
    public var noteLines: [String]
    /// … and go on with lines that begin with one of these.
    public var noteContinuations: [String]
    /// A part heading begins with one of these and holds one of ``partHeadingWords``.
    public var partHeadingStarts: [String]
    public var partHeadingWords: [String]
    /// A heading of the report holds one of these.
    public var headingWords: [String]
    /// A heading ending in one of these names the department before it.
    public var departmentHeadingEndings: [String]
    /// … unless the name holds one of these.
    public var noDepartmentWords: [String]
    /// A note that holds one of these speaks of rounding.
    public var roundingNoteWords: [String]
    /// The line of column numbers holds one of these.
    public var columnNumberWords: [String]
    /// A column headed by one of these words (or exactly one of the cells) holds row numbers.
    public var rowNumberWords: [String]
    public var rowNumberCells: [String]
    /// A column headed by one of these words (or exactly one of the cells) holds codes.
    public var codeWords: [String]
    public var codeCells: [String]
    /// A name column headed by one of these describes its rows (how an item is bought) and
    /// names none of them (政府采购: 采购组织形式).
    public var attributeColumns: [String]
    /// A row whose name holds one of these is a total.
    public var totalRowWords: [String]
    /// Endings of a class name left out when it is matched with another table's row.
    public var classNameEndings: [String]
    /// Notes that say a table has no data.
    public var emptyTableMarkers: [String]
    /// Kinds of tables often printed empty, which must then say why.
    public var oftenEmptyKinds: [TableKind]

    /// Reads the labels text; every key must be present once, and no other.
    public init(_ text: String, kinds: Set<TableKind>) throws(VocabularySyntaxError) {
        var words: [String: (line: Int, items: [String])] = [:]
        for entry in VocabularyLines.entries(text) {
            guard entry.fields.count == 2, !entry.fields[0].isEmpty else {
                throw VocabularySyntaxError(line: entry.line, message: "expected KEY | WORD; WORD…", text: "labels")
            }
            guard Self.keys.contains(entry.fields[0]), words[entry.fields[0]] == nil else {
                throw VocabularySyntaxError(
                    line: entry.line,
                    message:
                        "unknown or repeated key \(entry.fields[0]); the keys: \(Self.keys.joined(separator: ", "))",
                    text: "labels")
            }
            words[entry.fields[0]] = (entry.line, VocabularyLines.list(entry.fields[1]))
        }
        if let missing = Self.keys.first(where: { words[$0] == nil }) {
            throw VocabularySyntaxError(line: 0, message: "the key \(missing) is missing", text: "labels")
        }
        func w(_ key: String) -> [String] { words[key]!.items }
        guard let title = w("title-word").first else {
            throw VocabularySyntaxError(
                line: words["title-word"]!.line, message: "title-word lists no word", text: "labels")
        }
        titleWord = title
        titleLineEnds = w("title-line-ends")
        titleConfirmations = w("title-confirmations")
        tableLabels = try w("table-labels").map { label throws(VocabularySyntaxError) in
            guard let range = label.firstRange(of: "NN") else {
                throw VocabularySyntaxError(
                    line: words["table-labels"]!.line,
                    message: "a table label is written with NN for its number: \(label)",
                    text: "labels")
            }
            return NumberedLabel(prefix: String(label[..<range.lowerBound]), suffix: String(label[range.upperBound...]))
        }
        metaWords = w("meta-words")
        entityLabels = w("entity-labels")
        entityEnds = w("entity-ends")
        entityStops = w("entity-stops")
        unitLabels = w("unit-labels")
        unitLabelNotAfter = w("unit-label-not-after")
        moneyUnits = w("money-units")
        noteStarts = w("note-starts")
        noteLines = w("note-lines")
        noteContinuations = w("note-continuations")
        partHeadingStarts = w("part-heading-starts")
        partHeadingWords = w("part-heading-words")
        headingWords = w("heading-words")
        departmentHeadingEndings = w("department-heading-endings")
        noDepartmentWords = w("no-department-words")
        roundingNoteWords = w("rounding-note-words")
        columnNumberWords = w("column-number-words")
        rowNumberWords = w("row-number-words")
        rowNumberCells = w("row-number-cells")
        codeWords = w("code-words")
        codeCells = w("code-cells")
        attributeColumns = w("attribute-columns")
        totalRowWords = w("total-row-words")
        classNameEndings = w("class-name-endings")
        emptyTableMarkers = w("empty-table-markers")
        oftenEmptyKinds = w("often-empty-kinds").map { TableKind($0) }
        if let unknown = oftenEmptyKinds.first(where: { !kinds.contains($0) }) {
            throw VocabularySyntaxError(
                line: words["often-empty-kinds"]!.line, message: "\(unknown) is no listed kind", text: "labels")
        }
    }

    /// Every key of the labels text.
    public static let keys = [
        "title-word", "title-line-ends", "title-confirmations", "table-labels", "meta-words", "entity-labels",
        "entity-ends", "entity-stops", "unit-labels", "unit-label-not-after", "money-units", "note-starts",
        "note-lines",
        "note-continuations", "part-heading-starts", "part-heading-words", "heading-words",
        "department-heading-endings",
        "no-department-words", "rounding-note-words", "column-number-words",
        "row-number-words", "row-number-cells", "code-words", "code-cells", "attribute-columns", "total-row-words",
        "class-name-endings",
        "empty-table-markers", "often-empty-kinds",
    ]

    /// Whether `text` is a part heading (第二部分…).
    public func isPartHeading(_ text: String) -> Bool {
        partHeadingStarts.contains(where: text.hasPrefix) && partHeadingWords.contains(where: text.contains)
    }

    /// A class name without its ordinal-free endings (`一般公共服务（类）` → `一般公共服务`), each
    /// ending removed once, in order.
    public func classNameCore(_ name: String) -> String {
        var result = name
        for ending in classNameEndings where result.hasSuffix(ending) { result.removeLast(ending.count) }
        return result
    }
}

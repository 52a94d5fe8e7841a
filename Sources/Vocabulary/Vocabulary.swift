import Basics
import ReportModel

/// Every domain word juesuan relies on, as data: report families and templates, table kinds with
/// their titles, the columns templates name differently, the labels around the tables, the rules
/// and the claims' quantities.
///
/// The texts are ``VocabularyText``'s (Swift literals in the rules' line format, see there why);
/// ``standard`` reads them once. Adding a title variant, a template's columns or a rule is an
/// edit of those texts and a test — no other code. See docs/vocabulary.md.
public struct Vocabulary: Sendable {
    /// A family of reports (决算, 预算) and the title endings of its tables of no listed kind.
    public struct Family: Sendable, Hashable {
        public var name: String
        public var otherTitleEndings: [String]
    }

    /// A template: a way a family's tables are printed.
    public struct Template: Sendable, Hashable {
        public var name: String
        public var family: String
        public var description: String
    }

    /// One kind of table: its canonical title and every title that prints it.
    public struct Table: Sendable, Hashable {
        public var family: String
        public var kind: TableKind
        /// The title the rules and messages use.
        public var canonicalTitle: String
        /// Every title of the kind, the canonical one first (`N()` applied).
        public var titles: [String]
    }

    /// A column a template prints under another header than the canonical one.
    public struct ColumnVariant: Sendable, Hashable {
        public var template: String
        public var kind: TableKind
        public var canonical: String
        public var printed: String
    }

    public var families: [Family]
    public var templates: [Template]
    public var tables: [Table]
    public var columnVariants: [ColumnVariant]
    /// The labels, notes and hints around the tables (``VocabularyText/labels``).
    public var labels: Labels

    /// Every title and alias with its kind, longest first (ties in the order of the text).
    private var titlesByLength: [(title: String, kind: TableKind)]
    private var otherEndings: [String]

    /// The vocabulary of ``VocabularyText``, read once.
    public static let standard: Vocabulary = {
        do {
            return try Vocabulary()
        } catch {
            preconditionFailure("the vocabulary does not parse: \(error)")
        }
    }()

    /// Reads the vocabulary from its texts (the standard ones unless given).
    public init(
        families familiesText: String = VocabularyText.families,
        templates templatesText: String = VocabularyText.templates,
        tables tablesText: String = VocabularyText.tables, columns columnsText: String = VocabularyText.columns,
        labels labelsText: String = VocabularyText.labels
    ) throws(VocabularySyntaxError) {
        families = try VocabularyLines.entries(familiesText).map { entry throws(VocabularySyntaxError) in
            guard entry.fields.count == 2 else {
                throw VocabularySyntaxError(
                    line: entry.line, message: "expected FAMILY | TITLE ENDINGS", text: "families")
            }
            return Family(
                name: Normalization.n(entry.fields[0]), otherTitleEndings: VocabularyLines.list(entry.fields[1]))
        }
        let familyNames = Set(families.map(\.name))
        templates = try VocabularyLines.entries(templatesText).map { entry throws(VocabularySyntaxError) in
            guard entry.fields.count == 3, familyNames.contains(Normalization.n(entry.fields[1])) else {
                throw VocabularySyntaxError(
                    line: entry.line, message: "expected TEMPLATE | FAMILY | WHO PRINTS IT, of a listed family",
                    text: "templates")
            }
            return Template(
                name: entry.fields[0], family: Normalization.n(entry.fields[1]), description: entry.fields[2])
        }
        var kinds = Set<TableKind>()
        tables = try VocabularyLines.entries(tablesText).map { entry throws(VocabularySyntaxError) in
            guard entry.fields.count == 4, familyNames.contains(Normalization.n(entry.fields[0])),
                !entry.fields[1].isEmpty
            else {
                throw VocabularySyntaxError(
                    line: entry.line,
                    message: "expected FAMILY | KIND | CANONICAL TITLE | OTHER TITLES, of a listed family",
                    text: "tables")
            }
            let kind = TableKind(entry.fields[1])
            guard kind != .other, kinds.insert(kind).inserted else {
                throw VocabularySyntaxError(
                    line: entry.line, message: "the kind \(kind) is listed twice", text: "tables")
            }
            let canonical = Normalization.n(entry.fields[2])
            return Table(
                family: Normalization.n(entry.fields[0]), kind: kind, canonicalTitle: canonical,
                titles: [canonical] + VocabularyLines.list(entry.fields[3]))
        }
        let templateNames = Set(templates.map(\.name))
        columnVariants = try VocabularyLines.entries(columnsText).map { entry throws(VocabularySyntaxError) in
            guard entry.fields.count == 4, templateNames.contains(entry.fields[0]),
                kinds.contains(TableKind(entry.fields[1]))
            else {
                throw VocabularySyntaxError(
                    line: entry.line,
                    message:
                        "expected TEMPLATE | KIND | CANONICAL COLUMN | PRINTED COLUMN, of a listed template and kind",
                    text: "columns")
            }
            return ColumnVariant(
                template: entry.fields[0], kind: TableKind(entry.fields[1]),
                canonical: Normalization.n(entry.fields[2]),
                printed: Normalization.n(entry.fields[3]))
        }
        labels = try Labels(labelsText, kinds: kinds)
        var titles: [(title: String, kind: TableKind)] = []
        for table in tables { for title in table.titles { titles.append((title, table.kind)) } }
        // A stable sort: among titles of one length, the first listed wins.
        titlesByLength = titles.enumerated().sorted { a, b in
            a.element.title.count != b.element.title.count
                ? a.element.title.count > b.element.title.count : a.offset < b.offset
        }.map(\.element)
        otherEndings = families.flatMap(\.otherTitleEndings)
    }

    /// The kind of a printed title (`N()` applied, its `公开NN表` label removed): the kind of the
    /// longest title or alias that ends it; ``TableKind/other`` for a title that ends like a
    /// family's table of no listed kind; nil for text that is no table title.
    ///
    /// A qualifier in brackets after the title (`财政拨款支出预算表(功能科目)`) is part of the
    /// title but not of its ending.
    public func kind(ofTitle title: String) -> TableKind? {
        for candidate in [title, Self.withoutQualifier(title)].compactMap({ $0 }) {
            for entry in titlesByLength where candidate.hasSuffix(entry.title) { return entry.kind }
            if otherEndings.contains(where: { candidate.hasSuffix($0) }) { return .other }
        }
        return nil
    }

    /// The title without a last bracketed qualifier, if it ends with one.
    static func withoutQualifier(_ title: String) -> String? {
        guard title.last == ")", let open = title.lastIndex(of: "("), open > title.startIndex else { return nil }
        return String(title[..<open])
    }

    /// The entry of a listed kind.
    public func table(_ kind: TableKind) -> Table? { tables.first { $0.kind == kind } }

    /// What a table named in a rule or claim selects: the kind of which it is a title (or the
    /// kind's name itself), or else that title alone.
    public func selector(forTitle written: String) -> TableSelector {
        let title = Normalization.n(written)
        if let table = tables.first(where: { $0.titles.contains(title) || $0.kind.rawValue == title }) {
            return .kind(table.kind, title: title)
        }
        return .title(title)
    }

    /// Whether the printed table `key` (a fact's `table`) is one `selector` selects.
    public func selects(_ selector: TableSelector, table key: String) -> Bool {
        selector.selects(table: key, ofKind: kind(ofTitle: key))
    }

    /// The columns to try for `columns` (alternatives as written) in a table of `kind`: those
    /// written, in order, then the other columns of their alias sets.
    public func columnAlternatives(_ columns: [String], kind: TableKind?) -> [String] {
        var result = columns
        guard let kind else { return result }
        for column in columns {
            let canonical = columnVariants.first {
                $0.kind == kind && ($0.printed == column || $0.canonical == column)
            }?.canonical
            guard let canonical else { continue }
            let set =
                [canonical] + columnVariants.filter { $0.kind == kind && $0.canonical == canonical }.map(\.printed)
            for alias in set where !result.contains(alias) { result.append(alias) }
        }
        return result
    }
}

/// The table a cell reference names.
public enum TableSelector: Sendable, Hashable, CustomStringConvertible {
    /// Every table of a kind, named by one of its titles (kept for messages).
    case kind(TableKind, title: String)
    /// The table printed under this title (a title the vocabulary does not list).
    case title(String)

    /// The title as written (`N()` applied).
    public var title: String {
        switch self {
        case .kind(_, let title), .title(let title): title
        }
    }

    /// The kind, for a selector by kind.
    public var kind: TableKind? {
        if case .kind(let kind, _) = self { return kind }
        return nil
    }

    public var description: String { title }

    /// Whether the printed table `key`, whose title is of `kind` (as ``Vocabulary/kind(ofTitle:)``
    /// gives it, or a cache of it), is one this selector selects.
    public func selects(table key: String, ofKind kind: TableKind?) -> Bool {
        switch self {
        case .kind(let wanted, _): kind == wanted
        case .title(let title): key == title
        }
    }
}

import Basics
import ReportModel
import Vocabulary

/// One quantity of ``ClaimPatterns/quantities``.
struct ClaimQuantity: Sendable, Hashable {
    var name: String
    var phrases: [String]
    var final: [CellReference]?
    var budget: [CellReference]?
    var isSum: Bool
}

enum ClaimRole: String, Sendable {
    case amount, budget, final, share, rate, up, down
}

enum ClaimUnitKind: Sendable, Hashable {
    case money(factor: Int128)
    case percent
    case count
}

/// The pattern texts, read once.
struct ClaimVocabulary: Sendable {
    var quantities: [ClaimQuantity]
    var roles: [(word: String, role: ClaimRole)]
    var fillers: [String]
    var wholes: [(phrase: String, quantity: String)]
    var units: [(unit: String, kind: ClaimUnitKind)]
    var comparisons: [(word: String, relation: String)]
    var nameBoundaries: Set<Character>
    /// The column of the 类/款/项 rows (``ClaimPatterns/functionalCells``).
    var functional: CellReference
    /// ``ClaimPatterns/partsOpener``, ``ClaimPatterns/usesOpener``, ``ClaimPatterns/titleYearWords``.
    var partsOpener = Array(Normalization.n(ClaimPatterns.partsOpener))
    var usesOpener = Array(Normalization.n(ClaimPatterns.usesOpener))
    var titleYearWords = Normalization.n(ClaimPatterns.titleYearWords)
    /// ``ClaimPatterns/stemEndings`` and ``ClaimPatterns/budgetWord``.
    var stemEndings = VocabularyLines.list(ClaimPatterns.stemEndings)
    var budgetWord = Normalization.n(ClaimPatterns.budgetWord)
    /// ``ClaimPatterns/levelMarkers``, the class's first.
    var levelMarkers = VocabularyLines.list(ClaimPatterns.levelMarkers)
    /// Every quantity and whole phrase, as characters (words inside them are no role words).
    var maskPhrases: [[Character]]
    /// The role words as characters.
    var roleWords: [(word: [Character], role: ClaimRole)]

    static let standard = ClaimVocabulary()

    init() {
        quantities = VocabularyLines.entries(ClaimPatterns.quantities).compactMap { entry in
            let fields = entry.fields
            guard fields.count >= 3 else { return nil }
            let final = fields[2] == "sum" || fields[2] == "-" ? nil : Self.cells(fields[2], line: entry.line)
            let budget = fields.count > 3 && fields[3] != "-" ? Self.cells(fields[3], line: entry.line) : nil
            return ClaimQuantity(
                name: Normalization.n(fields[0]), phrases: Self.list(fields[1]), final: final, budget: budget,
                isSum: fields[2] == "sum")
        }
        do {
            functional = try CellReferenceParser.column(ClaimPatterns.functionalCells, line: 1, what: "claims functional cells")
        } catch {
            preconditionFailure("the claims' functional cells do not parse: \(error)")
        }
        roles = Self.lines(ClaimPatterns.roles).flatMap { fields -> [(word: String, role: ClaimRole)] in
            guard fields.count == 2, let role = ClaimRole(rawValue: fields[0]) else { return [] }
            return Self.list(fields[1]).map { (word: $0, role: role) }
        }
        fillers = Self.list(ClaimPatterns.fillers.replacingNewlines).sorted { $0.count > $1.count }
        wholes = Self.lines(ClaimPatterns.wholes).compactMap { fields in
            fields.count == 2 ? (phrase: Normalization.n(fields[0]), quantity: Normalization.n(fields[1])) : nil
        }
        units = Self.lines(ClaimPatterns.units).compactMap { fields in
            guard fields.count == 2 else { return nil }
            let kind = fields[1].split(separator: " ")
            switch kind.first {
            case "money": return (unit: Normalization.n(fields[0]), kind: .money(factor: Int128(String(kind.last ?? "1")) ?? 1))
            case "percent": return (unit: Normalization.n(fields[0]), kind: .percent)
            default: return (unit: Normalization.n(fields[0]), kind: .count)
            }
        }
        nameBoundaries = Set(Normalization.n(ClaimPatterns.nameBoundaries))
        maskPhrases = (quantities.flatMap(\.phrases) + wholes.map(\.phrase)).map(Array.init)
        roleWords = roles.map { (Array($0.word), $0.role) }
        comparisons = Self.lines(ClaimPatterns.comparisons).compactMap { fields in
            fields.count == 2 ? (word: Normalization.n(fields[0]), relation: fields[1]) : nil
        }
    }

    func quantity(named name: String) -> ClaimQuantity? { quantities.first { $0.name == name } }

    private static func lines(_ text: String) -> [[String]] {
        VocabularyLines.entries(text).map(\.fields)
    }

    private static func list(_ text: String) -> [String] { VocabularyLines.list(text) }

    /// `[TABLE: ROW @ COL, COL] or […]`: alternatives, the first that resolves wins. The texts are
    /// the vocabulary's, checked by its tests: one that does not parse is a programming error.
    private static func cells(_ text: String, line: Int) -> [CellReference] {
        do {
            return try CellReferenceParser.alternatives(text, line: line, what: "claims quantities")
        } catch {
            preconditionFailure("the claims' quantities do not parse: \(error)")
        }
    }
}

extension String {
    fileprivate var replacingNewlines: String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}

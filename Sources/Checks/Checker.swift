import Basics
import ReportModel
import Vocabulary

/// How serious a finding is (CLI.md).
public enum Severity: String, Sendable, Codable, Hashable, Comparable {
    /// Rounding cannot explain it.
    case error
    case warning
    /// Explained by rounding (the 尾数误差 note), or worth knowing.
    case info

    public static func < (left: Severity, right: Severity) -> Bool { left.rank < right.rank }
    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .info: 2
        }
    }
}

/// One thing a check found, keyed like a fact (FACTS.md).
public struct Finding: Sendable, Codable, Hashable {
    public var rule: String
    public var severity: Severity
    public var entity: String
    public var table: String?
    public var row: String?
    public var col: String?
    public var page: Int?
    /// The printed value of the cell, as in facts.csv.
    public var printed: String?
    /// What the rule's other side makes it, printed with the cell's decimals.
    public var expected: String?
    public var message: String
    /// The sentence of a narrative claim.
    public var sentence: String?
    /// The box of the cell on its page (display space, points), for evidence; nil when the
    /// finding concerns a cell the report leaves blank, or text alone.
    public var box: Rect?

    /// The equation an error came from, for attributing it to the cell most likely wrong.
    var equation: Equation? = nil

    private enum CodingKeys: String, CodingKey {
        case rule, severity, entity, table, row, col, page, box, printed, expected, message, sentence
    }

    /// CLI.md: `table`, `row` and `col` are `null` (not absent) for a finding about text alone.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(severity, forKey: .severity)
        try container.encode(entity, forKey: .entity)
        try container.encode(table, forKey: .table)
        try container.encode(row, forKey: .row)
        try container.encode(col, forKey: .col)
        try container.encode(page, forKey: .page)
        try container.encode(box, forKey: .box)
        try container.encode(printed, forKey: .printed)
        try container.encode(expected, forKey: .expected)
        try container.encode(message, forKey: .message)
        try container.encodeIfPresent(sentence, forKey: .sentence)
    }

    public init(
        rule: String, severity: Severity, entity: String, table: String?, row: String?, col: String?, page: Int?,
        printed: String?, expected: String?, message: String, sentence: String? = nil, box: Rect? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.entity = entity
        self.table = table
        self.row = row
        self.col = col
        self.page = page
        self.printed = printed
        self.expected = expected
        self.message = message
        self.sentence = sentence
        self.box = box
    }
}

/// Applies rules to a report's facts, entity by entity, on rounding intervals.
public struct Checker: Sendable {
    public var rules: [Rule]
    /// Resolves the rules' tables (by kind) and columns (by alias set).
    public var vocabulary: Vocabulary

    public init(rules: [Rule], vocabulary: Vocabulary = .standard) {
        self.rules = rules
        self.vocabulary = vocabulary
    }

    /// The default rules (``DefaultRules``).
    public static func standard() -> Checker {
        do {
            return Checker(rules: try RuleParser.parse(DefaultRules.text))
        } catch {
            preconditionFailure("the default rules do not parse: \(error)")
        }
    }

    /// Every finding, in document order of the cells they concern.
    ///
    /// - Parameters:
    ///   - facts: the report's facts.
    ///   - printedTables: the titles (N() applied) of every table the report prints, empty ones
    ///     included, per entity; when `nil`, the tables that hold facts.
    public func check(_ facts: [Fact], printedTables: [String: [String]]? = nil) -> [Finding] {
        var findings: [Finding] = []
        var entityOrder: [String] = []
        var byEntity: [String: [Fact]] = [:]
        for fact in facts {
            if byEntity[fact.entity] == nil { entityOrder.append(fact.entity) }
            byEntity[fact.entity, default: []].append(fact)
        }
        if entityOrder.isEmpty, let printedTables { entityOrder = printedTables.keys.sorted() }
        for entity in entityOrder {
            let index = FactIndex(byEntity[entity] ?? [], vocabulary: vocabulary)
            let tables = printedTables?[entity]
            var raw: [Finding] = []
            for rule in rules { raw += apply(rule, to: index, entity: entity, printedTables: tables) }
            findings += Diagnosis.attribute(raw)
        }
        return findings.sorted { ($0.page ?? .max, $0.severity) < ($1.page ?? .max, $1.severity) }
    }

    private func apply(_ rule: Rule, to index: FactIndex, entity: String, printedTables: [String]?) -> [Finding] {
        switch rule.kind {
        case .atMost(let left, let right):
            return instances(rule, left, right, index: index).compactMap { l, r, _ -> Finding? in
                // Both sides printed: a bound from a table that prints nothing says nothing.
                guard let leftFact = index.fact(l), let leftInterval = leftFact.interval,
                    r.contains(where: { index.fact($0.item) != nil })
                else { return nil }
                let bound = index.sum(r)
                guard leftInterval.lower > bound.upper else { return nil }
                let limit = bound.midpointText(decimals: leftFact.amount?.decimals ?? 2)
                let names = r.map { "\($0.item.table.map { $0 + ": " } ?? "")\($0.item.row) @ \($0.item.col)" }.joined(separator: " + ")
                return Finding(
                    rule: rule.id, severity: .error, entity: entity, table: l.table, row: l.row, col: l.col,
                    page: leftFact.fact.page, printed: leftFact.fact.value, expected: limit,
                    message: "\(l.row) @ \(l.col) can be at most \(names) = \(limit) \(leftFact.fact.unit); it prints \(leftFact.fact.value)",
                    box: leftFact.fact.box)
            }
        case .classes(let leftCell, let rightCell):
            let left = resolve(leftCell, in: nil, index: index)
            let right = resolve(rightCell, in: nil, index: index)
            // Both columns must be printed: another template names them otherwise.
            guard let leftTable = left.table, let rightTable = right.table,
                index.hasColumn(leftTable, left.col), index.hasColumn(rightTable, right.col)
            else { return [] }
            // The class rows of the right table, by name.
            var classByName: [String: String] = [:]
            for row in index.rows(of: rightTable) where row.count == 3 && row.allSatisfy(\.isASCIIDigit) {
                if let name = index.name(of: rightTable, row: row), !name.isEmpty {
                    classByName[ClassName.key(name, labels: vocabulary.labels)] = row
                }
            }
            return index.rows(of: leftTable).compactMap { row -> Finding? in
                guard let code = classByName[ClassName.key(row, labels: vocabulary.labels)], index.has(leftTable, row, left.col)
                else { return nil }
                // Reported at the detail table's class: the summary repeats it.
                return compare(
                    rule, left: Rule.CellReference(table: rightTable, row: code, col: right.col),
                    right: [Rule.Term(negative: false, item: Rule.CellReference(table: leftTable, row: row, col: left.col))],
                    index: index, entity: entity, what: "\(code) @ \(right.col) = \(leftTable): \(row) @ \(left.col)")
            }
        case .required(let alternatives):
            // Facts alone cannot tell a table printed empty from one left out.
            guard let printedTables else { return [] }
            return alternatives.compactMap { titles -> Finding? in
                let printed = titles.contains { title in
                    let selector = vocabulary.selector(forTitle: title)
                    return printedTables.contains { vocabulary.selects(selector, table: $0) }
                }
                guard !printed else { return nil }
                return Finding(
                    rule: rule.id, severity: .warning, entity: entity, table: titles[0], row: nil, col: nil, page: nil,
                    printed: nil, expected: nil,
                    message: "the standard table \(titles.joined(separator: " / ")) is not in the report")
            }
        case .nonnegative:
            return index.tables.filter(index.applies(rule)).flatMap { table in
                index.facts(of: table).filter { ($0.amount?.minorUnits ?? 0) < 0 }.map { cell in
                    Finding(
                        rule: rule.id, severity: .error, entity: entity, table: table, row: cell.fact.row, col: cell.fact.col,
                        page: cell.fact.page, printed: cell.fact.value, expected: nil,
                        message: "\(cell.fact.name.isEmpty ? cell.fact.row : cell.fact.name) @ \(cell.fact.col): \(cell.fact.value) is negative; amounts in this table cannot be",
                        box: cell.fact.box)
                }
            }
        case .rollup(let totalRow):
            return index.tables.filter(index.applies(rule)).flatMap { rollup(rule, table: $0, totalRow: totalRow, index: index, entity: entity) }
        case .columns(let leftName, let rightNames):
            return index.tables.filter(index.applies(rule)).flatMap { table -> [Finding] in
                // The columns as this table prints them (the alias its template uses).
                let left = column(leftName, in: table, index: index)
                let right = rightNames.map { Rule.Term(negative: $0.negative, item: column($0.item, in: table, index: index)) }
                guard index.hasColumn(table, left) || right.contains(where: { index.hasColumn(table, $0.item) }) else { return [] }
                return index.rows(of: table).compactMap { row -> Finding? in
                    let terms = right.map { Rule.Term(negative: $0.negative, item: Rule.CellReference(table: table, row: row, col: $0.item)) }
                    return compare(
                        rule, left: Rule.CellReference(table: table, row: row, col: left), right: terms, index: index,
                        entity: entity, what: "\(left) = " + describe(right.map { ($0.negative, $0.item) }))
                }
            }
        case .cells(let left, let right):
            return instances(rule, left, right, index: index).compactMap { l, r, resolve -> Finding? in
                // A table that prints no figure (or is left out: the structure rule's business)
                // contributes 0; the cell checked must be printed.
                // The total the rule checks must be printed: a template that names its columns
                // differently (or leaves the cell out) is not this rule's business.
                guard index.fact(l) != nil else { return nil }
                // So must every column it adds up: a blank cell counts as 0, and so does every cell of
                // a table that prints no figure at all; a column missing from a table that prints
                // figures means another template.
                guard r.allSatisfy({ term in
                    term.item.table.map { index.hasColumn($0, term.item.col) || index.rows(of: $0).isEmpty } ?? false
                }) else {
                    return nil
                }
                // A conditional rule applies only where its condition holds, printed on both sides.
                if let condition = rule.condition {
                    let conditionLeft = resolve(condition.left)
                    let conditionRight = condition.right.map { Rule.Term(negative: $0.negative, item: resolve($0.item)) }
                    guard let held = index.holds(conditionLeft, conditionRight), held else { return nil }
                }
                return compare(
                    rule, left: l, right: r, index: index, entity: entity,
                    what: "\(l.row) @ \(l.col) = "
                        + describe(r.map { term in
                            let table = term.item.table.flatMap { $0 == l.table ? nil : $0 + ": " } ?? ""
                            return (term.negative, "\(table)\(term.item.row) @ \(term.item.col)")
                        }))
            }
        }
    }

    /// A cells rule for each printed table it applies to (or once, for `*`): its cells resolved
    /// in the report, the table filled in where the rule leaves it out, and the function that
    /// resolves a further cell (its condition's) the same way.
    private func instances(
        _ rule: Rule, _ left: RuleCell, _ right: [Rule.Term<RuleCell>], index: FactIndex
    ) -> [(Rule.CellReference, [Rule.Term<Rule.CellReference>], (RuleCell) -> Rule.CellReference)] {
        let tables = rule.tables.isEmpty ? [nil] : index.tables.filter(index.applies(rule)).map(Optional.some)
        return tables.map { table in
            let resolve = { (reference: RuleCell) in self.resolve(reference, in: table, index: index) }
            return (resolve(left), right.map { Rule.Term(negative: $0.negative, item: resolve($0.item)) }, resolve)
        }
    }

    /// The printed cell a rule's cell names in this report: its table the first printed table
    /// of the kind (or `table`, the rule's own, where it names none), its column the first of its
    /// alternatives and their alias sets that the table prints. A table or column not printed
    /// stays as written, and so names no fact.
    private func resolve(_ reference: RuleCell, in table: String?, index: FactIndex) -> Rule.CellReference {
        let printed = reference.table.map { index.tables(selectedBy: $0).first ?? $0.title } ?? table
        guard let printed else { return Rule.CellReference(table: nil, row: reference.row, col: reference.column) }
        var row = reference.row
        if reference.rowIsSuffix, let found = index.rows(of: printed).first(where: { $0.hasSuffix(reference.row) }) { row = found }
        let columns = vocabulary.columnAlternatives(reference.columns, kind: index.kind(of: printed))
        let col = columns.first { index.hasColumn(printed, $0) } ?? reference.column
        return Rule.CellReference(table: printed, row: row, col: col)
    }

    /// A column named by a rule, as the printed table prints it (its alias set's printed member).
    private func column(_ name: String, in table: String, index: FactIndex) -> String {
        vocabulary.columnAlternatives([name], kind: index.kind(of: table)).first { index.hasColumn(table, $0) } ?? name
    }

    /// Codes equal the sums of their children in every column; the total row the sum of the top codes.
    private func rollup(_ rule: Rule, table: String, totalRow: String?, index: FactIndex, entity: String) -> [Finding] {
        let codes = index.rows(of: table).filter { $0.allSatisfy(\.isASCIIDigit) && $0.count >= 3 }
        guard !codes.isEmpty else { return [] }
        let codeSet = Set(codes)
        var findings: [Finding] = []
        for column in index.columns(of: table) {
            for parent in codes {
                let children = codes.filter { $0.count > parent.count && $0.hasPrefix(parent) && !codeSet.containsIntermediate(between: parent, and: $0) }
                guard !children.isEmpty else { continue }
                let terms = children.map { Rule.Term(negative: false, item: Rule.CellReference(table: table, row: $0, col: column)) }
                if let finding = compare(
                    rule, left: Rule.CellReference(table: table, row: parent, col: column), right: terms, index: index,
                    entity: entity, what: "\(parent) = Σ its \(children.count) items (\(column))", requireLeft: true)
                {
                    findings.append(finding)
                }
            }
            // The total row is compared where the table prints it (in some column).
            if let totalRow, index.rows(of: table).contains(totalRow) {
                let shortest = codes.map(\.count).min() ?? 3
                let tops = codes.filter { $0.count == shortest }
                let terms = tops.map { Rule.Term(negative: false, item: Rule.CellReference(table: table, row: $0, col: column)) }
                if let finding = compare(
                    rule, left: Rule.CellReference(table: table, row: totalRow, col: column), right: terms, index: index,
                    entity: entity, what: "\(totalRow) = Σ its \(tops.count) classes (\(column))", requireLeft: true)
                {
                    findings.append(finding)
                }
            }
        }
        return findings
    }

    /// Compares `left` with the signed sum of `right` on intervals. Cells that are not printed
    /// count as 0; when no cell of the equation is printed there is nothing to compare.
    private func compare(
        _ rule: Rule, left: Rule.CellReference, right: [Rule.Term<Rule.CellReference>], index: FactIndex, entity: String,
        what: String, requireLeft: Bool = false
    ) -> Finding? {
        let leftFact = index.fact(left)
        let rightFacts = right.map { index.fact($0.item) }
        if requireLeft && leftFact == nil && rightFacts.allSatisfy({ $0 == nil || $0?.amount?.minorUnits == 0 }) { return nil }
        guard leftFact != nil || rightFacts.contains(where: { $0 != nil }) else { return nil }
        let leftInterval = leftFact?.interval ?? .zero
        let sum = index.sum(right)
        var printedSum = ExactSum()
        for (term, fact) in zip(right, rightFacts) { printedSum.add(fact?.amount, negative: term.negative) }
        let decimals = leftFact?.amount?.decimals ?? rightFacts.compactMap { $0?.amount?.decimals }.max() ?? 2
        let printedLeft = leftFact?.fact.value ?? "(blank)"
        let unitLabel = leftFact?.fact.unit ?? rightFacts.compactMap { $0?.fact.unit }.first ?? ""
        let anchor = leftFact ?? rightFacts.compactMap { $0 }.first!
        let expected = sum.midpointText(decimals: decimals)
        if !leftInterval.meets(sum) {
            var finding = Finding(
                rule: rule.id, severity: .error, entity: entity, table: left.table, row: left.row, col: left.col,
                page: anchor.fact.page, printed: leftFact?.fact.value ?? "", expected: expected,
                message: "\(what): printed \(printedLeft), the other side gives \(expected) \(unitLabel); rounding cannot explain the difference",
                box: leftFact?.fact.box)
            finding.equation = Equation(
                what: what, unit: unitLabel,
                terms: [Equation.Term(reference: left, fact: leftFact, sign: 1)]
                    + zip(right, rightFacts).map { Equation.Term(reference: $0.item, fact: $1, sign: $0.negative ? 1 : -1) })
            return finding
        }
        if let leftAmount = leftFact?.amount, !printedSum.equals(leftAmount) {
            return Finding(
                rule: rule.id, severity: .info, entity: entity, table: left.table, row: left.row, col: left.col,
                page: anchor.fact.page, printed: leftFact?.fact.value, expected: expected,
                message: "\(what): printed \(printedLeft), the printed parts add up to \(expected) \(unitLabel); within rounding (本套报表金额单位转换时可能存在尾数误差)",
                box: leftFact?.fact.box)
        }
        return nil
    }

    private func describe(_ terms: [(Bool, String)]) -> String {
        terms.enumerated().map { offset, term in
            (offset == 0 ? (term.0 ? "− " : "") : (term.0 ? " − " : " + ")) + term.1
        }.joined()
    }
}

/// The sum of printed amounts, exactly, at the largest number of decimals.
struct ExactSum {
    var units: Int128 = 0

    mutating func add(_ amount: Amount?, negative: Bool) {
        guard let amount, let value = RoundedInterval.units(minorUnits: amount.minorUnits, decimals: amount.decimals) else { return }
        units += negative ? -value : value
    }

    func equals(_ amount: Amount) -> Bool {
        RoundedInterval.units(minorUnits: amount.minorUnits, decimals: amount.decimals) == units
    }
}

/// A fact with its parsed amount and interval.
struct IndexedFact: Sendable, Hashable {
    var fact: Fact
    var amount: Amount?
    var interval: RoundedInterval?
}

/// The facts of one entity, by table, row and column.
struct FactIndex {
    private var cells: [String: [String: [String: IndexedFact]]] = [:]
    private(set) var tables: [String] = []
    private var rowOrder: [String: [String]] = [:]
    private var columnOrder: [String: [String]] = [:]

    private var kinds: [String: TableKind] = [:]
    private let vocabulary: Vocabulary

    init(_ facts: [Fact], vocabulary: Vocabulary = .standard) {
        self.vocabulary = vocabulary
        for fact in facts {
            if cells[fact.table] == nil {
                tables.append(fact.table)
                kinds[fact.table] = vocabulary.kind(ofTitle: fact.table)
            }
            if cells[fact.table]?[fact.row] == nil { rowOrder[fact.table, default: []].append(fact.row) }
            if !(columnOrder[fact.table]?.contains(fact.col) ?? false) { columnOrder[fact.table, default: []].append(fact.col) }
            let amount = Amount.parse(fact.value)
            cells[fact.table, default: [:]][fact.row, default: [:]][fact.col] = IndexedFact(
                fact: fact, amount: amount, interval: amount.flatMap(RoundedInterval.init))
        }
    }

    func rows(of table: String) -> [String] { rowOrder[table] ?? [] }

    /// The kind of a printed table.
    func kind(of table: String) -> TableKind? { kinds[table] ?? vocabulary.kind(ofTitle: table) }

    /// The printed tables a selector selects, in document order.
    func tables(selectedBy selector: TableSelector) -> [String] {
        tables.filter { selector.selects(table: $0, ofKind: kinds[$0]) }
    }

    /// Whether a rule applies to a printed table.
    func applies(_ rule: Rule) -> (String) -> Bool {
        { table in rule.applies(to: table, ofKind: kinds[table]) }
    }

    /// Whether `left = Σ right` can hold on the rounding intervals; nil when the left cell or
    /// every right cell is not printed.
    func holds(_ left: Rule.CellReference, _ right: [Rule.Term<Rule.CellReference>]) -> Bool? {
        guard let leftInterval = fact(left)?.interval, right.contains(where: { fact($0.item) != nil }) else { return nil }
        return leftInterval.meets(sum(right))
    }

    /// Σ ± the terms' intervals; a cell the table leaves blank counts as 0.
    func sum(_ terms: [Rule.Term<Rule.CellReference>]) -> RoundedInterval {
        terms.reduce(RoundedInterval.zero) { total, term in
            let interval = fact(term.item)?.interval ?? .zero
            return term.negative ? total - interval : total + interval
        }
    }

    /// The printed name of a row (the first of its cells that carries one).
    func name(of table: String, row: String) -> String? {
        cells[table]?[row]?.values.lazy.map(\.fact.name).first { !$0.isEmpty }
    }

    /// The table's cells in document order.
    func facts(of table: String) -> [IndexedFact] {
        rows(of: table).flatMap { row in columns(of: table).compactMap { cells[table]?[row]?[$0] } }
    }
    func columns(of table: String) -> [String] { columnOrder[table] ?? [] }
    func hasColumn(_ table: String, _ col: String) -> Bool { columnOrder[table]?.contains(col) ?? false }
    func has(_ table: String, _ row: String, _ col: String) -> Bool { cells[table]?[row]?[col] != nil }

    func fact(_ reference: Rule.CellReference) -> IndexedFact? {
        guard let table = reference.table else { return nil }
        return cells[table]?[reference.row]?[reference.col]
    }
}

extension Set where Element == String {
    /// Whether a code lies strictly between `parent` and `child` in the hierarchy (then `child`
    /// is a grandchild, not a child).
    func containsIntermediate(between parent: String, and child: String) -> Bool {
        var length = parent.count + 1
        while length < child.count {
            if contains(String(child.prefix(length))) { return true }
            length += 1
        }
        return false
    }
}

/// Class names as the summary tables print them (一、一般公共服务支出) and as the detail tables
/// do (一般公共服务支出, 一般公共服务（类）): the ordinal, （类） and 支出 left out.
enum ClassName {
    static func key(_ name: String, labels: Labels = Vocabulary.standard.labels) -> String {
        var text = Substring(Normalization.n(name))
        if let ordinal = Ordinal.prefix(of: text), ordinal.numerals == .chinese, !ordinal.bracketed {
            text = text.dropFirst(ordinal.length)
        }
        return labels.classNameCore(String(text))
    }
}

/// An equation that failed: Σ sign·cell = 0, the left cell with sign +1 and the right-hand terms
/// with −1 (or +1 for a subtracted term).
struct Equation: Sendable, Hashable {
    struct Term: Sendable, Hashable {
        var reference: Rule.CellReference
        var fact: IndexedFact?
        var sign: Int
    }
    var what: String
    var unit: String
    var terms: [Term]

    /// The value a term's cell must have for the equation to hold, given the others as printed.
    func expected(for index: Int) -> String {
        var others = RoundedInterval.zero
        for (k, term) in terms.enumerated() where k != index {
            let interval = term.fact?.interval ?? .zero
            // sign_i·x_i + Σ sign_k·x_k = 0  ⇒  x_i = −sign_i·Σ sign_k·x_k
            others = term.sign * terms[index].sign > 0 ? others - interval : others + interval
        }
        let decimals = terms[index].fact?.amount?.decimals ?? terms.compactMap { $0.fact?.amount?.decimals }.max() ?? 2
        return others.midpointText(decimals: decimals)
    }
}

/// Which cell a failed equation blames. An equation only says that its cells disagree; when
/// several fail, the cell they share is the likely culprit (a leaf altered breaks its parent's
/// sum and its own row's identity), and between tables the table that disagrees with the others
/// most often is the odd one out. A failure that another blamed cell explains is not reported
/// again; each blamed cell is reported once, as an error at its own key.
enum Diagnosis {
    struct CellKey: Hashable {
        var table: String
        var row: String
        var col: String
    }

    static func attribute(_ findings: [Finding]) -> [Finding] {
        let failures = findings.filter { $0.severity == .error && $0.equation != nil }
        guard failures.count > 1 else { return findings }
        func key(_ term: Equation.Term) -> CellKey? {
            guard let table = term.reference.table else { return nil }
            return CellKey(table: table, row: term.reference.row, col: term.reference.col)
        }
        var cellCount: [CellKey: Int] = [:]
        var tableCount: [String: Int] = [:]
        for failure in failures {
            let keys = Set(failure.equation!.terms.compactMap(key))
            for cell in keys { cellCount[cell, default: 0] += 1 }
            let tables = Set(keys.map(\.table))
            if tables.count > 1 { for table in tables { tableCount[table, default: 0] += 1 } }
        }
        var reported: [CellKey: Int] = [:]  // cell → index in `result`
        var result: [Finding] = []
        for finding in findings {
            guard finding.severity == .error, let equation = finding.equation else {
                result.append(finding)
                continue
            }
            let terms = Array(equation.terms.enumerated()).filter { key($0.element) != nil }
            var candidates = terms
            let tables = Set(terms.compactMap { key($0.element)?.table })
            if tables.count > 1 {
                // The table in most failed cross-table equations, if one stands out.
                let counts = tables.map { ($0, tableCount[$0] ?? 0) }.sorted { $0.1 > $1.1 }
                if counts[0].1 > counts[1].1 {
                    candidates = terms.filter { key($0.element)?.table == counts[0].0 }
                }
            }
            // The cell in most failed equations, if one stands out; else the rule's own total.
            let best = candidates.map { ($0, cellCount[key($0.element)!] ?? 0) }.sorted { $0.1 > $1.1 }
            let chosen =
                best.count > 1 && best[0].1 == best[1].1 && candidates.contains(where: { $0.offset == 0 })
                ? candidates.first { $0.offset == 0 }! : best[0].0
            let cell = key(chosen.element)!
            if reported[cell] != nil { continue }
            var blamed = finding
            if chosen.offset != 0 {
                let fact = chosen.element.fact
                blamed.table = cell.table
                blamed.row = cell.row
                blamed.col = cell.col
                blamed.page = fact?.fact.page ?? finding.page
                blamed.box = fact?.fact.box
                blamed.printed = fact?.fact.value ?? ""
                blamed.expected = equation.expected(for: chosen.offset)
                blamed.message =
                    "\(equation.what): \(cell.table) | \(cell.row) | \(cell.col) printed \(fact?.fact.value ?? "(blank)"), "
                    + "the rest of the equation makes it \(blamed.expected ?? "") \(equation.unit); rounding cannot explain the difference"
            }
            reported[cell] = result.count
            result.append(blamed)
        }
        return result
    }
}

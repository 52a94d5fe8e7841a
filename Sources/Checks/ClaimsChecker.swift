import Basics
import ReportModel
import Vocabulary

/// Finds, links and judges the numeric claims of a report's narrative.
///
/// The words are data (``ClaimPatterns``); this type reads each sentence left to right: every
/// number with a unit is a claim, the words before it say what it is (its quantity, found by the
/// longest phrase, and its role: budget, final, share, rate or change), and context carries over
/// from sentence to sentence — the whole that `其中` opens, the item that a heading such as
/// `1、一般公共服务（类）商贸事务（款）行政运行（项）。` names, the figure that `与上年相比`
/// compares. Each claim is judged on rounding intervals (``RoundedInterval``).
public struct ClaimChecker: Sendable {
    let vocabulary: ClaimVocabulary

    /// A checker with the vocabulary of ``ClaimPatterns``.
    public init() {
        vocabulary = .standard
    }

    /// Every numeric claim of `sentences`, linked to `facts` and judged.
    /// - Parameter emptyTables: titles (N() applied) of tables the report prints without any
    ///   figure: a non-zero amount the narrative gives for one of their cells is inconsistent.
    public func claims(sentences: [ClaimSentence], facts: [Fact], emptyTables: Set<String> = []) -> [Claim] {
        var reader = ClaimReader(vocabulary: vocabulary, index: ClaimFactIndex(facts, functional: vocabulary.functional))
        reader.emptyTables = emptyTables
        reader.reportYear = ClaimReader.reportYear(sentences)
        for sentence in sentences { reader.read(sentence) }
        return reader.claims
    }

    /// The findings of judged claims: one per inconsistent claim, an `error` (rounding cannot
    /// explain it). Rule ids: `narrative-amount`, `narrative-share`, `narrative-budget`,
    /// `narrative-yoy`, `narrative-sum`, `narrative-comparison` (决算数大于年初预算数 and the like),
    /// `narrative-year` (a heading that names another year than the report's).
    public func findings(for claims: [Claim]) -> [Finding] {
        claims.filter { $0.verdict == .inconsistent }.map { claim in
            let cell = claim.refersTo.first { $0.source == "table" }
            let rule: String
            switch claim.kind {
            case "share": rule = "narrative-share"
            case "rate", "budget": rule = "narrative-budget"
            case "change": rule = "narrative-yoy"
            case "sum": rule = "narrative-sum"
            case "comparison": rule = "narrative-comparison"
            case "year": rule = "narrative-year"
            default: rule = "narrative-amount"
            }
            return Finding(
                rule: rule, severity: .error, entity: cell?.entity ?? claim.refersTo.first?.entity ?? "",
                table: cell?.table, row: cell?.row, col: cell?.col, page: claim.page,
                printed: claim.value, expected: claim.expected,
                message: "the narrative says \(claim.value)\(claim.unit) (\(claim.quantity)); \(claim.message)",
                sentence: claim.sentence)
        }
    }
}

/// Facts by entity, with the lookups the linker needs.
struct ClaimFactIndex: Sendable {
    var entities: [String]
    var byEntity: [String: [Fact]]
    /// The kind of each printed table.
    var kinds: [String: TableKind] = [:]
    let vocabulary: Vocabulary
    /// The column reference of the 类/款/项 rows (``ClaimPatterns/functionalCells``).
    let functionalCell: CellReference

    init(_ facts: [Fact], functional: CellReference = ClaimVocabulary.standard.functional, vocabulary: Vocabulary = .standard) {
        self.vocabulary = vocabulary
        functionalCell = functional
        let functionalTable = functional.table
        var kinds: [String: TableKind] = [:]
        for fact in facts where kinds[fact.table] == nil { kinds[fact.table] = vocabulary.kind(ofTitle: fact.table) ?? .other }
        self.kinds = kinds
        var entities: [String] = []
        var byEntity: [String: [Fact]] = [:]
        for fact in facts {
            if byEntity[fact.entity] == nil { entities.append(fact.entity) }
            byEntity[fact.entity, default: []].append(fact)
        }
        self.entities = entities
        self.byEntity = byEntity
        var functional: [String: [(code: String, name: String)]] = [:]
        for entity in entities {
            var seen = Set<String>()
            var rows: [(code: String, name: String)] = []
            for fact in byEntity[entity] ?? [] where Self.selects(functionalTable, fact.table, kinds: kinds) {
                guard fact.row.allSatisfy(\.isASCIIDigit), [3, 5, 7].contains(fact.row.count), !seen.contains(fact.row) else {
                    continue
                }
                seen.insert(fact.row)
                rows.append((fact.row, fact.name))
            }
            functional[entity] = rows
        }
        self.functional = functional
    }

    /// The 类/款/项 rows of each entity's 一般公共预算财政拨款支出决算表.
    var functional: [String: [(code: String, name: String)]]

    func facts(_ entity: String) -> [Fact] { byEntity[entity] ?? [] }

    /// Whether a printed table is one the selector selects.
    static func selects(_ selector: TableSelector?, _ table: String, kinds: [String: TableKind]) -> Bool {
        selector?.selects(table: table, ofKind: kinds[table]) ?? false
    }

    /// The fact a cell names, trying its column alternatives in order, then the other columns of
    /// their alias sets.
    func resolve(_ spec: CellReference, entity: String) -> Fact? {
        let candidates = facts(entity).filter { fact in
            (spec.rowIsSuffix ? fact.row.hasSuffix(spec.row) : fact.row == spec.row)
                && Self.selects(spec.table, fact.table, kinds: kinds)
        }
        guard let first = candidates.first else { return nil }
        let columns = vocabulary.columnAlternatives(spec.columns, kind: kinds[first.table])
        for column in columns {
            let alternative = column.split(separator: "/").map(String.init)
            let wanted = Set(alternative)
            if let exact = candidates.first(where: { $0.col.split(separator: "/").map(String.init) == alternative }) {
                return exact
            }
            if let found = candidates.first(where: { wanted.isSubset(of: Set($0.col.split(separator: "/").map(String.init))) }) {
                return found
            }
        }
        return nil
    }

    /// The title of the printed table a cell spec names, when that table prints any figure.
    func printedTable(_ spec: CellReference, entity: String) -> String? {
        facts(entity).first { Self.selects(spec.table, $0.table, kinds: kinds) }?.table
    }

    /// The facts of every cell that resolves, in order.
    func resolveAll(_ specs: [CellReference], entity: String) -> [Fact] {
        specs.compactMap { resolve($0, entity: entity) }
    }

    /// The fact of the first cell that resolves.
    func resolve(_ specs: [CellReference], entity: String) -> Fact? {
        for spec in specs {
            if let fact = resolve(spec, entity: entity) { return fact }
        }
        return nil
    }

    /// The 类/款/项 rows of the 一般公共预算财政拨款支出决算表: code and name.
    func functionalRows(_ entity: String) -> [(code: String, name: String)] { functional[entity] ?? [] }

    func expenditureCell(code: String) -> [CellReference] {
        [CellReference(table: functionalCell.table, row: code, columns: functionalCell.columns)]
    }
}

/// A number with a unit found in a sentence.
struct ClaimToken {
    var start: Int
    var end: Int
    var value: String
    var unit: String
    var kind: ClaimUnitKind
}

/// What a claim is about: a quantity of the vocabulary, a 类 row or an item heading's row.
struct ClaimSubject {
    var name: String
    var final: [CellReference]?
    var budget: [CellReference]?
    var isSum: Bool
}

/// Reads sentences in order, carrying the context, and collects claims.
struct ClaimReader {
    let vocabulary: ClaimVocabulary
    let index: ClaimFactIndex
    var claims: [Claim] = []
    /// Tables printed without any figure.
    var emptyTables: Set<String> = []

    var entity: String
    /// The year most of the narrative names (`2023年度`), when it names one clearly.
    var reportYear: String?
    var item: ClaimSubject?
    var whole: ClaimOperand?
    var lastSubject: (subject: ClaimSubject, operand: ClaimOperand)?
    var lastBudget: ClaimOperand?
    /// The claim that stated the budget last (a budget the tables do not print is unlinked until
    /// its completion rate agrees with it).
    var budgetClaim: Int?
    var lastFinal: ClaimOperand?
    var lastMoney: ClaimOperand?
    /// The figures the narrative has stated, by quantity (for wholes no table prints, such as
    /// 政府采购支出总额).
    var mentioned: [String: ClaimOperand] = [:]
    var pendingChange: (claim: Int, up: Bool, base: ClaimOperand?, change: RoundedInterval, vsBudget: Bool)?

    init(vocabulary: ClaimVocabulary, index: ClaimFactIndex) {
        self.vocabulary = vocabulary
        self.index = index
        self.entity = index.entities.first ?? ""
    }

    // MARK: Sentences

    mutating func read(_ sentence: ClaimSentence) {
        var text = Self.normalized(sentence.text)
        if text.starts(with: vocabulary.partsOpener + [":"]) { text.removeFirst(vocabulary.partsOpener.count + 1) }
        let string = String(text)
        // A sentence that names an entity (the longest name: a unit's name may hold its department's)
        // speaks of it from here on.
        if let named = index.entities.filter({ !$0.isEmpty && string.contains($0) }).max(by: { $0.count < $1.count }) {
            entity = named
        }

        let tokens = scan(text)
        let ordinal = Self.ordinalKind(text)
        checkHeadingYear(sentence: sentence, text: text, ordinal: ordinal)
        if ordinal == .section {
            whole = nil
            lastSubject = nil
            lastBudget = nil
            lastFinal = nil
            item = nil
            pendingChange = nil
        }
        if ordinal == .item || (ordinal == .section && tokens.isEmpty) {
            lastBudget = nil
            lastFinal = nil
            item = tokens.isEmpty ? itemHeading(string) : nil
            if ordinal == .item { lastSubject = nil }
            if tokens.isEmpty { return }
        }
        if tokens.isEmpty { return }

        let pageStarts = pageStarts(of: sentence, in: text)
        var previousEnd = 0
        var context = SentenceContext(text: text)
        pendingChange = nil
        for token in tokens {
            let label = String(text[previousEnd..<token.start])
            previousEnd = token.end
            openNamedWholes(in: label)
            var (role, head, tail) = classify(label)
            if case .count = token.kind, role != .amount {
                role = .amount
                head = label
            }
            let lastClause = head.split(separator: ",", omittingEmptySubsequences: false).last.map(String.init) ?? head
            var subject: ClaimSubject?
            if role == .amount, let named = context.subject, !lastClause.isEmpty {
                // `政府性基金预算财政拨款收入X，支出Y，年末结转和结余Z`: a bare 支出 continues the
                // name before it with its last word replaced.
                subject = findSubject(in: Self.stem(of: named.name) + lastClause)
            }
            if subject == nil { subject = findSubject(in: head) }
            // A bare role word (`支出决算为…`) speaks of the subject in context.
            if subject == nil, strippedFillers(lastClause).isEmpty {
                switch role {
                case .budget, .final, .rate:
                    subject = context.subject ?? item ?? lastSubject?.subject
                default:
                    break
                }
            }
            if let subject { context.subject = subject }
            var claim = Claim(
                page: pageStarts.last { $0.offset <= token.start }?.page ?? sentence.page, sentence: sentence.text,
                value: token.value, unit: token.unit, quantity: subject?.name ?? "", kind: "amount")
            guard let printed = ClaimMath.interval(token.value, kind: token.kind) else { continue }
            switch token.kind {
            case .money, .count:
                readAmount(&claim, token: token, printed: printed, role: role, head: head, subject: subject, context: &context)
            case .percent:
                readPercent(&claim, printed: printed, role: role, tail: tail, subject: subject, context: context)
            }
            claims.append(claim)
        }
        if let sum = context.sum { close(sum) }
        compare(sentence: sentence, text: string, budget: context.budget ?? lastBudget, final: context.final ?? lastFinal)
    }

    /// A quantity's name without its last word (收入, 支出, 合计): `政府性基金预算财政拨款收入` →
    /// `政府性基金预算财政拨款`.
    static func stem(of name: String) -> String {
        for word in ClaimVocabulary.standard.stemEndings where name.hasSuffix(word) && name.count > word.count + 4 {
            return String(name.dropLast(word.count))
        }
        return "\u{0}"
    }

    /// What one sentence has said so far.
    struct SentenceContext {
        let text: [Character]
        /// The amounts of the sentence, in order.
        var money: [ClaimOperand] = []
        /// A total whose parts follow (政府采购支出总额…，其中：货物…、工程…、服务…).
        var sum: OpenSum?
        /// The quantity last named.
        var subject: ClaimSubject?
        var budget: ClaimOperand?
        var final: ClaimOperand?
    }

    struct OpenSum {
        var claim: Int
        var total: ClaimOperand
        var kind: ClaimUnitKind
        var parts: [RoundedInterval] = []
        var partTexts: [String] = []
        /// The claims that stated the parts.
        var partClaims: [Int] = []
        var decimals: Int
    }

    /// `“三公”经费财政拨款支出决算中，…`: the phrase names the whole of the shares that follow.
    mutating func openNamedWholes(in label: String) {
        for named in vocabulary.wholes where label.contains(named.phrase) {
            if let quantity = vocabulary.quantity(named: named.quantity), let cells = quantity.final,
                let fact = index.resolve(cells, entity: entity), let interval = ClaimMath.interval(of: fact)
            {
                whole = ClaimOperand(
                    interval: interval, references: [reference(fact)], quantity: quantity.name, shown: fact.value + fact.unit)
            }
        }
    }

    /// An amount or a count: a figure the tables print, a budget, a change, or a total of parts.
    mutating func readAmount(
        _ claim: inout Claim, token: ClaimToken, printed: RoundedInterval, role: ClaimRole, head: String,
        subject: ClaimSubject?, context: inout SentenceContext
    ) {
        var operand = ClaimOperand(
            interval: printed, references: [], quantity: subject?.name, shown: token.value + token.unit)
        switch role {
        case .up, .down:
            readChange(&claim, token: token, printed: printed, up: role == .up, head: head, subject: subject, context: context)
        case .budget:
            claim.kind = "budget"
            claim.quantity = (subject?.name ?? "") + "预算"
            let printedBudget = index.resolveAll(subject?.budget ?? [], entity: entity)
            if !printedBudget.isEmpty {
                judgeAmount(&claim, printed: printed, token: token, facts: printedBudget, operand: &operand)
            } else if judgeBlank(&claim, printed: printed, specs: subject?.budget ?? []) {
                // A zero budget the table prints as a blank cell.
            } else if let cells = subject?.final, let fact = index.resolve(cells, entity: entity) {
                var budgetReference = reference(fact)
                budgetReference.source = "budget"
                claim.refersTo = [budgetReference]
                claim.message = "the report prints no budget figure for it"
            }
            context.budget = operand
            lastBudget = operand
            budgetClaim = claims.count
        default:
            let cells = subject.map { $0.isSum ? [] : $0.final ?? [] } ?? []
            let facts = index.resolveAll(cells, entity: entity)
            if !facts.isEmpty {
                judgeAmount(&claim, printed: printed, token: token, facts: facts, operand: &operand)
            } else if judgeBlank(&claim, printed: printed, specs: cells) {
                // A zero the table prints as a blank cell.
            } else if judgeEmptyTable(&claim, printed: printed, specs: cells) {
                // A figure quoted from a table printed empty.
            }
            if role == .final {
                claim.quantity = (subject?.name ?? "") + "决算"
                context.final = operand
                lastFinal = operand
            }
            if let subject {
                lastSubject = (subject, operand)
                mentioned[subject.name] = operand
            }
            if var open = context.sum, subject?.isSum != true, open.kind == token.kind {
                open.parts.append(printed)
                open.partTexts.append(token.value)
                open.partClaims.append(claims.count)
                open.decimals = max(open.decimals, ClaimMath.decimals(token.value))
                context.sum = open
            }
            if let subject, subject.isSum, Self.opensParts(context.text, after: token.end) {
                claim.kind = "sum"
                context.sum = OpenSum(claim: claims.count, total: operand, kind: token.kind, decimals: ClaimMath.decimals(token.value))
            }
        }
        if case .money = token.kind {
            context.money.append(operand)
            lastMoney = operand
            if Self.opensParts(context.text, after: token.end) || Self.opensUses(context.text, after: token.end) {
                whole = operand
            }
        }
    }

    /// `与上年相比，减少X万元` or `比年初预算数增加X万元`: judged with its rate, or on its own when
    /// the budget is printed.
    mutating func readChange(
        _ claim: inout Claim, token: ClaimToken, printed: RoundedInterval, up: Bool, head: String, subject: ClaimSubject?,
        context: SentenceContext
    ) {
        claim.kind = "change"
        // 比年初预算数增加… compares with the budget; the 预算 of a name does not count.
        let vsBudget = vocabulary.quantities.flatMap(\.phrases).reduce(head) {
            $0.replacingOccurrences($1, with: "")
        }.contains(vocabulary.budgetWord)
        var base: ClaimOperand?
        if let subject, let cells = subject.final, let fact = index.resolve(cells, entity: entity),
            let interval = ClaimMath.interval(of: fact)
        {
            base = ClaimOperand(
                interval: interval, references: [reference(fact)], quantity: subject.name, shown: fact.value + fact.unit)
        } else if subject == nil || lastSubject?.subject.name == subject?.name {
            base = lastSubject?.operand
        }
        claim.quantity = (base?.quantity ?? subject?.name ?? "") + (vsBudget ? "比预算增减额" : "比上年增减额")
        claim.refersTo = (base?.references ?? []) + (base?.references ?? []).map {
            var prior = $0
            prior.source = vsBudget ? "budget" : "prior"
            return prior
        }
        claim.message = "a change on a figure the report does not print"
        if vsBudget, let base, let budget = changeBudget(subject ?? lastSubject?.subject, here: context.budget) {
            // 比预算减少X: the budget is printed, so X itself can be judged.
            let difference = up ? base.interval - budget.interval : budget.interval - base.interval
            claim.refersTo = base.references + budget.references
            if printed.meets(difference) {
                claim.verdict = .consistent
                claim.message = "the final and budget figures differ by that much"
            } else {
                claim.verdict = .inconsistent
                if case .money(let factor) = token.kind {
                    claim.expected = ClaimMath.moneyText(difference, factor: factor, decimals: max(ClaimMath.decimals(token.value), 2))
                }
                claim.message = "the final and budget figures differ by \(claim.expected ?? "another amount")"
            }
        }
        pendingChange = (claims.count, up, base, printed, vsBudget)
    }

    /// A percentage: a share of a whole, a rate of a budget, or the rate of a change.
    mutating func readPercent(
        _ claim: inout Claim, printed: RoundedInterval, role: ClaimRole, tail: String, subject: ClaimSubject?,
        context: SentenceContext
    ) {
        switch role {
        case .share:
            claim.kind = "share"
            let numerator = context.money.last ?? lastMoney
            claim.quantity = (numerator?.quantity ?? "") + "占比"
            let denominators = shareDenominators(tail) ?? [whole].compactMap { $0 }
            judgeRatio(&claim, numerator: numerator, denominators: denominators, printed: printed)
        case .rate:
            claim.kind = "rate"
            let final = context.final ?? lastFinal
            claim.quantity = (final?.quantity ?? subject?.name ?? "") + "完成预算比例"
            judgeRatio(&claim, numerator: final, denominator: context.budget ?? lastBudget, printed: printed)
            // The rate corroborates the budget figure that the tables do not print.
            if claim.verdict == .consistent, let k = budgetClaim, k < claims.count, claims[k].verdict == .unlinked {
                claims[k].verdict = .consistent
                claims[k].message = "the budget and its completion rate agree"
            }
        case .up, .down:
            claim.kind = "change"
            guard let pending = pendingChange, let base = pending.base else {
                claim.message = "a change on a figure the report does not print"
                return
            }
            let prior = pending.up ? base.interval - pending.change : base.interval + pending.change
            let changeText = claims[pending.claim].value + claims[pending.claim].unit
            let change = ClaimOperand(interval: pending.change, references: [], quantity: nil, shown: changeText)
            let priorOperand = ClaimOperand(
                interval: prior, references: claims[pending.claim].refersTo, quantity: nil,
                shown: "(\(base.shown) \(pending.up ? "−" : "+") \(changeText))")
            claim.quantity = (base.quantity ?? "") + (pending.vsBudget ? "比预算增减率" : "比上年增减率")
            judgeRatio(&claim, numerator: change, denominator: priorOperand, printed: printed)
            if claim.verdict == .consistent, claims[pending.claim].verdict == .unlinked {
                claims[pending.claim].verdict = .consistent
                claims[pending.claim].message = "the change and its rate agree"
            }
        default:
            claim.message = "a percentage of nothing the narrative names"
        }
    }

    /// Judges a total against the sum of its parts at the end of its sentence.
    mutating func close(_ sum: OpenSum) {
        guard sum.parts.count >= 2 else { return }
        let total = RoundedInterval.sum(sum.parts)
        var claim = claims[sum.claim]
        let parts = sum.partTexts.joined(separator: " + ")
        claim.refersTo.append(
            ClaimReference(entity: entity, table: "", row: "", col: sum.partTexts.joined(separator: "+"), source: "narrative"))
        if sum.total.interval.meets(total) {
            if claim.verdict != .inconsistent {
                claim.verdict = .consistent
                claim.message = "equals the sum of its parts \(parts)"
            }
            // The sum corroborates parts that no table prints.
            for k in sum.partClaims where k < claims.count && claims[k].verdict == .unlinked {
                claims[k].verdict = .consistent
                claims[k].message = "a part of \(claim.value)\(claim.unit), which its parts add up to"
            }
        } else {
            claim.verdict = .inconsistent
            claim.kind = "sum"
            let factor: Int128 = if case .money(let f) = sum.kind { f } else { 1 }
            claim.expected = ClaimMath.moneyText(total, factor: factor, decimals: sum.decimals)
            claim.message = "its parts \(parts) make \(claim.expected ?? "")"
        }
        claims[sum.claim] = claim
    }

    /// The budget a `比预算增加…` change is measured from: the table's budget cell of the
    /// quantity, else a budget stated earlier in the sentence.
    func changeBudget(_ subject: ClaimSubject?, here: ClaimOperand?) -> ClaimOperand? {
        if let cells = subject?.budget, let fact = index.resolve(cells, entity: entity), let interval = ClaimMath.interval(of: fact) {
            return ClaimOperand(
                interval: interval, references: [reference(fact)], quantity: subject?.name, shown: fact.value + fact.unit)
        }
        return here
    }

    /// The offsets in the normalised text at which later pages begin.
    func pageStarts(of sentence: ClaimSentence, in text: [Character]) -> [(offset: Int, page: Int)] {
        var starts: [(offset: Int, page: Int)] = []
        var from = 0
        for continuation in sentence.continuations {
            let needle = Array(Self.normalized(continuation.lineStart).prefix(8))
            guard !needle.isEmpty, needle.count <= text.count else { continue }
            var offset = from
            while offset + needle.count <= text.count, !text.matches(needle, at: offset) { offset += 1 }
            guard offset + needle.count <= text.count else { continue }
            starts.append((offset, continuation.page))
            from = offset
        }
        return starts
    }

    // MARK: Judging

    /// The year named most often as `NNNN年度`, when it is named at least three times and twice
    /// as often as any other.
    static func reportYear(_ sentences: [ClaimSentence]) -> String? {
        var counts: [String: Int] = [:]
        for sentence in sentences {
            for year in PrintedYear.years(in: Normalization.n(sentence.text), suffix: PrintedWords.fiscalYear) {
                counts[String(year), default: 0] += 1
            }
        }
        let ranked = counts.sorted { $0.value > $1.value }
        guard let top = ranked.first, top.value >= 3 else { return nil }
        if ranked.count > 1, ranked[1].value * 2 > top.value { return nil }
        return top.key
    }

    /// A heading `2022年度部门决算情况说明` in a 2023 report.
    mutating func checkHeadingYear(sentence: ClaimSentence, text: [Character], ordinal: Ordinal) {
        guard let reportYear, ordinal == .section || text.count < 40 else { return }
        let string = String(text)
        guard let range = string.firstRange(of: vocabulary.titleYearWords) else { return }
        let before = Array(string[..<range.lowerBound])
        guard before.count >= 4, before.suffix(4).allSatisfy(\.isASCIIDigit) else { return }
        let year = String(before.suffix(4))
        var claim = Claim(
            page: sentence.page, sentence: sentence.text, value: year, unit: "年度", quantity: "标题年度", kind: "year")
        // A heading with the right year is no claim worth listing.
        if year == reportYear {
            return
        } else {
            claim.verdict = .inconsistent
            claim.expected = reportYear
            claim.message = "the rest of the report is for \(reportYear)"
        }
        claims.append(claim)
    }

    /// Judges an amount against the cells it may repeat: consistent when it agrees with one of
    /// them (cells that should be equal but are not are the table checks' business).
    /// A claimed zero for a cell its table leaves blank (a blank cell is no figure, which in a
    /// printed table means 0): consistent. Returns false when the table is not printed, or the
    /// claim is not zero.
    func judgeBlank(_ claim: inout Claim, printed: RoundedInterval, specs: [CellReference]) -> Bool {
        guard printed.meets(.zero), let spec = specs.first, let table = index.printedTable(spec, entity: entity),
            let column = spec.columns.first
        else { return false }
        claim.refersTo = [ClaimReference(entity: entity, table: table, row: spec.row, col: column)]
        claim.verdict = .consistent
        claim.message = "the table \(table) leaves that cell blank (0)"
        return true
    }

    /// A non-zero amount for a cell of a table the report prints without any figure (本表无数据):
    /// the narrative quotes what the table does not show.
    func judgeEmptyTable(_ claim: inout Claim, printed: RoundedInterval, specs: [CellReference]) -> Bool {
        guard !printed.meets(.zero), let spec = specs.first, let column = spec.columns.first,
            let table = emptyTables.sorted().first(where: { table in
                spec.table.map { index.vocabulary.selects($0, table: table) } ?? false
            })
        else { return false }
        claim.refersTo = [ClaimReference(entity: entity, table: table, row: spec.row, col: column)]
        claim.verdict = .inconsistent
        claim.expected = "0"
        claim.message = "the table \(table) is printed without any figure"
        return true
    }

    mutating func judgeAmount(
        _ claim: inout Claim, printed: RoundedInterval, token: ClaimToken, facts: [Fact], operand: inout ClaimOperand
    ) {
        let fact =
            facts.first { fact in ClaimMath.interval(of: fact).map { printed.meets($0) } ?? false } ?? facts[0]
        claim.refersTo = [reference(fact)]
        guard let interval = ClaimMath.interval(of: fact) else { return }
        operand = ClaimOperand(
            interval: interval, references: claim.refersTo, quantity: operand.quantity, shown: fact.value + fact.unit)
        if printed.meets(interval) {
            claim.verdict = .consistent
            claim.message = "the table prints \(fact.value)\(fact.unit)"
        } else {
            claim.verdict = .inconsistent
            if case .money(let factor) = token.kind {
                claim.expected =
                    ClaimMath.factor(ofMoneyUnit: fact.unit) == factor
                    ? fact.value
                    : ClaimMath.moneyText(interval, factor: factor, decimals: max(ClaimMath.decimals(token.value), 2))
            } else {
                claim.expected = fact.value
            }
            claim.message = "the table \(fact.table) prints \(fact.value)\(fact.unit) (page \(fact.page))"
        }
    }

    /// Judges a percentage against each possible whole: consistent when one fits.
    func judgeRatio(_ claim: inout Claim, numerator: ClaimOperand?, denominators: [ClaimOperand], printed: RoundedInterval) {
        guard let numerator, !denominators.isEmpty else {
            claim.message = "no figures to compute it from"
            return
        }
        let fitting = denominators.first { denominator in
            ClaimMath.ratioMeets(numerator: numerator.interval, denominator: denominator.interval, percent: printed) == true
        }
        judgeRatio(&claim, numerator: numerator, denominator: fitting ?? denominators[0], printed: printed)
    }

    func judgeRatio(_ claim: inout Claim, numerator: ClaimOperand?, denominator: ClaimOperand?, printed: RoundedInterval) {
        guard let numerator, let denominator else {
            claim.message = "no figures to compute it from"
            return
        }
        claim.refersTo = numerator.references + denominator.references
        guard let fits = ClaimMath.ratioMeets(numerator: numerator.interval, denominator: denominator.interval, percent: printed)
        else {
            claim.message = "the whole may be zero"
            return
        }
        let expected = ClaimMath.percentText(
            numerator: numerator.interval, denominator: denominator.interval, decimals: ClaimMath.decimals(claim.value))
        let precise =
            ClaimMath.percentText(
                numerator: numerator.interval, denominator: denominator.interval,
                decimals: ClaimMath.decimals(claim.value) + 2) ?? "?"
        let computation =
            numerator.shown.isEmpty || denominator.shown.isEmpty
            ? "the figures give \(precise)%" : "\(numerator.shown) ÷ \(denominator.shown) = \(precise)%"
        if fits {
            claim.verdict = .consistent
            claim.message = computation
        } else {
            claim.verdict = .inconsistent
            claim.expected = expected
            claim.message = computation + ", which rounding cannot make \(claim.value)%"
        }
    }

    /// `决算数大于年初预算数` and the like, against the sentence's budget and final figures.
    mutating func compare(sentence: ClaimSentence, text: String, budget: ClaimOperand?, final: ClaimOperand?) {
        guard let comparison = vocabulary.comparisons.first(where: { text.contains($0.word) }) else { return }
        let word = comparison.relation == "greater" ? "大于" : comparison.relation == "less" ? "小于" : "等于"
        var claim = Claim(
            page: sentence.page, sentence: sentence.text, value: word, unit: "", quantity: (final?.quantity ?? "") + "决算与预算比较",
            kind: "comparison")
        guard let budget, let final else {
            claim.message = "no budget and final figures to compare"
            claims.append(claim)
            return
        }
        claim.refersTo = final.references + budget.references
        let holds: Bool
        switch comparison.relation {
        case "greater": holds = final.interval.upper > budget.interval.lower
        case "less": holds = final.interval.lower < budget.interval.upper
        default: holds = final.interval.meets(budget.interval)
        }
        if holds {
            claim.verdict = .consistent
            claim.message = "the final and budget figures agree with it"
            if let k = budgetClaim, k < claims.count, claims[k].verdict == .unlinked {
                claims[k].verdict = .consistent
                claims[k].message = "the comparison with the final figure agrees with it"
            }
        } else {
            claim.verdict = .inconsistent
            let actual =
                final.interval.upper < budget.interval.lower ? "小于" : final.interval.lower > budget.interval.upper ? "大于" : "等于"
            claim.expected = actual
            claim.message = "the final figure is \(actual) the budget"
        }
        claims.append(claim)
    }

    // MARK: Linking

    func reference(_ fact: Fact) -> ClaimReference {
        ClaimReference(entity: fact.entity, table: fact.table, row: fact.row, col: fact.col)
    }

    /// The role word nearest the number and the words before it (`head`) and after it (`tail`).
    func classify(_ label: String) -> (ClaimRole, String, String) {
        let characters = Array(label)
        let masked = maskedPositions(characters)
        var best: (position: Int, length: Int, role: ClaimRole)?
        // Role words count only in the clause of the number.
        let clauseStart = (characters.lastIndex(where: { ",;:。".contains($0) }) ?? -1) + 1
        for (pattern, role) in vocabulary.roleWords {
            var start = characters.count - pattern.count
            while start >= clauseStart {
                if characters.matches(pattern, at: start),
                    !(start..<start + pattern.count).contains(where: { masked.contains($0) }),
                    role == .share || strippedFillers(String(characters[(start + pattern.count)...])).isEmpty
                {
                    let end = start + pattern.count
                    if best == nil || end > best!.position + best!.length
                        || (end == best!.position + best!.length && pattern.count > best!.length)
                    {
                        best = (start, pattern.count, role)
                    }
                    break
                }
                start -= 1
            }
        }
        guard let best else { return (.amount, label, "") }
        let head = String(characters[..<best.position])
        let tail = String(characters[(best.position + best.length)...])
        return (best.role, head, tail)
    }

    /// Character positions covered by a quantity's phrase, so that the 预算 of
    /// `一般公共预算财政拨款支出` is not read as a role word.
    func maskedPositions(_ characters: [Character]) -> Set<Int> {
        var masked = Set<Int>()
        for pattern in vocabulary.maskPhrases {
            guard pattern.count <= characters.count else { continue }
            for start in 0...(characters.count - pattern.count) where characters.matches(pattern, at: start) {
                masked.formUnion(start..<start + pattern.count)
            }
        }
        return masked
    }

    /// Removes filler words and bracketed remarks (`（以合同签订为准）`) from the front of `text`
    /// until none applies.
    func strippedFillers(_ text: String) -> String {
        var rest = Substring(text)
        var changed = true
        while changed && !rest.isEmpty {
            changed = false
            if rest.first == "(", let close = rest.firstIndex(of: ")") {
                rest = rest[rest.index(after: close)...]
                changed = true
                continue
            }
            for filler in vocabulary.fillers where rest.hasPrefix(filler) {
                rest = rest.dropFirst(filler.count)
                changed = true
                break
            }
        }
        return String(rest)
    }

    /// The quantity `head` ends by naming: the longest phrase after which only fillers follow.
    func findSubject(in head: String) -> ClaimSubject? {
        let text = head.replacingOccurrences(vocabulary.levelMarkers[0], with: "")
        var best: (length: Int, subject: ClaimSubject)?
        func consider(_ phrase: String, _ subject: @autoclosure () -> ClaimSubject) {
            guard phrase.count > (best?.length ?? 0), let range = text.lastRange(of: phrase) else { return }
            guard strippedFillers(String(text[range.upperBound...])).isEmpty else { return }
            guard startsAName(before: text[..<range.lowerBound]) else { return }
            best = (phrase.count, subject())
        }
        for quantity in vocabulary.quantities {
            for phrase in quantity.phrases {
                consider(
                    phrase, ClaimSubject(name: quantity.name, final: quantity.final, budget: quantity.budget, isSum: quantity.isSum))
            }
        }
        for row in index.functionalRows(entity) where row.code.count == 3 {
            let cell = index.expenditureCell(code: row.code)
            consider(row.name, ClaimSubject(name: row.name, final: cell, budget: nil, isSum: false))
            if row.name.hasSuffix("支出"), row.name.count > 4 {
                consider(String(row.name.dropLast(2)), ClaimSubject(name: row.name, final: cell, budget: nil, isSum: false))
            }
        }
        return best?.subject
    }

    /// Whether a phrase may start right after `prefix`: at the start, after punctuation, a date
    /// (`2023年度`), the department's name, or 其中 — not inside a longer name
    /// (`政府性基金基本支出` is not `基本支出`).
    func startsAName(before prefix: Substring) -> Bool {
        guard let last = prefix.last else { return true }
        if vocabulary.nameBoundaries.contains(last) { return true }
        if index.entities.contains(where: { !$0.isEmpty && prefix.hasSuffix($0) }) { return true }
        return false
    }

    /// The wholes of `占本年支出合计的…`: the current whole when it is the named quantity, else
    /// the cells of the named quantity; empty to use the current whole.
    func shareDenominators(_ tail: String) -> [ClaimOperand]? {
        guard let de = tail.lastIndex(of: "的") else { return nil }
        let name = String(tail[..<de])
        guard !name.isEmpty else { return nil }
        // A named whole the tables do not print leaves the share unlinked.
        guard let subject = findSubject(in: name) else { return [] }
        if let whole, let quantity = whole.quantity, quantity.hasSuffix(subject.name) { return [whole] }
        let printed = index.resolveAll(subject.final ?? [], entity: entity).compactMap { fact in
            ClaimMath.interval(of: fact).map {
                ClaimOperand(interval: $0, references: [reference(fact)], quantity: subject.name, shown: fact.value + fact.unit)
            }
        }
        if printed.isEmpty, let stated = mentioned[subject.name] { return [stated] }
        return printed
    }

    /// `1、一般公共服务（类）商贸事务（款）行政运行（项）。`: the row of the item it names.
    func itemHeading(_ text: String) -> ClaimSubject? {
        guard vocabulary.levelMarkers.contains(where: text.contains) else { return nil }
        var body = Substring(text)
        while let first = body.first, first.isASCIIDigit || "、.)(一二三四五六七八九十".contains(first) { body.removeFirst() }
        while let last = body.last, "。.;；".contains(last) { body.removeLast() }
        var parts: [String] = []
        var current = ""
        var rest = body
        while !rest.isEmpty {
            if let marker = vocabulary.levelMarkers.first(where: { rest.hasPrefix($0) }) {
                parts.append(current)
                current = ""
                rest = rest.dropFirst(marker.count)
            } else {
                current.append(rest.removeFirst())
            }
        }
        if !current.isEmpty { parts.append(current) }
        let rows = index.functionalRows(entity)
        var code = ""
        for (level, part) in parts.prefix(3).enumerated() {
            let length = [3, 5, 7][level]
            let candidates = rows.filter { $0.code.count == length && $0.code.hasPrefix(code) }
            guard let match = Self.bestMatch(part, among: candidates) else { break }
            code = match.code
        }
        guard code.count == 7 || (code.count == 5 && parts.count == 2) || (code.count == 3 && parts.count == 1) else {
            return nil
        }
        let name = code
        return ClaimSubject(name: name, final: index.expenditureCell(code: code), budget: nil, isSum: false)
    }

    static func bestMatch(_ name: String, among rows: [(code: String, name: String)]) -> (code: String, name: String)? {
        func core(_ text: String) -> String { text.hasSuffix("支出") && text.count > 2 ? String(text.dropLast(2)) : text }
        let wanted = core(name)
        var best: (score: Int, row: (code: String, name: String))?
        for row in rows {
            let have = core(row.name)
            let score: Int
            if have == wanted {
                score = 1000
            } else if have.contains(wanted) || wanted.contains(have) {
                score = 500 - abs(have.count - wanted.count)
            } else {
                let common = wanted.filter { have.contains($0) }.count
                guard common * 2 > max(wanted.count, have.count) else { continue }
                score = common * 100 / max(wanted.count, have.count)
            }
            if best == nil || score > best!.score { best = (score, row) }
        }
        return best?.row
    }

    // MARK: Scanning

    /// `N(text)`, except that a space between two digits stays as a separator (`171 171 100%`
    /// is three numbers, not one).
    static func normalized(_ text: String) -> [Character] {
        let marked = String(text.map { $0.isWhitespace ? "\u{A6}" : $0 })
        let characters = Array(Normalization.n(marked))
        var result: [Character] = []
        for (offset, character) in characters.enumerated() {
            if character == "\u{A6}" {
                let before = offset > 0 && characters[offset - 1].isASCIIDigit
                let after = offset + 1 < characters.count && characters[offset + 1].isASCIIDigit
                if before && after, result.last != " " { result.append(" ") }
                continue
            }
            result.append(character)
        }
        return result
    }

    /// Numbers followed by a unit of ``ClaimPatterns/units``.
    func scan(_ text: [Character]) -> [ClaimToken] {
        var tokens: [ClaimToken] = []
        var position = 0
        while position < text.count {
            let character = text[position]
            guard character.isASCIIDigit,
                position == 0 || !(text[position - 1].isASCIIDigit || text[position - 1] == "." || text[position - 1].isLetter && text[position - 1].isASCII)
            else {
                position += 1
                continue
            }
            var end = position
            var digits = ""
            while end < text.count {
                let c = text[end]
                if c.isASCIIDigit {
                    digits.append(c)
                } else if c == ",", end + 1 < text.count, text[end + 1].isASCIIDigit, !digits.contains(".") {
                    // A thousands separator.
                } else if c == ".", end + 1 < text.count, text[end + 1].isASCIIDigit, !digits.contains(".") {
                    digits.append(c)
                } else {
                    break
                }
                end += 1
            }
            var matched: (unit: String, kind: ClaimUnitKind)?
            for unit in vocabulary.units {
                let pattern = Array(unit.unit)
                if text.matches(pattern, at: end) {
                    matched = unit
                    break
                }
            }
            if let matched {
                tokens.append(
                    ClaimToken(start: position, end: end + matched.unit.count, value: digits, unit: matched.unit, kind: matched.kind))
                position = end + matched.unit.count
            } else {
                position = end
            }
        }
        return tokens
    }

    static func opensParts(_ text: [Character], after end: Int) -> Bool {
        let partsOpener = ClaimVocabulary.standard.partsOpener
        var position = end
        while position < text.count, ",:;，：、".contains(text[position]) { position += 1 }
        return text[position..<min(text.count, position + partsOpener.count)].elementsEqual(partsOpener)
    }

    static func opensUses(_ text: [Character], after end: Int) -> Bool {
        let usesOpener = ClaimVocabulary.standard.usesOpener
        var position = end
        while position < text.count, ",:;，：".contains(text[position]) { position += 1 }
        return text[position..<min(text.count, position + usesOpener.count)].elementsEqual(usesOpener)
    }

    enum Ordinal { case none, section, item }

    /// `一、` `(一)` `第三部分` open a section; `1、` `(1)` an item.
    static func ordinalKind(_ text: [Character]) -> Ordinal {
        if text.starts(with: Array("第")) { return text.contains("部分") ? .section : .none }
        // 1、 2. (3) — not 1560.05 (a number) and not 2023年.
        switch Basics.Ordinal.prefix(of: text) {
        case .some(let ordinal) where ordinal.numerals == .chinese: return .section
        case .some(let ordinal) where ordinal.digitCount <= 2: return .item
        default: return .none
        }
    }
}

extension String {
    func lastRange(of needle: String) -> Range<String.Index>? {
        // Searched on the UTF-8 bytes (a match starts on a scalar boundary, since a needle starts
        // with a lead byte): comparing Characters here cost more than the rest of the claims.
        var needleCopy = needle
        var haystack = self
        let found: Int? = needleCopy.withUTF8 { n in
            haystack.withUTF8 { h -> Int? in
                guard let first = n.first, n.count <= h.count else { return nil }
                var start = h.count - n.count
                while start >= 0 {
                    if h[start] == first {
                        var k = 1
                        while k < n.count && h[start + k] == n[k] { k += 1 }
                        if k == n.count { return start }
                    }
                    start -= 1
                }
                return nil
            }
        }
        guard let offset = found else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: offset)
        let upper = utf8.index(lower, offsetBy: needle.utf8.count)
        return lower..<upper
    }

    func replacingOccurrences(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

extension Array where Element == Character {
    /// Whether `pattern` occurs at `offset`, without copying.
    func matches(_ pattern: [Character], at offset: Int) -> Bool {
        guard offset >= 0, offset + pattern.count <= count else { return false }
        for (index, character) in pattern.enumerated() where self[offset + index] != character { return false }
        return true
    }
}

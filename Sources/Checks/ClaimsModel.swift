import ReportModel

/// One sentence of the narrative, as the claim checker reads it (the `Layout` module's
/// `Sentence` without its boxes, so that `Checks` depends on `ReportModel` only).
public struct ClaimSentence: Sendable, Hashable, Codable {
    /// The text with its lines joined.
    public var text: String
    /// The page on which the sentence starts (1-based).
    public var page: Int
    /// Where a sentence that runs over a page break continues: each later page with the text its
    /// first line there begins with. A claim takes the page on which its number is printed.
    public var continuations: [Continuation]

    /// A later page of a sentence and the start of its first line there.
    public struct Continuation: Sendable, Hashable, Codable {
        /// The later page.
        public var page: Int
        /// The first characters of the sentence's first line on that page.
        public var lineStart: String

        /// A later page and the start of the sentence's first line there.
        public init(page: Int, lineStart: String) {
            self.page = page
            self.lineStart = lineStart
        }
    }

    /// A sentence starting on `page`; `continuations` for one that runs over a page break.
    public init(text: String, page: Int, continuations: [Continuation] = []) {
        self.text = text
        self.page = page
        self.continuations = continuations
    }
}

/// The key of a fact a claim refers to (FACTS.md), and whether the figure is printed in the
/// tables (`table`) or only implied (`prior` year, `budget`, `narrative` text).
public struct ClaimReference: Sendable, Hashable, Codable {
    /// The fact key's entity (FACTS.md).
    public var entity: String
    /// The fact key's table title.
    public var table: String
    /// The fact key's row: a code or an item name.
    public var row: String
    /// The fact key's column path.
    public var col: String
    /// `table` (printed in the tables), `prior` (last year's figure), `budget` (a budget the
    /// report does not print) or `narrative` (figures stated in the text only).
    public var source: String

    /// A reference to the cell `table | row | col` of `entity`.
    public init(entity: String, table: String, row: String, col: String, source: String = "table") {
        self.entity = entity
        self.table = table
        self.row = row
        self.col = col
        self.source = source
    }
}

/// How a claim compares with the figures it refers to.
public enum ClaimVerdict: String, Sendable, Codable, Hashable {
    /// Some values within rounding of every printed figure make the claim true.
    case consistent
    /// No values within rounding make it true; `expected` says what it should read.
    case inconsistent
    /// Nothing printed in the report to judge it by.
    case unlinked
}

/// One numeric claim of the narrative, judged.
public struct Claim: Sendable, Codable, Hashable {
    /// The page of the sentence.
    public var page: Int
    /// The sentence as printed.
    public var sentence: String
    /// The number as printed, thousands separators removed.
    public var value: String
    /// `万元`, `元`, `%`, `辆`, `人`, … as printed.
    public var unit: String
    /// What the number is, in words (`基本支出占比`, `2210201完成年初预算比例`).
    public var quantity: String
    /// The kind of claim: `amount`, `budget`, `share`, `rate` (final ÷ budget), `change` (on last
    /// year or on the budget), `sum` (a total of parts), `comparison` (决算数大于年初预算数),
    /// `year` (a heading's year).
    public var kind: String
    /// The facts the claim repeats or is computed from.
    public var refersTo: [ClaimReference]
    /// How the claim compares with what it refers to.
    public var verdict: ClaimVerdict
    /// What the claim should read, for an inconsistent one.
    public var expected: String?
    /// Why the verdict.
    public var message: String

    /// A claim; judged claims carry their references, verdict, expected figure and message.
    public init(
        page: Int, sentence: String, value: String, unit: String, quantity: String, kind: String,
        refersTo: [ClaimReference] = [], verdict: ClaimVerdict = .unlinked, expected: String? = nil,
        message: String = ""
    ) {
        self.page = page
        self.sentence = sentence
        self.value = value
        self.unit = unit
        self.quantity = quantity
        self.kind = kind
        self.refersTo = refersTo
        self.verdict = verdict
        self.expected = expected
        self.message = message
    }
}

import PDF
import ReportModel

/// How a published figure differs from what was filed (CLI.md), plus the rounding notes that are
/// never mismatches.
public enum MismatchKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The values differ and no simpler explanation fits.
    case valueChanged = "value_changed"
    /// Two adjacent digits swapped.
    case transposedDigits = "transposed_digits"
    /// Off by ×10000 or ÷10000: a 万元 figure where 元 was meant, or the reverse.
    case unitScale = "unit_scale"
    /// The same amount with the opposite sign.
    case sign
    /// Published, not filed.
    case missingInRecords = "missing_in_records"
    /// Filed, not published.
    case extraInRecords = "extra_in_records"
    /// 舍位平衡: a leaf one unit of its last printed digit away from the record, adjusted so that a
    /// total it belongs to balances. Reported as info, never as a mismatch.
    case roundingBalance = "rounding_balance"

    /// Whether this kind is a mismatch (everything but the rounding note).
    public var isMismatch: Bool { self != .roundingBalance }
}

/// One difference between a published fact and the records, traced to its page.
public struct Mismatch: Sendable, Hashable, Codable {
    public var kind: MismatchKind
    /// The entity (department or unit) of the key.
    public var entity: String
    public var table: String
    public var row: String
    public var col: String
    /// The row's printed name, when published.
    public var name: String?
    /// The published value as printed (facts.csv form); `nil` for `extra_in_records`.
    public var published: String?
    /// The published table's unit.
    public var publishedUnit: String?
    /// The recorded value as filed; `nil` for `missing_in_records`.
    public var recorded: String?
    /// The record's unit.
    public var recordedUnit: String?
    /// The page the published value is printed on.
    public var page: Int?
    /// The published value's box on its page (display space, points), for evidence.
    public var box: Rect?
    /// The record's source and line, for records without a published counterpart and for tracing.
    public var recordSource: String?
    public var recordLine: Int?
    /// One sentence for a reader.
    public var message: String

    /// A mismatch from its fields.
    public init(
        kind: MismatchKind, entity: String, table: String, row: String, col: String, name: String? = nil,
        published: String?, publishedUnit: String?, recorded: String?, recordedUnit: String?, page: Int?,
        box: Rect? = nil, recordSource: String? = nil, recordLine: Int? = nil, message: String
    ) {
        self.kind = kind
        self.entity = entity
        self.table = table
        self.row = row
        self.col = col
        self.name = name
        self.published = published
        self.publishedUnit = publishedUnit
        self.recorded = recorded
        self.recordedUnit = recordedUnit
        self.page = page
        self.box = box
        self.recordSource = recordSource
        self.recordLine = recordLine
        self.message = message
    }

    /// `info` for rounding notes, `error` for mismatches.
    public var severity: String { kind.isMismatch ? "error" : "info" }
}

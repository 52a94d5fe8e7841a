import Basics
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
        kind: MismatchKind, entity: String, table: String, row: String, col: String,
        name: String? = nil,
        published: String?, publishedUnit: String?, recorded: String?, recordedUnit: String?,
        page: Int?,
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

extension Mismatch {
    private enum CodingKeys: String, CodingKey {
        case kind, severity, entity, table, row, col, name, published, publishedUnit, recorded,
            recordedUnit, page, box
        case recordSource, recordLine, message
    }

    /// Every key is written, `null` when absent, so that scripts can rely on the shape (CLI.md).
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(severity, forKey: .severity)
        try container.encode(entity, forKey: .entity)
        try container.encode(table, forKey: .table)
        try container.encode(row, forKey: .row)
        try container.encode(col, forKey: .col)
        try container.encode(name, forKey: .name)
        try container.encode(published, forKey: .published)
        try container.encode(publishedUnit, forKey: .publishedUnit)
        try container.encode(recorded, forKey: .recorded)
        try container.encode(recordedUnit, forKey: .recordedUnit)
        try container.encode(page, forKey: .page)
        try container.encode(box, forKey: .box)
        try container.encode(recordSource, forKey: .recordSource)
        try container.encode(recordLine, forKey: .recordLine)
        try container.encode(message, forKey: .message)
    }

    /// Reads what ``encode(to:)`` writes (`severity` follows from the kind).
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            kind: try container.decode(MismatchKind.self, forKey: .kind),
            entity: try container.decode(String.self, forKey: .entity),
            table: try container.decode(String.self, forKey: .table),
            row: try container.decode(String.self, forKey: .row),
            col: try container.decode(String.self, forKey: .col),
            name: try container.decodeIfPresent(String.self, forKey: .name),
            published: try container.decodeIfPresent(String.self, forKey: .published),
            publishedUnit: try container.decodeIfPresent(String.self, forKey: .publishedUnit),
            recorded: try container.decodeIfPresent(String.self, forKey: .recorded),
            recordedUnit: try container.decodeIfPresent(String.self, forKey: .recordedUnit),
            page: try container.decodeIfPresent(Int.self, forKey: .page),
            box: try container.decodeIfPresent(Rect.self, forKey: .box),
            recordSource: try container.decodeIfPresent(String.self, forKey: .recordSource),
            recordLine: try container.decodeIfPresent(Int.self, forKey: .recordLine),
            message: try container.decode(String.self, forKey: .message))
    }
}

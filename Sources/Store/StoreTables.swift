import Checks
import Basics
import Reconciler
import ReportModel

/// The columns every per-document table shares: the document's key and the row's place in it.
enum DocumentRowColumns {
    static let document = StoreColumn<String>("document", "REFERENCES documents(sha256) ON DELETE CASCADE")
    static let seq = StoreColumn<Int>("seq")
}

/// A box as four nullable REAL columns, rounded as outputs print them (``PDF/Rect/printedCoordinates``).
enum BoxColumns {
    static let x0 = StoreColumn<Double?>("box_x0")
    static let y0 = StoreColumn<Double?>("box_y0")
    static let x1 = StoreColumn<Double?>("box_x1")
    static let y1 = StoreColumn<Double?>("box_y1")
    static let all: [any AnyStoreColumn] = [x0, y0, x1, y1]

    static func set(_ rect: Rect?, in row: inout StoredRow) {
        let coordinates = rect?.printedCoordinates
        row.set(x0, coordinates?[0])
        row.set(y0, coordinates?[1])
        row.set(x1, coordinates?[2])
        row.set(y1, coordinates?[3])
    }

    static func rect(_ row: StoredRow) throws(StoreError) -> Rect? {
        guard let x0 = try row.value(x0), let y0 = try row.value(y0), let x1 = try row.value(x1),
            let y1 = try row.value(y1)
        else { return nil }
        return Rect(x0: x0, y0: y0, x1: x1, y1: y1)
    }
}

/// The amount a printed value is, or ``StoreError/Kind/notAnAmount`` naming what it is.
func storedAmount(_ text: String, what: String) throws(StoreError) -> Amount {
    guard let amount = Amount.parse(text) else { throw .notAnAmount(what, text: text) }
    return amount
}

/// `documents`: one row per document, keyed by the SHA-256 of its bytes.
public enum DocumentsTable {
    public static let sha256 = StoreColumn<String>("sha256", primaryKey: true)
    public static let path = StoreColumn<String>("path")
    public static let size = StoreColumn<Int64>("size")
    public static let pages = StoreColumn<Int?>("pages")
    public static let producer = StoreColumn<String?>("producer")
    public static let department = StoreColumn<String?>("department")
    public static let year = StoreColumn<Int?>("year")
    public static let status = StoreColumn<String>("status", "CHECK (status IN ('processed', 'failed'))")
    public static let reason = StoreColumn<String?>("reason")
    /// ISO 8601 text in SQLite (written by the store); the server's `now()` in PostgreSQL.
    public static let storedAt = StoreColumn<String>("stored_at", type: .timestamp, postgresDefault: "now()")

    public static let description = TableDescription(
        "documents",
        columns: [sha256, path, size, pages, producer, department, year, status, reason, storedAt])

    /// The row of a document; `storedAt` is left unset for PostgreSQL, whose server sets it.
    public static func encode(_ identity: DocumentIdentity, _ documentStatus: DocumentStatus, storedAt: String?)
        -> StoredRow
    {
        var row = StoredRow(description.name)
        row.set(sha256, identity.sha256)
        row.set(path, identity.path)
        row.set(size, identity.size)
        row.set(pages, identity.pages)
        row.set(producer, identity.producer)
        row.set(department, identity.department)
        row.set(year, identity.year)
        switch documentStatus {
        case .processed:
            row.set(status, "processed")
        case .failed(let why):
            row.set(status, "failed")
            row.set(reason, why)
        }
        if let storedAt { row.set(Self.storedAt, storedAt) }
        return row
    }

    /// A document's identity and status from its row.
    public static func decode(_ row: StoredRow) throws(StoreError) -> (DocumentIdentity, DocumentStatus) {
        let identity = DocumentIdentity(
            sha256: try row.value(sha256), path: try row.value(path), size: try row.value(size),
            pages: try row.value(pages), producer: try row.value(producer), department: try row.value(department),
            year: try row.value(year))
        switch try row.value(status) {
        case "processed": return (identity, .processed)
        case "failed": return (identity, .failed(reason: try row.value(reason) ?? ""))
        case let other: throw .corrupt("documents: status \(other) is neither processed nor failed")
        }
    }
}

/// `facts`: a document's facts in facts.csv order (FACTS.md).
public enum FactsTable {
    public static let document = DocumentRowColumns.document
    public static let seq = DocumentRowColumns.seq
    public static let entity = StoreColumn<String>("entity")
    public static let table = StoreColumn<String>("table_title")
    public static let row = StoreColumn<String>("row_key")
    public static let col = StoreColumn<String>("col_path")
    public static let name = StoreColumn<String>("name")
    public static let valueMinor = StoreColumn<Int64>("value_minor")
    public static let valueScale = StoreColumn<Int>("value_scale")
    public static let unit = StoreColumn<String>("unit")
    public static let page = StoreColumn<Int>("page")

    static let columns: [any AnyStoreColumn] = [
        document, seq, entity, table, row, col, name, valueMinor, valueScale, unit, page,
    ]
    public static let description = TableDescription(
        "facts", columns: columns + BoxColumns.all,
        primaryKey: [document.name, seq.name],
        indexes: [IndexDescription("facts_key", on: [entity.name, table.name, row.name, col.name])])

    /// The row of the `seq`-th fact of a document read from `path`.
    public static func encode(_ fact: Fact, document sha256: String, seq number: Int, path: String)
        throws(StoreError) -> StoredRow
    {
        let amount = try storedAmount(fact.value, what: "\(path): fact value")
        var stored = StoredRow(description.name)
        stored.set(document, sha256)
        stored.set(seq, number)
        stored.set(entity, fact.entity)
        stored.set(table, fact.table)
        stored.set(row, fact.row)
        stored.set(col, fact.col)
        stored.set(name, fact.name)
        stored.set(valueMinor, amount.minorUnits)
        stored.set(valueScale, amount.decimals)
        stored.set(unit, fact.unit)
        stored.set(page, fact.page)
        BoxColumns.set(fact.box, in: &stored)
        return stored
    }

    /// A fact from its row (its value printed as it was: minor units at their scale).
    public static func decode(_ stored: StoredRow) throws(StoreError) -> Fact {
        Fact(
            entity: try stored.value(entity), table: try stored.value(table), row: try stored.value(row),
            col: try stored.value(col), name: try stored.value(name),
            value: Amount(minorUnits: try stored.value(valueMinor), decimals: try stored.value(valueScale))
                .description,
            unit: try stored.value(unit), page: try stored.value(page), box: try BoxColumns.rect(stored))
    }
}

/// `findings`: a document's check findings, in the checker's order.
public enum FindingsTable {
    public static let document = DocumentRowColumns.document
    public static let seq = DocumentRowColumns.seq
    public static let rule = StoreColumn<String>("rule")
    public static let severity = StoreColumn<String>("severity")
    public static let entity = StoreColumn<String>("entity")
    public static let table = StoreColumn<String?>("table_title")
    public static let row = StoreColumn<String?>("row_key")
    public static let col = StoreColumn<String?>("col_path")
    public static let page = StoreColumn<Int?>("page")
    public static let printed = StoreColumn<String?>("printed")
    public static let expected = StoreColumn<String?>("expected")
    public static let message = StoreColumn<String>("message")
    public static let sentence = StoreColumn<String?>("sentence")

    static let columns: [any AnyStoreColumn] = [
        document, seq, rule, severity, entity, table, row, col, page, printed, expected, message, sentence,
    ]
    public static let description = TableDescription(
        "findings", columns: columns + BoxColumns.all,
        primaryKey: [document.name, seq.name],
        indexes: [IndexDescription("findings_rule", on: [rule.name, severity.name])])

    /// The row of the `seq`-th finding of a document.
    public static func encode(_ finding: Finding, document sha256: String, seq number: Int) -> StoredRow {
        var stored = StoredRow(description.name)
        stored.set(document, sha256)
        stored.set(seq, number)
        stored.set(rule, finding.rule)
        stored.set(severity, finding.severity.rawValue)
        stored.set(entity, finding.entity)
        stored.set(table, finding.table)
        stored.set(row, finding.row)
        stored.set(col, finding.col)
        stored.set(page, finding.page)
        stored.set(printed, finding.printed)
        stored.set(expected, finding.expected)
        stored.set(message, finding.message)
        stored.set(sentence, finding.sentence)
        BoxColumns.set(finding.box, in: &stored)
        return stored
    }

    /// A finding from its row.
    public static func decode(_ stored: StoredRow) throws(StoreError) -> Finding {
        let severityText = try stored.value(severity)
        guard let level = Severity(rawValue: severityText) else {
            throw .corrupt("findings: severity \(severityText) is not error, warning or info")
        }
        return Finding(
            rule: try stored.value(rule), severity: level, entity: try stored.value(entity),
            table: try stored.value(table), row: try stored.value(row), col: try stored.value(col),
            page: try stored.value(page), printed: try stored.value(printed), expected: try stored.value(expected),
            message: try stored.value(message), sentence: try stored.value(sentence),
            box: try BoxColumns.rect(stored))
    }
}

/// `mismatches`: a document's published facts against the filed records.
public enum MismatchesTable {
    public static let document = DocumentRowColumns.document
    public static let seq = DocumentRowColumns.seq
    public static let kind = StoreColumn<String>("kind")
    public static let entity = StoreColumn<String>("entity")
    public static let table = StoreColumn<String>("table_title")
    public static let row = StoreColumn<String>("row_key")
    public static let col = StoreColumn<String>("col_path")
    public static let name = StoreColumn<String?>("name")
    public static let publishedMinor = StoreColumn<Int64?>("published_minor")
    public static let publishedScale = StoreColumn<Int?>("published_scale")
    public static let publishedUnit = StoreColumn<String?>("published_unit")
    public static let recordedMinor = StoreColumn<Int64?>("recorded_minor")
    public static let recordedScale = StoreColumn<Int?>("recorded_scale")
    public static let recordedUnit = StoreColumn<String?>("recorded_unit")
    public static let page = StoreColumn<Int?>("page")
    public static let recordSource = StoreColumn<String?>("record_source")
    public static let recordLine = StoreColumn<Int?>("record_line")
    public static let message = StoreColumn<String>("message")

    static let columns: [any AnyStoreColumn] = [
        document, seq, kind, entity, table, row, col, name, publishedMinor, publishedScale, publishedUnit,
        recordedMinor, recordedScale, recordedUnit, page,
    ]
    static let recordColumns: [any AnyStoreColumn] = [recordSource, recordLine, message]
    public static let description = TableDescription(
        "mismatches", columns: columns + BoxColumns.all + recordColumns,
        primaryKey: [document.name, seq.name])

    /// The row of the `seq`-th mismatch of a document read from `path`.
    public static func encode(_ mismatch: Mismatch, document sha256: String, seq number: Int, path: String)
        throws(StoreError) -> StoredRow
    {
        let published = try mismatch.published.map { text throws(StoreError) in
            try storedAmount(text, what: "\(path): published value")
        }
        let recorded = try mismatch.recorded.map { text throws(StoreError) in
            try storedAmount(text, what: "\(path): recorded value")
        }
        var stored = StoredRow(description.name)
        stored.set(document, sha256)
        stored.set(seq, number)
        stored.set(kind, mismatch.kind.rawValue)
        stored.set(entity, mismatch.entity)
        stored.set(table, mismatch.table)
        stored.set(row, mismatch.row)
        stored.set(col, mismatch.col)
        stored.set(name, mismatch.name)
        stored.set(publishedMinor, published?.minorUnits)
        stored.set(publishedScale, published?.decimals)
        stored.set(publishedUnit, mismatch.publishedUnit)
        stored.set(recordedMinor, recorded?.minorUnits)
        stored.set(recordedScale, recorded?.decimals)
        stored.set(recordedUnit, mismatch.recordedUnit)
        stored.set(page, mismatch.page)
        BoxColumns.set(mismatch.box, in: &stored)
        stored.set(recordSource, mismatch.recordSource)
        stored.set(recordLine, mismatch.recordLine)
        stored.set(message, mismatch.message)
        return stored
    }

    /// A mismatch from its row.
    public static func decode(_ stored: StoredRow) throws(StoreError) -> Mismatch {
        let kindText = try stored.value(kind)
        guard let mismatchKind = MismatchKind(rawValue: kindText) else {
            throw .corrupt("mismatches: kind \(kindText) is not a mismatch kind")
        }
        func amount(_ minor: Int64?, _ scale: Int?) -> String? {
            guard let minor, let scale else { return nil }
            return Amount(minorUnits: minor, decimals: scale).description
        }
        return Mismatch(
            kind: mismatchKind, entity: try stored.value(entity), table: try stored.value(table),
            row: try stored.value(row), col: try stored.value(col), name: try stored.value(name),
            published: amount(try stored.value(publishedMinor), try stored.value(publishedScale)),
            publishedUnit: try stored.value(publishedUnit),
            recorded: amount(try stored.value(recordedMinor), try stored.value(recordedScale)),
            recordedUnit: try stored.value(recordedUnit), page: try stored.value(page),
            box: try BoxColumns.rect(stored), recordSource: try stored.value(recordSource),
            recordLine: try stored.value(recordLine), message: try stored.value(message))
    }
}

/// `records`: the departments' filed records, keyed by department, year and cell.
public enum RecordsTable {
    public static let department = StoreColumn<String>("department")
    public static let year = StoreColumn<Int>("year")
    public static let table = StoreColumn<String>("table_title")
    public static let row = StoreColumn<String>("row_key")
    public static let col = StoreColumn<String>("col_path")
    public static let unit = StoreColumn<String>("unit")
    public static let valueMinor = StoreColumn<Int64>("value_minor")
    public static let valueScale = StoreColumn<Int>("value_scale")
    public static let source = StoreColumn<String>("source")
    public static let line = StoreColumn<Int>("line")

    public static let description = TableDescription(
        "records",
        columns: [department, year, table, row, col, unit, valueMinor, valueScale, source, line],
        primaryKey: [department.name, year.name, table.name, row.name, col.name])

    /// The row of a record.
    public static func encode(_ record: Record) -> StoredRow {
        var stored = StoredRow(description.name)
        stored.set(department, record.department)
        stored.set(year, record.year)
        stored.set(table, record.table)
        stored.set(row, record.row)
        stored.set(col, record.col)
        stored.set(unit, record.unit.rawValue)
        stored.set(valueMinor, record.value.minorUnits)
        stored.set(valueScale, record.value.decimals)
        stored.set(source, record.source)
        stored.set(line, record.line)
        return stored
    }

    /// A record from its row.
    public static func decode(_ stored: StoredRow) throws(StoreError) -> Record {
        let unitText = try stored.value(unit)
        guard let moneyUnit = MoneyUnit(rawValue: unitText) else {
            throw .corrupt("records: unit \(unitText) is neither 元 nor 万元")
        }
        return Record(
            department: try stored.value(department), year: try stored.value(year), table: try stored.value(table),
            row: try stored.value(row), col: try stored.value(col), unit: moneyUnit,
            value: Amount(minorUnits: try stored.value(valueMinor), decimals: try stored.value(valueScale)),
            source: try stored.value(source), line: try stored.value(line))
    }
}

/// A document's result as the rows it is stored as; built before the transaction so that a value
/// that cannot be stored exactly fails before anything is written.
public struct DocumentRows: Sendable, Hashable {
    public var sha256: String
    public var document: StoredRow
    public var facts: [StoredRow]
    public var findings: [StoredRow]
    public var mismatches: [StoredRow]

    /// The rows of `result`; `storedAt` (ISO 8601) is `nil` where the database sets it.
    public init(_ result: DocumentResult, storedAt: String?) throws(StoreError) {
        let identity = result.identity
        sha256 = identity.sha256
        document = DocumentsTable.encode(identity, result.status, storedAt: storedAt)
        facts = try result.facts.enumerated().map { (index, fact) throws(StoreError) in
            try FactsTable.encode(fact, document: identity.sha256, seq: index + 1, path: identity.path)
        }
        findings = result.findings.enumerated().map { index, finding in
            FindingsTable.encode(finding, document: identity.sha256, seq: index + 1)
        }
        mismatches = try result.mismatches.enumerated().map { (index, mismatch) throws(StoreError) in
            try MismatchesTable.encode(mismatch, document: identity.sha256, seq: index + 1, path: identity.path)
        }
    }

    /// The result these rows store (the inverse of ``init(_:storedAt:)``).
    public func decode() throws(StoreError) -> DocumentResult {
        let (identity, status) = try DocumentsTable.decode(document)
        return DocumentResult(
            identity: identity, status: status,
            facts: try facts.map { row throws(StoreError) in try FactsTable.decode(row) },
            findings: try findings.map { row throws(StoreError) in try FindingsTable.decode(row) },
            mismatches: try mismatches.map { row throws(StoreError) in try MismatchesTable.decode(row) })
    }

    /// The tables and rows in insert order (a document before the rows that reference it).
    public var tables: [(TableDescription, [StoredRow])] {
        [
            (DocumentsTable.description, [document]), (FactsTable.description, facts),
            (FindingsTable.description, findings), (MismatchesTable.description, mismatches),
        ]
    }
}

extension DocumentRows {
    /// Rows read back from a database, keyed by the document's SHA-256.
    public init(document: StoredRow, facts: [StoredRow], findings: [StoredRow], mismatches: [StoredRow]) {
        sha256 = (try? document.value(DocumentsTable.sha256)) ?? ""
        self.document = document
        self.facts = facts
        self.findings = findings
        self.mismatches = mismatches
    }
}

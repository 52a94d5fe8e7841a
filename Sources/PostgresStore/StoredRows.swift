import Basics
import Checks
import PostgresNIO
import Reconciler
import ReportModel
import Store

/// One bound value of an insert.
enum SQLValue: Sendable, Hashable {
    case text(String?)
    case integer(Int64?)
    case real(Double?)
}

extension PostgresBindings {
    mutating func append(_ value: SQLValue) {
        switch value {
        case .text(let text): append(text)
        case .integer(let number): append(number)
        case .real(let number): append(number)
        }
    }
}

/// `INSERT INTO table (columns) VALUES (…), (…) suffix`, split into statements that stay well under
/// the protocol's 65535 parameters.
struct MultiRowInsert: Sendable {
    var table: String
    var columns: [String]
    var suffix: String = ""

    /// The statements that insert `rows` (each as many values as there are columns).
    func queries(_ rows: [[SQLValue]]) -> [PostgresQuery] {
        let rowsPerStatement = max(1, 30_000 / columns.count)
        var queries: [PostgresQuery] = []
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + rowsPerStatement)]
            var bindings = PostgresBindings(capacity: chunk.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(chunk.count)
            for row in chunk {
                precondition(row.count == columns.count, "an insert row has as many values as columns")
                var placeholders: [String] = []
                for value in row {
                    bindings.append(value)
                    placeholders.append("$\(bindings.count)")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            let sql =
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + tuples.joined(separator: ", ") + (suffix.isEmpty ? "" : " " + suffix)
            queries.append(PostgresQuery(unsafeSQL: sql, binds: bindings))
            start += rowsPerStatement
        }
        return queries
    }
}

/// A document's result as table rows, the same values the SQLite store writes (docs/store.md).
struct StoredRows: Sendable {
    var sha256: String
    var document: [SQLValue]
    var facts: FactColumns
    var findings: [[SQLValue]]
    var mismatches: [[SQLValue]]

    static let documentInsert = MultiRowInsert(
        table: "documents",
        columns: ["sha256", "path", "size", "pages", "producer", "department", "year", "status", "reason"])
    static let findingInsert = MultiRowInsert(
        table: "findings",
        columns: [
            "document", "seq", "rule", "severity", "entity", "table_title", "row_key", "col_path", "page", "printed",
            "expected", "message", "sentence", "box_x0", "box_y0", "box_x1", "box_y1",
        ])
    static let mismatchInsert = MultiRowInsert(
        table: "mismatches",
        columns: [
            "document", "seq", "kind", "entity", "table_title", "row_key", "col_path", "name", "published_minor",
            "published_scale", "published_unit", "recorded_minor", "recorded_scale", "recorded_unit", "page",
            "box_x0", "box_y0", "box_x1", "box_y1", "record_source", "record_line", "message",
        ])

    init(_ result: DocumentResult) throws(PostgresStoreError) {
        let identity = result.identity
        sha256 = identity.sha256
        let status: String
        let reason: String?
        switch result.status {
        case .processed:
            status = "processed"
            reason = nil
        case .failed(let why):
            status = "failed"
            reason = why
        }
        document = [
            .text(identity.sha256), .text(identity.path), .integer(identity.size),
            .integer(identity.pages.map(Int64.init)),
            .text(identity.producer), .text(identity.department), .integer(identity.year.map(Int64.init)),
            .text(status), .text(reason),
        ]
        let sha256 = identity.sha256
        facts = FactColumns()
        for (index, fact) in result.facts.enumerated() {
            guard let amount = Amount.parse(fact.value) else {
                throw .notAnAmount(column: "\(identity.path): fact value", text: fact.value)
            }
            facts.append(fact, seq: index + 1, amount: amount)
        }
        findings = result.findings.enumerated().map { (index, finding) in
            [
                .text(sha256), .integer(Int64(index + 1)), .text(finding.rule), .text(finding.severity.rawValue),
                .text(finding.entity), .text(finding.table), .text(finding.row), .text(finding.col),
                .integer(finding.page.map(Int64.init)), .text(finding.printed), .text(finding.expected),
                .text(finding.message), .text(finding.sentence),
            ] + Self.box(finding.box)
        }
        mismatches = try result.mismatches.enumerated().map { (index, mismatch) throws(PostgresStoreError) in
            let published = try Self.amount(mismatch.published, what: "\(identity.path): published value")
            let recorded = try Self.amount(mismatch.recorded, what: "\(identity.path): recorded value")
            return [
                .text(sha256), .integer(Int64(index + 1)), .text(mismatch.kind.rawValue), .text(mismatch.entity),
                .text(mismatch.table), .text(mismatch.row), .text(mismatch.col), .text(mismatch.name),
                .integer(published?.minorUnits), .integer(published.map { Int64($0.decimals) }),
                .text(mismatch.publishedUnit), .integer(recorded?.minorUnits),
                .integer(recorded.map { Int64($0.decimals) }), .text(mismatch.recordedUnit),
                .integer(mismatch.page.map(Int64.init)),
            ] + Self.box(mismatch.box) + [
                .text(mismatch.recordSource), .integer(mismatch.recordLine.map(Int64.init)), .text(mismatch.message),
            ]
        }
    }

    private static func box(_ rect: Rect?) -> [SQLValue] {
        guard let rect else { return [.real(nil), .real(nil), .real(nil), .real(nil)] }
        return rect.printedCoordinates.map { .real($0) }
    }

    private static func amount(_ text: String?, what: String) throws(PostgresStoreError) -> Amount? {
        guard let text else { return nil }
        guard let amount = Amount.parse(text) else { throw .notAnAmount(column: what, text: text) }
        return amount
    }

    /// Replaces whatever was stored for the document, inside the caller's transaction.
    func insert(on connection: PostgresConnection, logger: Logger) async throws {
        // Deleting the document deletes its facts, findings and mismatches (ON DELETE CASCADE).
        try await connection.query("DELETE FROM documents WHERE sha256 = \(sha256)", logger: logger)
        var queries = Self.documentInsert.queries([document])
        if !facts.seq.isEmpty { queries.append(facts.insert(document: sha256)) }
        queries += Self.findingInsert.queries(findings) + Self.mismatchInsert.queries(mismatches)
        for query in queries {
            try await connection.query(query, logger: logger)
        }
    }
}

/// A document's facts, column by column: one `INSERT … SELECT FROM unnest(arrays)` stores them all
/// with 15 parameters however many facts there are (a report has thousands).
struct FactColumns: Sendable {
    var seq: [Int64] = []
    var entity: [String] = []
    var table: [String] = []
    var row: [String] = []
    var col: [String] = []
    var name: [String] = []
    var minor: [Int64] = []
    var scale: [Int64] = []
    var unit: [String] = []
    var page: [Int64] = []
    /// Whether the fact has a box; the box columns hold 0 where it has none (stored as NULL).
    var hasBox: [Bool] = []
    var x0: [Double] = []
    var y0: [Double] = []
    var x1: [Double] = []
    var y1: [Double] = []

    mutating func append(_ fact: Fact, seq number: Int, amount: Amount) {
        seq.append(Int64(number))
        entity.append(fact.entity)
        table.append(fact.table)
        row.append(fact.row)
        col.append(fact.col)
        name.append(fact.name)
        minor.append(amount.minorUnits)
        scale.append(Int64(amount.decimals))
        unit.append(fact.unit)
        page.append(Int64(fact.page))
        hasBox.append(fact.box != nil)
        let box = fact.box?.printedCoordinates ?? [0, 0, 0, 0]
        x0.append(box[0])
        y0.append(box[1])
        x1.append(box[2])
        y1.append(box[3])
    }

    /// The statement that inserts every fact of `document`.
    func insert(document: String) -> PostgresQuery {
        """
        INSERT INTO facts (document, seq, entity, table_title, row_key, col_path, name, value_minor, value_scale,
            unit, page, box_x0, box_y0, box_x1, box_y1)
        SELECT \(document), f.seq, f.entity, f.table_title, f.row_key, f.col_path, f.name, f.value_minor,
            f.value_scale, f.unit, f.page, CASE WHEN f.has_box THEN f.x0 END, CASE WHEN f.has_box THEN f.y0 END,
            CASE WHEN f.has_box THEN f.x1 END, CASE WHEN f.has_box THEN f.y1 END
        FROM unnest(\(seq)::bigint[], \(entity)::text[], \(table)::text[], \(row)::text[], \(col)::text[],
            \(name)::text[], \(minor)::bigint[], \(scale)::bigint[], \(unit)::text[], \(page)::bigint[],
            \(hasBox)::boolean[], \(x0)::float8[], \(y0)::float8[], \(x1)::float8[], \(y1)::float8[])
            AS f (seq, entity, table_title, row_key, col_path, name, value_minor, value_scale, unit, page, has_box,
                x0, y0, x1, y1)
        """
    }
}

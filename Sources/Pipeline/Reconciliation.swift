import Foundation
import Reconciler
import ReportModel
import Store

/// `reconcile`'s work on one document: which department and year to compare, the comparison, and
/// what the reader should know about the choices made.
public struct Reconciliation: Sendable {
    /// Every published figure's comparison with the records, rounding notes included.
    public var outcome: Reconciler.Outcome
    /// The department the comparison used for tables that name none (nil: none known).
    public var department: String?
    /// The year whose records were compared (nil: every year's).
    public var year: Int?
    /// What the reconciliation chose or missed, in order, for standard error.
    public var diagnostics: [Diagnostic]

    /// The mismatches, without the rounding notes (舍位平衡) that are never mismatches.
    public var mismatches: [Mismatch] { outcome.mismatches.filter(\.kind.isMismatch) }
    /// How many rounding notes ``outcome`` holds.
    public var roundingNotes: Int { outcome.mismatches.count - mismatches.count }

    /// Compares what `source` publishes with the `filed` records.
    ///
    /// `department` and `year` override the report's own (`--department`, `--year`). When the
    /// report's tables name no department and the records hold one, the figures are that
    /// department's; when the year is unknown, it is the records' only year for the report's
    /// departments, or else every year's records are compared. `recordsName` (the file or store
    /// the records came from) is quoted in the diagnostics.
    public init(
        _ source: DocumentSource, records filed: [Record], department: String? = nil, year: Int? = nil,
        recordsName: String
    ) {
        var reportDepartment: String? = nil
        var reportYear: Int? = nil
        if case .pdf(let loaded) = source {
            reportDepartment = loaded.report.entity.isEmpty ? nil : loaded.report.entity
            reportYear = loaded.report.year
        }
        let published = source.facts
        var diagnostics: [Diagnostic] = []
        var department = department ?? reportDepartment
        // Tables that name no entity (the Shanghai reports name the department only in headings):
        // when the records hold one department, the figures are that department's.
        if department == nil, published.allSatisfy({ $0.entity.isEmpty }) {
            let named = Set(filed.map(\.department))
            if named.count == 1, let only = named.first {
                department = only
                diagnostics.append(
                    Diagnostic(
                        .note,
                        "the report's tables name no department; reconciling with the records of \(only) (--department to choose)"
                    ))
            } else {
                diagnostics.append(
                    Diagnostic(
                        .warning,
                        "the report's tables name no department and the records hold \(named.count); give --department"
                    ))
            }
        }
        let year = year ?? reportYear ?? Self.onlyYear(of: filed, entities: Set(published.map(\.entity)))
        if year == nil {
            diagnostics.append(
                Diagnostic(.warning, "the report's year is unknown: records of every year are compared (give --year)"))
        }
        let outcome = Reconciler().outcome(facts: published, records: filed, department: department, year: year)
        if !outcome.entitiesWithoutRecords.isEmpty {
            diagnostics.append(
                Diagnostic(
                    .warning,
                    "no records for \(outcome.entitiesWithoutRecords.joined(separator: "、"))\(year.map { " in \($0)" } ?? ""): every figure of theirs is missing_in_records; check the department names in \(recordsName)"
                ))
        }
        if outcome.otherRecords > 0 {
            diagnostics.append(
                Diagnostic(.note, "\(outcome.otherRecords) records of other departments or years left aside"))
        }
        self.outcome = outcome
        self.department = department
        self.year = year
        self.diagnostics = diagnostics
    }

    /// The year of the records of the document's entities, when they name only one.
    public static func onlyYear(of records: [Record], entities: Set<String>) -> Int? {
        let years = Set(records.filter { entities.contains($0.department) }.map(\.year))
        return years.count == 1 ? years.first : nil
    }
}

/// Filed records, from a records CSV or from the store they were imported into.
public enum FiledRecords {
    /// The records at `location`: a store (an SQLite file, recognised by its header, or a
    /// `postgres://` URL), else a records CSV in `encoding` (detected when nil).
    ///
    /// Throws ``RecordsError`` for a bad CSV, and the store's own errors.
    public static func read(
        _ location: String, encoding: String?, environment: [String: String]
    ) async throws -> [Record] {
        if Stores.isPostgres(location) || isSQLite(location) {
            let store = try await Stores.open(location, environment: environment)
            defer { Stores.close(store) }
            return try await store.records(department: nil, year: nil)
        }
        return try RecordsFile.read(path: location, encoding: encoding)
    }

    /// Whether the file starts with SQLite's header ("SQLite format 3\0").
    public static func isSQLite(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return Array(header) == Array("SQLite format 3".utf8) + [0]
    }
}

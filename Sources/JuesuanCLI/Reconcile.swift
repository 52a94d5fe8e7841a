import ArgumentParser
import Foundation
import Reconciler
import ReportModel
import Reports

/// `juesuan reconcile FILE.pdf --records RECORDS.csv`: does the published report say what was filed?
struct Reconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Compare every published figure with the filed records and classify every difference.",
        discussion: """
            Records: a CSV file with the header department,year,table,row,col,unit,value (keys as in \
            FACTS.md, unit 元 or 万元; UTF-8 with or without a BOM, or GB18030/GBK as saved by Chinese \
            Excel). Only the records of the document's departments and year are compared.
            A record agrees with a published figure when it lies within the printed value's rounding \
            interval (a record of 18357412.34 元 agrees with 1835.74 万元). Kinds: value_changed, \
            transposed_digits, unit_scale, sign, missing_in_records, extra_in_records. A leaf one unit \
            of its last digit away whose total balances (舍位平衡) is an info note (rounding_balance), \
            listed with --all. Exit code 1 when there is a mismatch.
            """
    )

    typealias Format = ReportFormat

    @Argument(help: "The PDF report (or, with --facts, a facts.csv file).")
    var file: String

    @Option(
        help:
            "The filed records: a CSV file (department,year,table,row,col,unit,value), or a store they were imported into (juesuan records import): an SQLite file or a postgres:// URL."
    )
    var records: String

    @Option(help: "The records file's character set (UTF-8, GB18030, GBK); detected when omitted.")
    var encoding: String?

    @Option(help: "The password of an encrypted PDF.")
    var password: String?

    @Flag(help: "FILE is a facts.csv (FACTS.md) rather than a PDF.")
    var facts = false

    @Option(help: "The report's year, when it cannot be read from the report (or to override it).")
    var year: Int?

    @Option(help: "The department that tables naming none belong to (default: the report's).")
    var department: String?

    @Option(help: "Output format: text, json, csv (UTF-8 with a BOM, for Excel) or html (with evidence crops).")
    var format: Format = .text

    @Flag(help: "Also list the rounding notes (舍位平衡), which are never mismatches.")
    var all = false

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let filed = try await readRecords()
        let published: [Fact]
        var reportDepartment: String? = nil
        var reportYear: Int? = nil
        let source: ReportOutput.Source
        if facts {
            published = try FactsFile.read(file)
            source = .facts(path: file, published)
        } else {
            let loaded = try LoadedReport(path: file, password: password, narrative: false)
            published = loaded.report.facts
            reportDepartment = loaded.report.entity.isEmpty ? nil : loaded.report.entity
            reportYear = loaded.report.year
            source = .pdf(loaded)
        }
        var department = department ?? reportDepartment
        // Tables that name no entity (the Shanghai reports name the department only in headings):
        // when the records hold one department, the figures are that department's.
        if department == nil, published.allSatisfy({ $0.entity.isEmpty }) {
            let named = Set(filed.map(\.department))
            if named.count == 1, let only = named.first {
                department = only
                Terminal.note(
                    "the report's tables name no department; reconciling with the records of \(only) (--department to choose)"
                )
            } else {
                Terminal.warning(
                    "the report's tables name no department and the records hold \(named.count); give --department")
            }
        }
        let year =
            year ?? reportYear ?? Self.onlyYear(of: filed, entities: Set(published.map(\.entity)))
        if year == nil {
            Terminal.warning(
                "the report's year is unknown: records of every year are compared (give --year)")
        }
        let outcome = Reconciler().outcome(
            facts: published, records: filed, department: department, year: year)
        if !outcome.entitiesWithoutRecords.isEmpty {
            Terminal.warning(
                "no records for \(outcome.entitiesWithoutRecords.joined(separator: "、"))\(year.map { " in \($0)" } ?? ""): every figure of theirs is missing_in_records; check the department names in \(records)"
            )
        }
        if outcome.otherRecords > 0 {
            Terminal.note("\(outcome.otherRecords) records of other departments or years left aside")
        }
        let mismatches = outcome.mismatches.filter(\.kind.isMismatch)
        let shown = all ? outcome.mismatches : mismatches
        switch format {
        case .json:
            try output.emit(JSONOutput.encode(shown))
        case .csv:
            try ReportOutput.emit(MismatchReport.csv(shown), to: output)
        case .html:
            try ReportOutput.emit(ReportOutput.html(source, mismatches: shown), to: output)
        case .text:
            try output.emit(
                MismatchText.render(
                    shown, agreed: outcome.agreed, notes: outcome.mismatches.count - mismatches.count,
                    all: all))
        }
        if !mismatches.isEmpty { throw ExitCode(1) }
    }

    /// The records: a CSV file, or the store they were imported into (an SQLite file, recognised by
    /// its header, or a postgres:// URL).
    private func readRecords() async throws -> [Record] {
        if isPostgres(records) || Self.isSQLite(records) {
            let store = try await openStore(records)
            defer { closeStore(store) }
            return try await storeCall { try await store.records(department: nil, year: nil) }
        }
        return try RecordsFile.read(path: records, encoding: encoding)
    }

    /// Whether the file starts with SQLite's header ("SQLite format 3\0").
    static func isSQLite(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        return Array(header) == Array("SQLite format 3".utf8) + [0]
    }

    /// The year of the records of the document's entities, when they name only one.
    static func onlyYear(of records: [Record], entities: Set<String>) -> Int? {
        let years = Set(records.filter { entities.contains($0.department) }.map(\.year))
        return years.count == 1 ? years.first : nil
    }
}

/// Mismatches for a reader.
enum MismatchText {
    static func render(_ mismatches: [Mismatch], agreed: Int, notes: Int, all: Bool) -> String {
        let count = mismatches.filter(\.kind.isMismatch).count
        var byKind: [MismatchKind: Int] = [:]
        for mismatch in mismatches where mismatch.kind.isMismatch {
            byKind[mismatch.kind, default: 0] += 1
        }
        let kinds = MismatchKind.allCases.compactMap { kind in
            byKind[kind].map { "\($0) \(kind.rawValue)" }
        }
        var lines = [
            "\(count) mismatch\(count == 1 ? "" : "es")\(kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))"), \(agreed) figures agree, \(notes) rounding note\(notes == 1 ? "" : "s") (舍位平衡)"
        ]
        for mismatch in mismatches {
            let place = [mismatch.table, mismatch.row, mismatch.col].joined(separator: " | ")
            let label =
                mismatch.kind.isMismatch ? mismatch.kind.rawValue.uppercased() : "INFO rounding_balance"
            lines.append(
                "\(label) p\(mismatch.page.map(String.init) ?? "-") \(mismatch.entity) | \(place)")
            lines.append("    \(mismatch.message)")
        }
        if !all && notes > 0 { lines.append("(--all lists the \(notes) rounding notes)") }
        return lines.joined(separator: "\n")
    }
}

import ArgumentParser
import FoundationEssentials
import Pipeline
import Store

/// `juesuan export --db DB --what facts --format csv`: what a batch stored, as CSV or JSON.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export documents, facts, findings or mismatches from the store.",
        discussion: """
            CSV is UTF-8 with a BOM; money is written exactly as printed (decimals kept). \
            --where column=value keeps the rows whose column equals value (repeat it: all must hold; \
            an empty value matches empty cells). Columns: docs/store.md.
            """)

    @Option(help: "The store: an SQLite file.")
    var db: String

    @Option(help: "What to export: documents, facts, findings or mismatches.")
    var what: ExportKind

    @Option(help: "Output format: csv or json.")
    var format: ExportWriter.Format = .csv

    @Option(name: .customLong("where"), help: "A filter column=value (repeatable).")
    var filters: [String] = []

    func run() async throws {
        var parsed: [ExportFilter] = []
        for filter in filters {
            guard let equals = filter.firstIndex(of: "="), equals != filter.startIndex else {
                throw CLIFailure(message: "--where \(filter): write column=value")
            }
            parsed.append(
                ExportFilter(
                    column: String(filter[..<equals]), value: String(filter[filter.index(after: equals)...])))
        }
        if !Stores.isPostgres(db), !FileManager.default.fileExists(atPath: db) {
            throw CLIFailure(
                message: "\(db): no such store; create it with juesuan batch or juesuan records import")
        }
        let store = try await openStore(db)
        let table = try await store.export(what, filters: parsed)
        let bytes = try ExportWriter.write(table, as: format)
        Terminal.raw(String(decoding: bytes, as: UTF8.self))
    }
}

extension ExportKind: ExpressibleByArgument {}
extension ExportWriter.Format: ExpressibleByArgument {}

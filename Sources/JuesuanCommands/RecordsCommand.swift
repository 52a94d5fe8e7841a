import ArgumentParser
import Batch
import Reconciler
import Store

/// `juesuan records import RECORDS.csv --db DB`: filed records into the store, where `batch`
/// reconciles every document against them.
struct RecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records", abstract: "Keep the departments' filed records in the store.",
        subcommands: [Import.self])

    /// `records import`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a records CSV (department,year,table,row,col,unit,value) into the store.",
            discussion: """
                Records with the same key (department, year, table, row, col) replace those stored. \
                A bad record stops the import with its file, line and field; nothing is stored then.
                """)

        @Argument(help: "The records CSV file (CLI.md layout).")
        var file: String

        @Option(help: "The store: an SQLite file (created if missing).")
        var db: String

        @Option(help: "The file's character set: UTF-8, GB18030 or GBK (default: detected).")
        var encoding: String?

        func run() async throws {
            let records = try RecordsFile.read(path: file, encoding: encoding)
            let store = try await openStore(db)
            let count = try await store.importRecords(records)
            BatchProgress.standardError(
                "records: \(count) record\(count == 1 ? "" : "s") from \(file) stored in \(db)\n")
        }
    }
}

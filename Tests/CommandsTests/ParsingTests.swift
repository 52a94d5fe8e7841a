import ArgumentParser
import Checks
import Pipeline
import Reports
import Testing

@testable import JuesuanCommands

/// Every subcommand's options parsed in process with `Juesuan.parseAsRoot`, as the executable
/// parses them: what each option sets, the defaults, and the usage that is refused before any
/// file is read. (What the commands then print and their exit codes are the spawned tests of
/// CLITests.)
@Suite("Parsing the command line")
struct ParsingTests {
    /// The command `arguments` parse to, as `T`.
    static func parse<T: ParsableCommand>(_ arguments: [String], as type: T.Type = T.self) throws -> T {
        let command = try Juesuan.parseAsRoot(arguments)
        return try #require(command as? T, "\(arguments) parsed to \(Swift.type(of: command))")
    }

    /// The first line of the message for the error `arguments` cause, as the executable prints it
    /// (after `error: `).
    static func refusal(_ arguments: [String]) -> String? {
        do {
            _ = try Juesuan.parseAsRoot(arguments)
            return nil
        } catch {
            #expect(Juesuan.exitCode(for: error) != .success, "\(arguments)")
            return Juesuan.message(for: error).split(separator: "\n").first.map(String.init) ?? ""
        }
    }

    /// Expects `arguments` to be refused with a message containing `says`.
    static func expectRefused(_ arguments: [String], says: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let message = refusal(arguments)
        #expect(message != nil, "\(arguments) was accepted", sourceLocation: sourceLocation)
        #expect(message?.contains(says) == true, "\(arguments): \(message ?? "")", sourceLocation: sourceLocation)
    }

    // MARK: inspect and extract

    @Test func inspectDefaults() throws {
        let inspect = try Self.parse(["inspect", "a.pdf"], as: Inspect.self)
        #expect(inspect.document.file == "a.pdf")
        #expect(inspect.document.password == nil)
        #expect(inspect.format == .text)
        #expect(inspect.pages == nil)
        #expect(inspect.output.output == nil)
    }

    @Test func inspectOptions() throws {
        let inspect = try Self.parse(
            ["inspect", "a.pdf", "--format", "json", "--pages", "1,4-6", "--password", "pw", "-o", "out.json"],
            as: Inspect.self)
        #expect(inspect.format == .json)
        #expect(inspect.pages?.ranges == [1...1, 4...6])
        #expect(inspect.document.password == "pw")
        #expect(inspect.output.output == "out.json")
    }

    @Test func extractFormats() throws {
        #expect(try Self.parse(["extract", "a.pdf"], as: Extract.self).format == .text)
        for format in Extract.Format.allCases {
            let extract = try Self.parse(["extract", "a.pdf", "--format", format.rawValue], as: Extract.self)
            #expect(extract.format == format)
        }
        let long = try Self.parse(["extract", "a.pdf", "--pages", "2-5", "--output", "x.txt"], as: Extract.self)
        #expect(long.pages?.ranges == [2...5])
        #expect(long.output.output == "x.txt")
    }

    @Test(arguments: ["0", "x", "5-3", "", "1,,x", "-2"])
    func malformedPagesAreRefused(pages: String) {
        #expect(Self.refusal(["extract", "a.pdf", "--pages", pages]) != nil)
    }

    @Test func extractRefusals() {
        Self.expectRefused(["extract"], says: "Missing expected argument '<file>'")
        Self.expectRefused(
            ["extract", "a.pdf", "--format", "pdf"], says: "The value 'pdf' is invalid for '--format <format>'")
        Self.expectRefused(["extract", "--nope", "a.pdf"], says: "Unknown option '--nope'")
        Self.expectRefused(["extract", "a.pdf", "b.pdf"], says: "Unexpected argument 'b.pdf'")
        Self.expectRefused(["inspect", "a.pdf", "--format", "tables"], says: "'tables' is invalid")
    }

    // MARK: check and rules

    @Test func checkDefaults() throws {
        let check = try Self.parse(["check", "a.pdf"], as: Check.self)
        #expect(check.file == "a.pdf")
        #expect(check.format == .text)
        #expect(!check.facts && !check.all)
        #expect(check.severity == nil && check.rules == nil && check.password == nil)
        #expect(check.output.output == nil)
    }

    @Test func checkOptions() throws {
        let check = try Self.parse(
            [
                "check", "a.facts.csv", "--facts", "--rules", "my.rules", "--format", "csv", "--severity", "warning",
                "--all", "-o", "f.csv",
            ], as: Check.self)
        #expect(check.facts && check.all)
        #expect(check.rules == "my.rules")
        #expect(check.format == .csv)
        #expect(check.severity == .warning)
        #expect(check.output.output == "f.csv")
        for format in ReportFormat.allCases {
            #expect(try Self.parse(["check", "a.pdf", "--format", format.rawValue], as: Check.self).format == format)
        }
    }

    @Test func checkRefusals() {
        Self.expectRefused(["check"], says: "Missing expected argument '<file>'")
        Self.expectRefused(
            ["check", "a.pdf", "--format", "pdf"], says: "The value 'pdf' is invalid for '--format <format>'")
        Self.expectRefused(["check", "a.pdf", "--severity", "fatal"], says: "'fatal' is invalid for '--severity")
        Self.expectRefused(["check", "a.pdf", "--rules"], says: "Missing value for '--rules <rules>'")
        Self.expectRefused(["check", "a.pdf", "--facts=yes"], says: "--facts")
    }

    @Test func rulesTakesNothing() throws {
        _ = try Self.parse(["rules"], as: Rules.self)
        Self.expectRefused(["rules", "extra"], says: "Unexpected argument 'extra'")
    }

    // MARK: claims

    @Test func claimsOptions() throws {
        let defaults = try Self.parse(["claims", "a.pdf"], as: Claims.self)
        #expect(defaults.format == .text && defaults.facts == nil && !defaults.sentences)
        let claims = try Self.parse(
            ["claims", "a.pdf", "--format", "json", "--facts", "a.facts.csv", "--sentences"], as: Claims.self)
        #expect(claims.format == .json)
        #expect(claims.facts == "a.facts.csv")
        #expect(claims.sentences)
        Self.expectRefused(["claims", "a.pdf", "--format", "csv"], says: "'csv' is invalid")
        Self.expectRefused(["claims"], says: "Missing expected argument")
    }

    // MARK: reconcile

    @Test func reconcileOptions() throws {
        let defaults = try Self.parse(["reconcile", "a.pdf", "--records", "r.csv"], as: Reconcile.self)
        #expect(defaults.records == "r.csv")
        #expect(defaults.format == .text && !defaults.all && !defaults.facts)
        #expect(defaults.year == nil && defaults.department == nil && defaults.encoding == nil)
        let reconcile = try Self.parse(
            [
                "reconcile", "a.facts.csv", "--facts", "--records", "postgres://h/db", "--encoding", "GBK", "--year",
                "2023", "--department", "某局", "--format", "html", "--all",
            ], as: Reconcile.self)
        #expect(reconcile.facts && reconcile.all)
        #expect(reconcile.encoding == "GBK")
        #expect(reconcile.year == 2023)
        #expect(reconcile.department == "某局")
        #expect(reconcile.format == .html)
    }

    @Test func reconcileRefusals() {
        Self.expectRefused(["reconcile", "a.pdf"], says: "Missing expected argument '--records <records>'")
        Self.expectRefused(["reconcile", "--records", "r.csv"], says: "Missing expected argument '<file>'")
        Self.expectRefused(
            ["reconcile", "a.pdf", "--records", "r.csv", "--year", "last"], says: "'last' is invalid for '--year")
    }

    // MARK: records, batch, export

    @Test func recordsImport() throws {
        let command = try Self.parse(
            ["records", "import", "r.csv", "--db", "s.sqlite", "--encoding", "GB18030"], as: RecordsCommand.Import.self)
        #expect(command.file == "r.csv" && command.db == "s.sqlite" && command.encoding == "GB18030")
        Self.expectRefused(["records", "import", "r.csv"], says: "Missing expected argument '--db <db>'")
        Self.expectRefused(["records", "export", "r.csv"], says: "unexpected arguments: 'export', 'r.csv'")
    }

    @Test func batchDefaults() throws {
        let batch = try Self.parse(["batch", "folder", "a.pdf", "--db", "s.sqlite"], as: Batch.self)
        #expect(batch.paths == ["folder", "a.pdf"])
        #expect(batch.db == "s.sqlite")
        #expect(batch.jobs == nil && batch.records == nil && batch.encoding == nil)
        #expect(batch.timeout == 120 && batch.lease == 300)
        #expect(!batch.force && !batch.enqueue && !batch.work)
    }

    @Test func batchOptions() throws {
        let batch = try Self.parse(
            [
                "batch", "f", "--db", "s.sqlite", "--jobs", "3", "--timeout", "9", "--records", "r.csv", "--encoding",
                "GBK", "--force",
            ], as: Batch.self)
        #expect(batch.jobs == 3 && batch.timeout == 9 && batch.force)
        #expect(batch.records == "r.csv" && batch.encoding == "GBK")
        let work = try Self.parse(["batch", "--db", "postgres://h/db", "--work", "--lease", "60"], as: Batch.self)
        #expect(work.work && work.lease == 60 && work.paths.isEmpty)
        let enqueue = try Self.parse(["batch", "f", "--db", "postgresql://h/db", "--enqueue"], as: Batch.self)
        #expect(enqueue.enqueue)
    }

    @Test func batchRefusals() {
        Self.expectRefused(["batch", "f"], says: "Missing expected argument '--db <db>'")
        Self.expectRefused(["batch", "--db", "s.sqlite"], says: "give the PDF files or folders to process")
        Self.expectRefused(["batch", "f", "--db", "s.sqlite", "--jobs", "0"], says: "--jobs must be at least 1")
        Self.expectRefused(
            ["batch", "f", "--db", "s.sqlite", "--timeout", "0"], says: "--timeout must be at least 1 second")
        Self.expectRefused(
            ["batch", "f", "--db", "postgres://h/db", "--enqueue", "--work"],
            says: "--enqueue and --work are separate steps")
        Self.expectRefused(["batch", "--db", "s.sqlite", "--work"], says: "need a postgres:// store")
        Self.expectRefused(["batch", "f", "--db", "postgres://h/db", "--work"], says: "--work takes no paths")
        Self.expectRefused(
            ["batch", "--db", "postgres://h/db", "--work", "--lease", "0"], says: "--lease must be at least 1")
    }

    @Test func exportOptions() throws {
        let export = try Self.parse(
            ["export", "--db", "s.sqlite", "--what", "facts", "--where", "table=收入决算表", "--where", "col="],
            as: Export.self)
        #expect(export.what == .facts)
        #expect(export.format == .csv)
        #expect(export.filters == ["table=收入决算表", "col="])
        #expect(
            try Self.parse(["export", "--db", "s", "--what", "documents", "--format", "json"], as: Export.self).format
                == .json)
        Self.expectRefused(["export", "--db", "s.sqlite"], says: "Missing expected argument '--what <what>'")
        Self.expectRefused(["export", "--db", "s.sqlite", "--what", "claims"], says: "'claims' is invalid for '--what")
        Self.expectRefused(["export", "--db", "s", "--what", "facts", "--format", "xml"], says: "'xml' is invalid")
    }

    // MARK: scrape and worker

    @Test func scrapeOptions() throws {
        let scrape = try Self.parse(
            ["scrape", "--sources", "s.yaml", "--archive", "arch", "--db", "p.sqlite"], as: Scrape.self)
        #expect(scrape.sources == "s.yaml" && scrape.archive == "arch" && scrape.db == "p.sqlite")
        #expect(!scrape.process && !scrape.verbose && scrape.lockTimeout == 600)
        let busy = try Self.parse(
            [
                "scrape", "--sources", "s", "--archive", "a", "--db", "d", "--process", "--lock-timeout", "0",
                "--verbose",
            ],
            as: Scrape.self)
        #expect(busy.process && busy.verbose && busy.lockTimeout == 0)
        Self.expectRefused(
            ["scrape", "--archive", "a", "--db", "d"], says: "Missing expected argument '--sources <sources>'")
        Self.expectRefused(
            ["scrape", "--sources", "s", "--archive", "a", "--db", "d", "--lock-timeout", "-1"], says: "--lock-timeout")
    }

    @Test func workerModes() throws {
        let one = try Self.parse(["worker", "a.pdf", "--output", "r.json"], as: Worker.self)
        #expect(one.file == "a.pdf" && one.output == "r.json" && !one.serve && !one.save)
        let serving = try Self.parse(["worker", "--serve", "--records-db", "s.sqlite", "--save"], as: Worker.self)
        #expect(serving.serve && serving.save && serving.recordsDB == "s.sqlite" && serving.file == nil)
        Self.expectRefused(["worker"], says: "give either FILE or --serve")
        Self.expectRefused(["worker", "a.pdf", "--serve"], says: "give either FILE or --serve")
        Self.expectRefused(["worker", "--serve", "--save"], says: "--save needs --serve and --records-db")
        Self.expectRefused(["worker", "a.pdf", "--save", "--records-db", "s"], says: "--save needs --serve")
    }

    // MARK: the root

    @Test func unknownSubcommandAndHelp() throws {
        Self.expectRefused(["frobnicate"], says: "Unexpected argument 'frobnicate'")
        do {
            _ = try Juesuan.parseAsRoot(["--version"])
            Issue.record("--version parsed to a command")
        } catch {
            #expect(Juesuan.exitCode(for: error) == .success)
            #expect(Juesuan.fullMessage(for: error) == "0.1.0")
        }
        // `--help` parses to the parser's help command, whose run ends cleanly with the help text.
        do {
            var help = try Juesuan.parseAsRoot(["check", "--help"])
            try help.run()
            Issue.record("check --help ran without ending")
        } catch {
            #expect(Juesuan.exitCode(for: error) == .success)
            #expect(Juesuan.fullMessage(for: error).contains("USAGE: juesuan check"))
        }
    }

    /// The internal worker is hidden from the help; the others are listed.
    @Test func helpListsTheCommands() {
        let help = Juesuan.helpMessage()
        for name in [
            "inspect", "extract", "check", "rules", "claims", "reconcile", "records", "batch", "export", "scrape",
        ] {
            #expect(help.contains("  \(name) "), "\(name)")
        }
        #expect(!help.contains("  worker "))
    }
}

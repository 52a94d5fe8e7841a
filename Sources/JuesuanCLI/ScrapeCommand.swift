import ArgumentParser
import FoundationEssentials
import Logging
import Scrape

#if canImport(Glibc)
    import Glibc
#endif

/// `juesuan scrape`: fetches published reports into an archive, with their provenance, and
/// optionally hands what is new to `juesuan batch`. See docs/scrape.md.
struct Scrape: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scrape",
        abstract:
            "Fetches reports from publishing sites into an archive, politely and only when changed.",
        discussion: """
            Stdout lists each file stored for the first time (new or changed): \
            `new|changed<TAB>SOURCE<TAB>URL<TAB>PATH`. Failed fetches are listed on stderr. \
            Exit 0: nothing new, or everything new processed clean; 1: some fetch failed or the batch stage \
            reported findings or failures; 2: bad sources file, archive or database.
            """
    )

    @Option(name: .long, help: "The YAML file listing the sources (see docs/scrape.md).")
    var sources: String

    @Option(name: .long, help: "The archive folder (created when missing).")
    var archive: String

    @Option(name: .long, help: "The SQLite database for provenance (and for the batch stage).")
    var db: String

    @Flag(name: .long, help: "Run `juesuan batch` on the files not processed yet.")
    var process = false

    @Option(name: .long, help: "Seconds to wait for another scrape's lock on the archive.")
    var lockTimeout: Int = 600

    @Flag(name: .long, help: "Log each request's progress to stderr.")
    var verbose = false

    func validate() throws {
        guard lockTimeout >= 0 else {
            throw ValidationError("--lock-timeout must be 0 or more seconds")
        }
    }

    func run() async throws {
        let list = try SourcesFile.read(path: sources)
        var logger = Logger(
            label: "juesuan.scrape", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = verbose ? .info : .warning
        var runner: BatchRunner?
        if process {
            let override = ProcessInfo.processInfo.environment[BatchRunner.overrideVariable].flatMap {
                $0.isEmpty ? nil : $0
            }
            runner = BatchRunner(executable: override ?? BatchRunner.currentExecutable(), database: db)
        }
        let scraper = Scraper(
            sources: list, archivePath: archive, databasePath: db, batch: runner,
            lockTimeout: .seconds(lockTimeout), logger: logger)
        let report = try await scraper.run()
        for file in report.archived {
            Terminal.out("\(file.changed ? "changed" : "new")\t\(file.source)\t\(file.url)\t\(file.path)")
        }
        for failure in report.failures {
            FileOutput.stderr("failed: \(failure.source) \(failure.url): \(failure.message)")
        }
        for failure in report.batchFailures {
            FileOutput.stderr("failed: batch: \(failure)")
        }
        let changed = report.archived.filter(\.changed).count
        var summary =
            "scrape: \(report.archived.count - changed) new, \(changed) changed, \(report.notModified) not modified, "
            + "\(report.alreadyStored) already stored, \(report.failures.count) failed"
        if process {
            summary +=
                "; \(report.processed.count) handed to batch" + (report.batchFindings ? " (findings)" : "")
        }
        FileOutput.stderr(summary)
        if report.exitCode != 0 { throw ExitCode(report.exitCode) }
    }
}

/// Plain lines on standard error (the failure list and the summary, not `error:` lines).
private enum FileOutput {
    static func stderr(_ line: String) {
        var bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }
}

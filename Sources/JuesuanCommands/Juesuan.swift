import ArgumentParser
import Basics

/// The `juesuan` command line: the root command and its subcommands, each of which parses its
/// options, calls the Pipeline and Reports libraries and prints. Exit codes follow CLI.md: 0
/// nothing to report, 1 findings, 2 bad usage or bad input (one `error:` line on stderr).
///
/// The commands live in this library, not in the executable, so that tests parse them in process
/// (`Juesuan.parseAsRoot([...])`); the `juesuan` executable is only the entry point that runs them
/// and maps their errors.
public struct Juesuan: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "juesuan",
        abstract: "Reads published 部门决算 reports (PDF) and checks them figure by figure.",
        version: "0.1.0",
        subcommands: [
            Inspect.self, Extract.self, Check.self, Rules.self, Claims.self, Reconcile.self, RecordsCommand.self,
            Batch.self, Export.self, Scrape.self, Worker.self,
        ]
    )

    public init() {}
}

/// A failure of the command line itself, reported as one `error:` line and exit code 2.
public struct CLIFailure: JuesuanError {
    /// The line, without the `error: ` prefix.
    public var message: String

    /// A failure with its message.
    public init(message: String) {
        self.message = message
    }
}

import ArgumentParser
import Basics
import FoundationEssentials

/// The `juesuan` command line. Exit codes follow CLI.md: 0 nothing to report, 1 findings,
/// 2 bad usage or bad input (one `error:` line on stderr).
@main
struct Juesuan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "juesuan",
        abstract: "Reads published 部门决算 reports (PDF) and checks them figure by figure.",
        version: "0.1.0",
        subcommands: [
            Inspect.self, Extract.self, Check.self, Rules.self, Claims.self, Reconcile.self, RecordsCommand.self,
            Batch.self, Export.self, Scrape.self, Worker.self,
        ]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as JuesuanError {
            // Every module's errors say what is wrong and what to do, and choose the exit code.
            Terminal.error(error.message)
            exitProcess(error.exitCode)
        } catch let exit as ExitCode {
            exitProcess(exit.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version.
                Terminal.out(fullMessage(for: error))
                exitProcess(0)
            }
            let message = message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
            let stripped = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
            Terminal.error("\(stripped) (see juesuan --help)")
            exitProcess(2)
        }
    }
}

/// A failure of the command line itself, reported as one `error:` line and exit code 2.
struct CLIFailure: JuesuanError {
    var message: String
}

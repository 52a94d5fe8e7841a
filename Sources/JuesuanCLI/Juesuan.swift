import ArgumentParser
import Basics
import JuesuanCommands

/// The `juesuan` executable: runs the command line of ``JuesuanCommands`` and maps every error to
/// one `error:` line and an exit code (CLI.md: 2 bad usage or bad input).
@main
extension Juesuan {
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

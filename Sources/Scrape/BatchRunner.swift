import Foundation

/// Runs the batch stage (`juesuan batch FILES… --db DB`) as a child process on newly archived files.
public struct BatchRunner: Sendable {
    /// The executable run as `EXECUTABLE batch FILES… --db DB`: normally this very program.
    public var executable: String
    /// The database handed to `--db`.
    public var database: String
    /// How many files one child is given at most (keeps the argument list short).
    public var chunkSize: Int

    /// A runner for an executable and a database.
    public init(executable: String, database: String, chunkSize: Int = 200) {
        self.executable = executable
        self.database = database
        self.chunkSize = max(1, chunkSize)
    }

    /// The test-only switch: when this environment variable names an executable, `scrape --process`
    /// runs it instead of itself (with the same arguments), so that tests can record what would be processed.
    public static let overrideVariable = "JUESUAN_SCRAPE_BATCH_EXECUTABLE"

    /// The path of the running executable: `/proc/self/exe` where there is one, else
    /// `CommandLine.arguments[0]` made absolute (against the working folder or `PATH`).
    public static func currentExecutable() -> String {
        let proc = "/proc/self/exe"
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: proc),
            resolved.hasPrefix("/")
        {
            return resolved
        }
        let first = CommandLine.arguments.first ?? "juesuan"
        if first.hasPrefix("/") { return first }
        if first.contains("/") { return FileManager.default.currentDirectoryPath + "/" + first }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/\(first)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return first
    }

    /// How one child ended.
    public enum Outcome: Sendable, Hashable {
        /// Exit status 0, 1 or 2 (or another status) after a normal exit.
        case exited(Int32)
        /// Killed by a signal.
        case signalled(Int32)
        /// Could not be started.
        case notStarted(String)
    }

    /// Runs one child on `files`; its standard output and error go to this process's standard error.
    public func run(files: [String]) async -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["batch"] + files + ["--db", database]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        return await withCheckedContinuation { continuation in
            process.terminationHandler = { finished in
                switch finished.terminationReason {
                case .exit: continuation.resume(returning: .exited(finished.terminationStatus))
                case .uncaughtSignal: continuation.resume(returning: .signalled(finished.terminationStatus))
                @unknown default: continuation.resume(returning: .exited(finished.terminationStatus))
                }
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(
                    returning: .notStarted("cannot run \(executable): \(error.localizedDescription)"))
            }
        }
    }
}

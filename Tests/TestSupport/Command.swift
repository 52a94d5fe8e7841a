import Foundation

/// What a finished program left: its exit status (or signal) and both outputs.
public struct CommandResult: Sendable {
    /// The exit status, or the signal's number when a signal ended it.
    public var status: Int32
    /// Everything it wrote to standard output.
    public var stdout: Data
    /// Everything it wrote to standard error.
    public var stderr: Data
}

/// Runs programs for tests without blocking a thread while they run.
///
/// Swift Testing runs tests on the cooperative thread pool, which has one thread per core. A test
/// that waited for a child synchronously (`waitUntilExit`, reading a pipe to its end) would hold
/// one of those threads for the child's whole life, and on a 2-core machine two such tests stall
/// every other test: timeouts, leases and heartbeats in those tests then measure the stall. Here
/// both outputs go to files and the test is resumed by the child's termination handler.
public enum Command {
    /// Runs `path` with `arguments` (in `folder`, with `environment` added to this process's
    /// environment), standard input from `/dev/null`, and waits for it to end.
    public static func run(
        _ path: String, _ arguments: [String], in folder: URL? = nil, environment: [String: String] = [:]
    ) async throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        // Both outputs go to files, so that neither can fill a pipe that nobody reads.
        let base = FileManager.default.temporaryDirectory.path + "/juesuan-command-\(UUID().uuidString)"
        let outputs = [base + ".out", base + ".err"]
        defer { for output in outputs { try? FileManager.default.removeItem(atPath: output) } }
        var handles: [FileHandle] = []
        for output in outputs {
            _ = FileManager.default.createFile(atPath: output, contents: nil)
            handles.append(try FileHandle(forWritingTo: URL(fileURLWithPath: output)))
        }
        process.standardOutput = handles[0]
        process.standardError = handles[1]
        process.standardInput = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        for handle in handles { try? handle.close() }
        return CommandResult(
            status: process.terminationStatus,
            stdout: FileManager.default.contents(atPath: outputs[0]) ?? Data(),
            stderr: FileManager.default.contents(atPath: outputs[1]) ?? Data())
    }

    /// The full path of a program on `PATH`, if any.
    public static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

import Foundation

/// Runs the built `juesuan` executable, as an auditor or a script would.
public struct Run: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    /// The `juesuan` binary built next to the test bundle.
    public static let executable: URL = {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleFolder.appendingPathComponent("juesuan"),
            bundleFolder.deletingLastPathComponent().appendingPathComponent("juesuan"),
            URL(fileURLWithPath: Samples.root).deletingLastPathComponent().appendingPathComponent(
                ".build/debug/juesuan"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs `juesuan ARGS` in the package root (so that `Samples/…` paths are short and stable).
    public static func juesuan(_ arguments: String...) async throws -> Run { try await juesuan(arguments) }

    /// Runs `juesuan` with an argument array.
    public static func juesuan(arguments: [String]) async throws -> Run { try await juesuan(arguments) }

    /// Runs `juesuan ARGS` in the package root with extra environment variables.
    public static func juesuan(_ arguments: [String], environment: [String: String] = [:]) async throws -> Run {
        let result = try await Command.run(
            executable.path, arguments, in: URL(fileURLWithPath: Samples.root).deletingLastPathComponent(),
            environment: environment)
        return Run(
            status: result.status, stdout: String(decoding: result.stdout, as: UTF8.self),
            stderr: String(decoding: result.stderr, as: UTF8.self))
    }

    /// Standard error's lines.
    public var errorLines: [Substring] { stderr.split(separator: "\n") }
}

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
    public static func juesuan(_ arguments: String...) throws -> Run { try juesuan(arguments) }

    /// Runs `juesuan` with an argument array.
    public static func juesuan(arguments: [String]) throws -> Run { try juesuan(arguments) }

    /// Runs `juesuan ARGS` in the package root with extra environment variables.
    public static func juesuan(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Samples.root).deletingLastPathComponent()
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        // Standard error goes to a file, so that neither output can fill a pipe while the other is read.
        let errorPath = FileManager.default.temporaryDirectory.path + "/juesuan-run-\(UUID().uuidString).err"
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorPath) }
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        process.standardOutput = out
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errorHandle.close()
        let errData = try Data(contentsOf: URL(fileURLWithPath: errorPath))
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Standard error's lines.
    public var errorLines: [Substring] { stderr.split(separator: "\n") }
}

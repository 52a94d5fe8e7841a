import Foundation
import TestSupport

/// Runs the built `juesuan` executable, as an auditor or a script would.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The `juesuan` binary built next to the test bundle.
    static let executable: URL = {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleFolder.appendingPathComponent("juesuan"),
            bundleFolder.deletingLastPathComponent().appendingPathComponent("juesuan"),
            URL(fileURLWithPath: Samples.root).deletingLastPathComponent().appendingPathComponent(".build/debug/juesuan"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }()

    /// Runs `juesuan ARGS` in the package root (so that `Samples/…` paths are short and stable).
    static func juesuan(_ arguments: String...) throws -> Run { try juesuan(arguments: arguments) }

    /// Runs `juesuan` with an argument array.
    static func juesuan(arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Samples.root).deletingLastPathComponent()
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes before waiting, so that a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Standard error's lines.
    var errorLines: [Substring] { stderr.split(separator: "\n") }
}

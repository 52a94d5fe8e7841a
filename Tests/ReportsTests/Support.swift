import Foundation
import PDF
import TestSupport

/// Runs the built `juesuan` executable from the package root.
struct Juesuan {
    var status: Int32
    var stdout: Data
    var stderr: String

    var text: String { String(decoding: stdout, as: UTF8.self) }

    static let executable: URL = {
        let bundleFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            bundleFolder.appendingPathComponent("juesuan"),
            bundleFolder.deletingLastPathComponent().appendingPathComponent("juesuan"),
            URL(fileURLWithPath: Samples.root).deletingLastPathComponent().appendingPathComponent(
                ".build/debug/juesuan"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? candidates[0]
    }()

    static func run(_ arguments: String...) throws -> Juesuan {
        let result = try Command.run(
            executable.path, arguments, in: URL(fileURLWithPath: Samples.root).deletingLastPathComponent()
        )
        return Juesuan(
            status: result.status, stdout: result.stdout,
            stderr: String(decoding: result.stderr, as: UTF8.self))
    }
}

/// Runs a program and collects its output.
enum Command {
    static func run(_ path: String, _ arguments: [String], in folder: URL? = nil) throws -> (
        status: Int32, stdout: Data, stderr: Data
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        // Standard error goes to a file, so that neither stream can fill a pipe and block the child.
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "juesuan-stderr-\(UUID().uuidString)")
        try Data().write(to: errorFile)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let errorHandle = try FileHandle(forWritingTo: errorFile)
        defer { try? errorHandle.close() }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = try out.fileHandleForReading.readToEnd() ?? Data()
        process.waitUntilExit()
        return (process.terminationStatus, outData, (try? Data(contentsOf: errorFile)) ?? Data())
    }

    /// The full path of a program on `PATH`, if any.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Golden files of this suite, in `Samples/reports/golden/`; `JUESUAN_UPDATE_GOLDEN=1` rewrites
/// them, as for `Samples/golden`.
enum ReportsGolden {
    static func expected(_ name: String, actual: Data) throws -> Data {
        let url = URL(fileURLWithPath: Samples.path("reports/golden/" + name))
        if ProcessInfo.processInfo.environment["JUESUAN_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            return actual
        }
        return try Data(contentsOf: url)
    }
}

/// Where a printed string stands on a page, found from the glyphs alone (independently of the
/// tokenizer): the union of the boxes of its characters.
enum PrintedText {
    static func boxes(of text: String, on page: PageText) -> [Rect] {
        let wanted = Array(text.unicodeScalars)
        let glyphs = page.glyphs
        guard !wanted.isEmpty, glyphs.count >= wanted.count else { return [] }
        var found: [Rect] = []
        for start in 0...(glyphs.count - wanted.count)
        where (0..<wanted.count).allSatisfy({ glyphs[start + $0].scalar == wanted[$0] }) {
            let run = glyphs[start..<(start + wanted.count)].map(\.box)
            found.append(run.dropFirst().reduce(run[0]) { $0.union($1) })
        }
        return found
    }
}

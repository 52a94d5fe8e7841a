import Foundation
import Testing

/// Files under the package's `Samples/` folder, which holds every file the tests read.
public enum Samples {
    /// The absolute path of `Samples/`.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        // Tests/TestSupport/Samples.swift → the package root.
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("Samples").path
    }()

    /// The absolute path of a file under `Samples/`.
    public static func path(_ relative: String) -> String { root + "/" + relative }
}

/// Golden files, as swift-argument-parser's snapshot tests keep them: the expected whole output
/// lives in a file under `Samples/` (`Samples/golden/…`, `Samples/reports/golden/…`).
///
/// `JUESUAN_UPDATE_GOLDEN=1 swift test` writes every compared output as its new golden file and
/// **fails** each test that recorded one, so a recording run can never pass for a green one:
/// review `git diff Samples`, commit, and run the tests again without the variable. A golden file
/// that does not exist yet is recorded the same way (and fails).
public enum Golden {
    /// The absolute path of a golden file under `Samples/golden/`.
    public static func path(_ name: String) -> String { Samples.path("golden/" + name) }

    /// Whether this run records golden files instead of comparing with them.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["JUESUAN_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the golden text `Samples/golden/NAME`, reporting the first line that
    /// differs; records it (and fails) when recording or when the file is missing.
    public static func expect(
        _ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try expect(Data(actual.utf8), matchesSample: "golden/" + name, sourceLocation: sourceLocation)
    }

    /// Compares `actual` with the golden file at `relative` (a path under `Samples/`), byte for
    /// byte; records it (and fails) when recording or when the file is missing.
    public static func expect(
        _ actual: Data, matchesSample relative: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let url = URL(fileURLWithPath: Samples.path(relative))
        let exists = FileManager.default.fileExists(atPath: url.path)
        if isRecording || !exists {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url)
            Issue.record(
                "recorded the golden file Samples/\(relative)\(exists ? "" : " (it did not exist)"); review the diff, then run the tests again without JUESUAN_UPDATE_GOLDEN",
                sourceLocation: sourceLocation)
            return
        }
        let expected = try Data(contentsOf: url)
        #expect(
            actual == expected,
            "Samples/\(relative): \(firstDifference(String(decoding: actual, as: UTF8.self), String(decoding: expected, as: UTF8.self)))",
            sourceLocation: sourceLocation)
    }

    /// The first line where two texts differ, for a readable failure message.
    public static func firstDifference(_ actual: String, _ expected: String) -> String {
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, e.count) {
            let left = index < a.count ? String(a[index]) : "<end>"
            let right = index < e.count ? String(e[index]) : "<end>"
            if left != right { return "line \(index + 1):\n  actual:   \(left)\n  expected: \(right)" }
        }
        return "identical"
    }
}

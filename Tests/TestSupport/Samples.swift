import FoundationEssentials

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

/// Golden files (argument-parser style snapshots): the expected whole output lives in
/// `Samples/golden/NAME`. Run the tests with `JUESUAN_UPDATE_GOLDEN=1` to write them anew, then
/// review the diff before committing.
public enum Golden {
    public static func path(_ name: String) -> String { Samples.path("golden/" + name) }

    /// The golden text, or the `actual` text written as the new golden file when updating.
    public static func expected(_ name: String, actual: String) throws -> String {
        let url = URL(fileURLWithPath: path(name))
        if ProcessInfo.processInfo.environment["JUESUAN_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return actual
        }
        return String(decoding: try Data(contentsOf: url), as: UTF8.self)
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

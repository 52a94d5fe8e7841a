import Basics
import Foundation
import PDF
import TestSupport

/// Runs the built `juesuan` executable from the package root, keeping its output as bytes.
struct Juesuan {
    var status: Int32
    var stdout: Data
    var stderr: String

    var text: String { String(decoding: stdout, as: UTF8.self) }

    static func run(_ arguments: String...) async throws -> Juesuan {
        let result = try await Command.run(
            Run.executable.path, arguments, in: URL(fileURLWithPath: Samples.root).deletingLastPathComponent())
        return Juesuan(
            status: result.status, stdout: result.stdout, stderr: String(decoding: result.stderr, as: UTF8.self))
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

import Basics
import Foundation
import PDF
import Pipeline
import TestSupport

/// Documents read and checked in process, through the Pipeline library, as `check` and
/// `reconcile` read them.
enum Read {
    /// The path of a sample, relative to `Samples/`, as an absolute path.
    static func sample(_ relative: String) -> String { Samples.path(relative) }

    /// A sample PDF read with its narrative.
    static func pdf(_ relative: String) throws -> DocumentSource {
        .pdf(try LoadedReport(path: sample(relative), password: nil))
    }

    /// A sample facts.csv.
    static func facts(_ relative: String) throws -> DocumentSource {
        .facts(path: sample(relative), try FactsFile.read(sample(relative)))
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

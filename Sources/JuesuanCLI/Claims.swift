import ArgumentParser
import Checks
import FoundationEssentials
import Layout
import PDF
import ReportModel

/// `juesuan claims FILE.pdf`: every numeric claim of the narrative, linked to the tables and judged.
struct Claims: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List and judge the numeric claims of the narrative (情况说明).",
        discussion: """
            Every amount, share, change and budget comparison in the running text is linked to the \
            table cells it repeats and judged on rounding intervals: consistent, inconsistent (with \
            the expected figure) or unlinked. Exit code 1 when a claim is inconsistent.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var document: DocumentOptions

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "Judge against the facts of this facts.csv instead of the tables read from the PDF.")
    var facts: String?

    @Flag(help: .hidden)
    var sentences = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let loaded = try LoadedReport(path: document.file, password: document.password)
        let factList = try facts.map(FactsFile.read) ?? loaded.report.facts
        if sentences {
            try output.emit(Self.sentences(loaded, facts: factList).map { "p\($0.page)\t\($0.text)" }.joined(separator: "\n"))
            return
        }
        let claims = Self.claims(loaded, facts: factList)
        switch format {
        case .json:
            try output.emit(try JSONOutput.encode(claims))
        case .text:
            try output.emit(ClaimText.render(claims))
        }
        if claims.contains(where: { $0.verdict == .inconsistent }) { throw ExitCode(1) }
    }
}

extension Claims {
    /// The claims of a loaded document, judged against `facts` (the tokenizer's when nil).
    static func claims(_ loaded: LoadedReport, facts: [Fact]? = nil) -> [Claim] {
        let factList = facts ?? loaded.report.facts
        let withFigures = Set(factList.map(\.table))
        let empty = Set(loaded.report.tables.map(\.key).filter { !withFigures.contains($0) })
        return ClaimChecker().claims(sentences: sentences(loaded, facts: factList), facts: factList, emptyTables: empty)
    }

    /// The sentences of the pages that hold no table (a page with a table or a fact is a table page).
    static func sentences(_ loaded: LoadedReport, facts: [Fact]) -> [ClaimSentence] {
        // The loaded sentences leave the table pages out already; facts read from elsewhere may
        // name a few more pages.
        let factPages = Set(facts.map(\.page))
        return loaded.sentences.filter { !factPages.contains($0.page) }.map { sentence in
            ClaimSentence(
                text: sentence.text, page: sentence.page,
                continuations: continuations(of: sentence, layouts: loaded.layouts))
        }
    }

    /// For a sentence that runs over a page break: each later page and the start of the first
    /// line there that belongs to the sentence.
    static func continuations(of sentence: Sentence, layouts: [PageLayout]) -> [ClaimSentence.Continuation] {
        var pages: [Int] = []
        for box in sentence.boxes where box.page != sentence.page && !pages.contains(box.page) { pages.append(box.page) }
        let compactSentence = String(sentence.text.filter { !$0.isWhitespace })
        return pages.compactMap { page in
            guard page >= 1, page <= layouts.count else { return nil }
            for line in layouts[page - 1].lines {
                let start = String(line.text.filter { !$0.isWhitespace }.prefix(8))
                if start.count >= 2, compactSentence.contains(start) {
                    return ClaimSentence.Continuation(page: page, lineStart: start)
                }
            }
            return nil
        }
    }
}

/// Claims for a reader.
enum ClaimText {
    static func render(_ claims: [Claim]) -> String {
        let bad = claims.filter { $0.verdict == .inconsistent }.count
        let unlinked = claims.filter { $0.verdict == .unlinked }.count
        var lines = ["\(claims.count) claims: \(bad) inconsistent, \(unlinked) unlinked"]
        for claim in claims {
            let expected = claim.expected.map { " (expected \($0))" } ?? ""
            lines.append("p\(claim.page) \(claim.verdict.rawValue.uppercased()) \(claim.value)\(claim.unit)\(expected) [\(claim.quantity)]")
            if claim.verdict == .inconsistent {
                lines.append("    \(claim.message)")
                lines.append("    \(claim.sentence)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

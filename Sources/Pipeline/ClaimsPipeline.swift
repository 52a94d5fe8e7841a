import Checks
import Layout
import ReportModel

/// The numeric claims of a document's narrative, linked to its tables and judged.
public enum ClaimsPipeline {
    /// The claims of a loaded document, judged against `facts` (the tokenizer's when nil).
    public static func claims(_ loaded: LoadedReport, facts: [Fact]? = nil) -> [Claim] {
        let factList = facts ?? loaded.report.facts
        let withFigures = Set(factList.map(\.table))
        let empty = Set(loaded.report.tables.map(\.key).filter { !withFigures.contains($0) })
        return ClaimChecker().claims(
            sentences: sentences(loaded, facts: factList), facts: factList, emptyTables: empty)
    }

    /// The sentences of the pages that hold no table (a page with a table or a fact is a table
    /// page), each with the pages it runs on to.
    public static func sentences(_ loaded: LoadedReport, facts: [Fact]) -> [ClaimSentence] {
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
    public static func continuations(of sentence: Sentence, layouts: [PageLayout]) -> [ClaimSentence.Continuation] {
        var pages: [Int] = []
        for box in sentence.boxes where box.page != sentence.page && !pages.contains(box.page) {
            pages.append(box.page)
        }
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

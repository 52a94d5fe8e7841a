import Basics
import PDF
import TestSupport
import Testing

@testable import Layout

@Suite("Narrative sentences")
struct NarrativeTests {
    private func sentences(_ sample: String, pages: ClosedRange<Int>) throws -> [Sentence] {
        let document = try PDFDocument(path: Samples.path(sample))
        return NarrativeBuilder.sentences(from: try pages.map { LayoutBuilder.layout(try document.page($0)) })
    }

    /// base.pdf's 情况说明 (pages 15–20), one sentence a line: `page<TAB>text`.
    @Test func golden() throws {
        let actual = try sentences("bad/base.pdf", pages: 15...20).map { "\($0.page)\t\($0.text)" }.joined(separator: "\n")
        let expected = try Golden.expected("layout/base_narrative.txt", actual: actual)
        #expect(actual == expected, "\(Golden.firstDifference(actual, expected))")
    }

    @Test func sentencesRunAcrossLinesAndKeepTheirBoxes() throws {
        let all = try sentences("bad/base.pdf", pages: 15...20)
        let claim = try #require(all.first { $0.text.hasPrefix("2022年度财政拨款收、支总计1724.10万元") })
        #expect(claim.text.hasSuffix("减少18.69%。"))
        #expect(claim.page == 15)
        #expect(claim.boxes.count == 2)
        #expect(claim.boxes.allSatisfy { $0.page == 15 && $0.box.width > 20 })
        // Page numbers and the cover title are not sentences.
        #expect(!all.contains { $0.text.hasPrefix("-") })
    }

    /// The same sentences come out of a page drawn sideways under /Rotate 90, with boxes in
    /// display space (so on the turned page).
    @Test func boxesAreInDisplaySpace() throws {
        let document = try PDFDocument(path: Samples.path("bad/base.pdf"))
        let page = try document.page(15)
        for sentence in try sentences("bad/base.pdf", pages: 15...15) {
            for box in sentence.boxes {
                #expect(box.box.x0 >= 0 && box.box.x1 <= page.width && box.box.y1 <= page.height)
            }
        }
    }

    @Test func pageNumbers() {
        for text in ["-5-", "—12—", "第6页", "6", "6/28", "－3－"] { #expect(PageNumber.matches(text), "\(text)") }
        for text in ["2022年度", "第三部分", "6.5", "", "-"] { #expect(!PageNumber.matches(text), "\(text)") }
    }

    @Test func ordinalsAndClauseEnds() {
        for text in ["一、收入", "（一）总体情况", "1、一般公共服务", "(2)其他", "10.机关运行"] {
            #expect(NarrativeBuilder.startsWithOrdinal(text), "\(text)")
        }
        for text in ["2022年度收支", "1724.10万元", "一般公共服务"] { #expect(!NarrativeBuilder.startsWithOrdinal(text), "\(text)") }
        #expect(NarrativeBuilder.endsClause("其中："))
        #expect(NarrativeBuilder.endsClause("占100%。”"))
        #expect(!NarrativeBuilder.endsClause("减少"))
    }
}

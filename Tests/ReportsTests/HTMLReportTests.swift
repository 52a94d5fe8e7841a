import Basics
import Checks
import Foundation
import PDF
import Reconciler
import Reports
import TestSupport
import Testing

@Suite("HTML report")
struct HTMLReportTests {
    static let subject = ReportSubject(
        fileName: "s01_education_2020_reportlab.pdf", sha256: "ab12", pages: 20, department: "云溪县教育局",
        year: 2020)

    static func finding(
        message: String = "printed 1473945.58, the rest makes it 1523945.58", page: Int? = 9,
        box: Rect? = nil,
        rule: String = "rollup-functional", severity: Severity = .error,
        table: String? = "一般公共预算财政拨款支出决算表"
    ) -> Finding {
        Finding(
            rule: rule, severity: severity, entity: "云溪县教育局", table: table,
            row: table == nil ? nil : "2080502",
            col: table == nil ? nil : "本年支出/小计", page: page, printed: "1473945.58",
            expected: "1523945.58",
            message: message, sentence: table == nil ? "教育支出占4.3%。" : nil, box: box)
    }

    /// How often `needle` occurs in `text`.
    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test func everyTextIsEscaped() {
        let hostile = "<script>alert(\"x\")</script> & 'quoted'"
        var finding = Self.finding(message: hostile, table: nil)
        finding.sentence = "<img src=x onerror=alert(1)>"
        finding.rule = "<b>rule</b>"
        let subject = ReportSubject(fileName: "<i>name</i>.pdf", department: "A&B \"dept\"")
        let html = HTMLReport.render(subject: subject, findings: [finding])
        #expect(
            html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;b&gt;rule&lt;/b&gt;"))
        #expect(html.contains("&lt;i&gt;name&lt;/i&gt;.pdf"))
        #expect(html.contains("A&amp;B &quot;dept&quot;"))
        // The only script element is the report's own; nothing hostile got through as markup.
        #expect(Self.count("<script", in: html) == 1)
        #expect(!html.contains("<img src=x"))
        #expect(!html.contains("<b>rule") && !html.contains("<i>name"))
    }

    @Test func identityCountsAndRows() {
        let findings = [
            Self.finding(),
            Self.finding(rule: "narrative-share", severity: .warning, table: nil),
            Self.finding(rule: "narrative-unlinked", severity: .info, table: nil),
            Self.finding(page: 7),
        ]
        let html = HTMLReport.render(subject: Self.subject, findings: findings)
        for text in [
            "s01_education_2020_reportlab.pdf", "ab12", "<td>20</td>", "云溪县教育局", "<td>2020</td>",
        ] {
            #expect(html.contains(text), "\(text)")
        }
        #expect(html.contains("4 findings: 2 error, 1 warning, 1 info"))
        #expect(
            html.contains(
                "<tr><td>rollup-functional</td><td class=\"count\">2</td><td class=\"count\">0</td><td class=\"count\">0</td><td class=\"count\">2</td></tr>"
            ))
        #expect(
            html.contains(
                "<tr><td>all</td><td class=\"count\">2</td><td class=\"count\">1</td><td class=\"count\">1</td><td class=\"count\">4</td></tr>"
            ))
        #expect(Self.count("<tr class=\"finding ", in: html) == 4)
        #expect(html.contains("<blockquote>教育支出占4.3%。</blockquote>"))
        // Without a PDF there are no crops, and the page says so.
        #expect(!html.contains("<img"))
        #expect(html.contains("No crops: this report was made without the PDF."))
        #expect(!html.contains("id=\"mismatches\""))
    }

    @Test func unknownIdentityIsSaidSo() {
        let html = HTMLReport.render(subject: ReportSubject(fileName: "x.facts.csv"), findings: [])
        #expect(html.contains("unknown (no PDF was read)"))
        #expect(html.contains("No findings."))
        #expect(!html.contains("<table class=\"items\">"))
    }

    @Test func selfContained() throws {
        let document = try PDFDocument(path: Samples.path("tokenizer/s01_education_2020_reportlab.pdf"))
        let html = HTMLReport.render(
            subject: Self.subject,
            findings: [Self.finding(box: Rect(x0: 300, y0: 300, x1: 340, y1: 310))],
            evidence: EvidenceRenderer(document: document))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"))
        // Every src is a data: URL.
        let sources = html.components(separatedBy: "src=\"").dropFirst()
        #expect(sources.count == 1)
        #expect(sources.allSatisfy { $0.hasPrefix("data:image/png;base64,") })
        #expect(html.contains("default-src 'none'; img-src data:"))
    }

    @Test func cropsArePNGsAndMissingBoxesHaveNone() throws {
        let document = try PDFDocument(path: Samples.path("tokenizer/s01_education_2020_reportlab.pdf"))
        let box = Rect(x0: 300, y0: 300, x1: 340, y1: 310)
        let findings = [
            Self.finding(box: box),
            Self.finding(page: 9, box: nil),  // a blank cell: no box, no crop
            Self.finding(page: nil, box: nil, rule: "empty-table", table: nil),
            Self.finding(page: 99, box: box),  // not in the document
            Self.finding(box: box),  // the same crop again
        ]
        let html = HTMLReport.render(
            subject: Self.subject, findings: findings, evidence: EvidenceRenderer(document: document))
        #expect(Self.count("<tr class=\"finding ", in: html) == 5)
        // The repeated crop is embedded once; its second row points to the first.
        #expect(Self.count("<figure class=\"crop\"", in: html) == 1)
        #expect(Self.count("<tr class=\"evidence\">", in: html) == 3)
        #expect(html.contains("No crop: page 99 cannot be rendered"))
        #expect(html.contains("Crop: the same as for <a href=\"#finding-1\">finding 1</a>."))
        let payload = try #require(
            html.components(separatedBy: "data:image/png;base64,").dropFirst().first?.split(
                separator: "\""
            ).first)
        let png = try #require(Data(base64Encoded: String(payload)))
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(html.contains("data-page=\"9\""))
        #expect(html.contains("data-box=\"300 300 340 310\""))
    }

    @Test func mismatchSection() {
        let mismatches = [
            Mismatch(
                kind: .unitScale, entity: "云溪县教育局", table: "收入决算表", row: "201", col: "本年收入合计",
                name: "一般公共服务支出",
                published: "1835.74", publishedUnit: "万元", recorded: "1835.74", recordedUnit: "元", page: 6,
                message: "off by 10000"),
            Mismatch(
                kind: .roundingBalance, entity: "云溪县教育局", table: "收入决算表", row: "202", col: "本年收入合计",
                published: "1.00", publishedUnit: "万元", recorded: "10100.00", recordedUnit: "元", page: 6,
                message: "rounding"),
            Mismatch(
                kind: .extraInRecords, entity: "云溪县教育局", table: "收入决算表", row: "299", col: "本年收入合计",
                published: nil, publishedUnit: nil, recorded: "10.00", recordedUnit: "元", page: nil,
                recordSource: "records.csv", recordLine: 12, message: "filed, not published"),
        ]
        let html = HTMLReport.render(subject: Self.subject, mismatches: mismatches)
        #expect(html.contains("<h1>Reconciliation report</h1>"))
        #expect(!html.contains("id=\"findings\""))
        #expect(Self.count("<tr class=\"mismatch ", in: html) == 3)
        #expect(html.contains("3 mismatches: 2 error, 1 info"))
        #expect(
            html.contains("<td class=\"amount\">1835.74 万元</td><td class=\"amount\">1835.74 元</td>"))
        #expect(html.contains("record: records.csv:12"))
        #expect(html.contains("<tr><td>unit_scale</td><td class=\"count\">1</td>"))
        let both = HTMLReport.render(subject: Self.subject, findings: [], mismatches: mismatches)
        #expect(both.contains("<h1>Check and reconciliation report</h1>"))
        #expect(both.contains("No findings."))
    }
}

/// The renderers on what `reconcile` really reports: s01 against its filed records.
@Suite("Reports of reconcile's mismatches")
struct ReconcileReportTests {
    @Test func mismatchesOfARealReportWithCrops() async throws {
        let pdf = "Samples/tokenizer/s01_education_2020_reportlab.pdf"
        let run = try await Juesuan.run(
            "reconcile", pdf, "--records", "Samples/reports/s01_education_2020_reportlab.records.csv", "--format",
            "json",
            "--all")
        #expect(run.status == 1, "\(run.stderr)")
        let mismatches = try JSONDecoder().decode([Mismatch].self, from: run.stdout)
        #expect(mismatches.count > 3)
        let located = mismatches.filter { $0.page != nil && $0.box != nil }
        let distinct = Set(located.map { "\($0.page ?? 0) \(String(describing: $0.box))" })
        #expect(!located.isEmpty)

        let rows = try CSVReportTests.parse(MismatchReport.csv(mismatches))
        #expect(rows.count == mismatches.count + 1)

        let document = try PDFDocument(path: Samples.path("tokenizer/s01_education_2020_reportlab.pdf"))
        let html = HTMLReport.render(
            subject: ReportSubject(document: document.info, department: "云溪县教育局", year: 2020), mismatches: mismatches,
            evidence: EvidenceRenderer(document: document))
        #expect(HTMLReportTests.count("<tr class=\"mismatch ", in: html) == mismatches.count)
        #expect(HTMLReportTests.count("<figure class=\"crop\"", in: html) == distinct.count)
        #expect(HTMLReportTests.count("class=\"same-crop\"", in: html) == located.count - distinct.count)
        #expect(!html.contains("No crop:"))
        #expect(html.contains(document.info.sha256))
    }
}

import Basics
import Checks
import FoundationEssentials
import Mustache
import PDF
import Reconciler

/// One self-contained HTML page an auditor can hand on: the document's identity, counts by kind
/// and severity, the findings and/or mismatches, and for each one with a page and a box a crop
/// of the page with the cell or sentence outlined. No external resources: crops are `data:` PNGs,
/// styles and the one small script are inline (and the Content-Security-Policy allows nothing
/// else).
public enum HTMLReport {
    /// Renders the page.
    ///
    /// - Parameters:
    ///   - subject: the document's identity.
    ///   - findings: the findings of `check`, in the order to show; `nil` leaves the section out,
    ///     an empty array says "No findings".
    ///   - mismatches: the mismatches of `reconcile`, likewise.
    ///   - evidence: renders the crops from the PDF the boxes belong to; `nil` (facts without a
    ///     PDF) gives a report without crops. A crop that cannot be rendered is replaced by a line
    ///     saying why.
    public static func render(
        subject: ReportSubject, findings: [Finding]? = nil, mismatches: [Mismatch]? = nil,
        evidence: EvidenceRenderer? = nil
    ) -> String {
        var crops = CropCache(renderer: evidence)
        let findingsView = findings.map { findings in
            Section(
                id: "findings", heading: "Findings", none: "No findings.",
                headers: ["#", "Severity", "Rule", "Page", "Table", "Row", "Column", "Printed", "Expected", "Message"],
                totals: totals(findings.map(\.severity.rawValue), noun: "finding"),
                kindLabel: "Rule",
                counts: counts(findings.map { ($0.rule, $0.severity.rawValue) }),
                rows: findings.enumerated().map { offset, finding in
                    ItemRow(
                        kind: "finding", number: offset + 1, severity: finding.severity.rawValue,
                        cells: [
                            .init(finding.severity.rawValue, "severity"), .init(finding.rule, "rule"),
                            .init(finding.page.map(String.init) ?? "", "page"), .init(finding.table ?? ""),
                            .init(finding.row ?? ""), .init(finding.col ?? ""),
                            .init(finding.printed ?? "", "amount"), .init(finding.expected ?? "", "amount"),
                        ],
                        message: finding.message, sentence: finding.sentence.flatMap { $0.isEmpty ? nil : $0 },
                        record: nil,
                        evidence: crops.view(
                            page: finding.page, box: finding.box,
                            what: finding.sentence == nil ? "cell" : "sentence",
                            shownAt: SameCrop(anchor: "finding-\(offset + 1)", label: "finding \(offset + 1)")))
                })
        }
        let mismatchesView = mismatches.map { mismatches in
            Section(
                id: "mismatches", heading: "Mismatches with the records", none: "No mismatches.",
                headers: ["#", "Kind", "Table", "Row", "Column", "Name", "Published", "Recorded", "Page", "Message"],
                totals: totals(mismatches.map(\.severity), noun: "mismatch"),
                kindLabel: "Kind",
                counts: counts(mismatches.map { ($0.kind.rawValue, $0.severity) }),
                rows: mismatches.enumerated().map { offset, mismatch in
                    ItemRow(
                        kind: "mismatch", number: offset + 1, severity: mismatch.severity,
                        cells: [
                            .init(mismatch.kind.rawValue, "kind"), .init(mismatch.table), .init(mismatch.row),
                            .init(mismatch.col), .init(mismatch.name ?? ""),
                            .init(amount(mismatch.published, unit: mismatch.publishedUnit), "amount"),
                            .init(amount(mismatch.recorded, unit: mismatch.recordedUnit), "amount"),
                            .init(mismatch.page.map(String.init) ?? "", "page"),
                        ],
                        message: mismatch.message, sentence: nil,
                        record: mismatch.recordSource.map { source in
                            mismatch.recordLine.map { "\(source):\($0)" } ?? source
                        },
                        evidence: crops.view(
                            page: mismatch.page, box: mismatch.box, what: "published figure",
                            shownAt: SameCrop(anchor: "mismatch-\(offset + 1)", label: "mismatch \(offset + 1)")))
                })
        }
        let title: String
        switch (findings, mismatches) {
        case (.some, .some): title = "Check and reconciliation report"
        case (nil, .some): title = "Reconciliation report"
        default: title = "Check report"
        }
        let view = PageView(
            title: title,
            subject: SubjectView(
                fileName: subject.fileName, sha256: subject.sha256 ?? "unknown (no PDF was read)",
                pages: subject.pages.map(String.init) ?? "unknown",
                department: subject.department ?? "unknown",
                year: subject.year.map(String.init) ?? "unknown"),
            evidenceNote: evidence == nil
                ? "No crops: this report was made without the PDF."
                : "Each finding or mismatch located on a page is followed by a crop of that page, the cell or sentence outlined in red.",
            findings: findingsView, mismatches: mismatchesView)
        return library.render(view, withTemplate: "page") ?? ""
    }

    /// The parsed templates (parsing constant strings cannot fail unless the templates are broken).
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        do {
            try library.register(HTMLTemplates.page, named: "page")
            try library.register(HTMLTemplates.items, named: "items")
            try library.register(HTMLTemplates.counts, named: "counts")
            try library.register(HTMLTemplates.evidence, named: "evidence")
        } catch {
            preconditionFailure("the HTML report templates do not parse: \(error)")
        }
        return library
    }()

    /// How many points of the page one CSS pixel shows: crops are displayed at 1.5 px per point
    /// (a 9 pt figure 13.5 px high) and rendered at the renderer's scale, sharper on high-density
    /// screens and in print.
    static let displayScale = 1.5

    // MARK: Helpers

    private static func totals(_ severities: [String], noun: String) -> String {
        let count = severities.count
        let plural = noun == "mismatch" ? "mismatches" : noun + "s"
        let parts = ["error", "warning", "info"].compactMap { severity -> String? in
            let n = severities.filter { $0 == severity }.count
            return n == 0 ? nil : "\(n) \(severity)"
        }
        return "\(count) \(count == 1 ? noun : plural)"
            + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", "))
    }

    private static func counts(_ items: [(kind: String, severity: String)]) -> [CountRow] {
        var order: [String] = []
        var byKind: [String: [String]] = [:]
        for item in items {
            if byKind[item.kind] == nil { order.append(item.kind) }
            byKind[item.kind, default: []].append(item.severity)
        }
        var rows = order.sorted().map { kind -> CountRow in
            let severities = byKind[kind] ?? []
            return CountRow(
                kind: kind, error: severities.filter { $0 == "error" }.count,
                warning: severities.filter { $0 == "warning" }.count,
                info: severities.filter { $0 == "info" }.count,
                total: severities.count)
        }
        rows.append(
            CountRow(
                kind: "all", error: rows.map(\.error).reduce(0, +),
                warning: rows.map(\.warning).reduce(0, +),
                info: rows.map(\.info).reduce(0, +), total: rows.map(\.total).reduce(0, +)))
        return rows
    }

    private static func amount(_ value: String?, unit: String?) -> String {
        guard let value else { return "" }
        return unit.map { "\(value) \($0)" } ?? value
    }

    /// Renders each distinct crop once, and embeds it once: a later finding or mismatch with the
    /// same page and box points to the first one's crop (keeps the page small when several claims
    /// share a sentence).
    private struct CropCache {
        let renderer: EvidenceRenderer?
        var done: [CropKey: (crop: CropView?, error: String?, shownAt: SameCrop)] = [:]

        struct CropKey: Hashable {
            var page: Int
            var box: Rect
        }

        mutating func view(
            page: Int?, box: Rect?, what: String, shownAt: SameCrop
        ) -> EvidenceView {
            guard let renderer, let page, let box else { return EvidenceView() }
            let key = CropKey(page: page, box: box)
            if let cached = done[key] {
                return cached.crop == nil
                    ? EvidenceView(cropError: cached.error) : EvidenceView(sameCrop: cached.shownAt)
            }
            let result: (crop: CropView?, error: String?)
            do {
                let crop = try renderer.crop(page: page, box: box)
                let png = Data(crop.pngData()).base64EncodedString()
                let points = { (value: Double) in CSVDocument.number((value * 10).rounded() / 10) }
                let rect = { (r: Rect) in [r.x0, r.y0, r.x1, r.y1].map(points).joined(separator: " ") }
                result = (
                    CropView(
                        png: png, page: page, region: rect(crop.region), box: rect(crop.box),
                        outline:
                            "\(crop.outline.x) \(crop.outline.y) \(crop.outline.width) \(crop.outline.height)",
                        displayWidth: Int(
                            (Double(crop.image.width) / crop.scale * HTMLReport.displayScale).rounded()),
                        displayHeight: Int(
                            (Double(crop.image.height) / crop.scale * HTMLReport.displayScale).rounded()),
                        caption: "Page \(page): the \(what) outlined in red (box \(rect(crop.box)) pt)"
                            + (crop.turn == .none ? "" : "; turned so that its text reads upright")),
                    nil
                )
            } catch {
                result = (nil, "page \(page) cannot be rendered: \(error)")
            }
            done[key] = (result.crop, result.error, shownAt)
            return EvidenceView(crop: result.crop, cropError: result.error)
        }
    }
}

// MARK: The view the templates see (swift-mustache reads stored properties by reflection)

private struct PageView {
    var title: String
    var subject: SubjectView
    var evidenceNote: String
    var findings: Section?
    var mismatches: Section?
}

private struct SubjectView {
    var fileName, sha256, pages, department, year: String
}

private struct Section {
    /// The section's anchor, its heading, and what it says when it has no rows.
    var id, heading, none: String
    var headers: [String]
    var totals, kindLabel: String
    var counts: [CountRow]
    var rows: [ItemRow]
    /// Stored, not computed: swift-mustache reads stored properties only.
    var hasRows: Bool

    init(
        id: String, heading: String, none: String, headers: [String], totals: String, kindLabel: String,
        counts: [CountRow], rows: [ItemRow]
    ) {
        (self.id, self.heading, self.none, self.headers) = (id, heading, none, headers)
        (self.totals, self.kindLabel, self.counts, self.rows) = (totals, kindLabel, counts, rows)
        self.hasRows = !rows.isEmpty
    }
}

private struct CountRow {
    var kind: String
    var error, warning, info, total: Int
}

/// One finding or mismatch: its number and severity, the cells between them and the message,
/// then its crop (both sections share one row template).
private struct ItemRow {
    /// `finding` or `mismatch`: the row's class and anchor prefix.
    var kind: String
    var number: Int
    var severity: String
    var cells: [CellView]
    var message: String
    var sentence: String?
    var record: String?
    var evidence: EvidenceView
}

private struct CellView {
    var text: String
    var cssClass: String?
    init(_ text: String, _ cssClass: String? = nil) {
        self.text = text
        self.cssClass = cssClass
    }
}

/// The crop shown under a row, a pointer to an earlier row's crop, or why there is none.
private struct EvidenceView {
    var crop: CropView?
    var cropError: String?
    var sameCrop: SameCrop?
}

/// A pointer to the row whose crop this row shares.
private struct SameCrop {
    var anchor: String
    var label: String
}

private struct CropView {
    var png: String
    var page: Int
    var region: String
    var box: String
    var outline: String
    var displayWidth: Int
    var displayHeight: Int
    var caption: String
}

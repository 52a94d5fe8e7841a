import Foundation
import Pipeline
import Reports
import TestSupport
import Testing

/// The HTML report as a browser sees it: headless Chromium loads the page, the page's own script
/// counts its rows and decoded images onto `<body>`, and `--dump-dom` hands them back.
@Suite("HTML report in a browser", .tags(.browser, .processes))
struct BrowserTests {
    /// Chromium, or a failure that says how to install it (never a skip).
    static func chromium() throws -> String {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            if let path = Command.which(name) { return path }
        }
        Issue.record("Chromium is not installed: run scripts/bootstrap debug test")
        throw BrowserMissing()
    }

    struct BrowserMissing: Error {}

    /// The attributes of the `<body>` element of the page at `file` once it has loaded.
    static func bodyAttributes(of file: URL) async throws -> [String: String] {
        let browser = try chromium()
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent(
            "juesuan-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        var arguments = [
            "--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile.path)",
            "--virtual-time-budget=10000", "--dump-dom", file.absoluteString,
        ]
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        let result = try await Command.run(browser, arguments)
        let dom = String(decoding: result.stdout, as: UTF8.self)
        guard let start = dom.range(of: "<body"), let end = dom[start.upperBound...].firstIndex(of: ">")
        else {
            Issue.record(
                "Chromium printed no <body> (status \(result.status)): \(String(decoding: result.stderr, as: UTF8.self).suffix(500))"
            )
            return [:]
        }
        var attributes: [String: String] = [:]
        let tag = String(dom[start.upperBound..<end])
        for part in tag.split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            attributes[String(pair[0])] = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return attributes
    }

    /// The HTML report of s01's check (as `check --format html` writes it): every finding a row, every crop an image that decodes, and
    /// the script allowed by the page's Content-Security-Policy has run.
    @Test func checkReportLoadsWithEveryRowAndImage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "juesuan-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let source = try Read.pdf(CheckOutputTests.s01)
        let findings = CheckPipeline.findings(source)
        try Data(HTMLReport.render(source, findings: findings).utf8).write(to: page)
        let located = findings.filter { $0.box != nil && $0.page != nil }
        // A crop shared by several findings (the same page and box) is embedded once.
        let distinctCrops = Set(located.map { "\($0.page ?? 0)|\(String(describing: $0.box))" })
        #expect(findings.count > 4 && !located.isEmpty)

        let body = try await Self.bodyAttributes(of: page)
        #expect(body["data-loaded"] == "1", "the report's script did not run: \(body)")
        #expect(body["data-finding-rows"] == String(findings.count))
        #expect(body["data-mismatch-rows"] == "0")
        #expect(located.count > distinctCrops.count)
        #expect(body["data-images"] == String(distinctCrops.count))
        #expect(body["data-images-decoded"] == String(distinctCrops.count))
    }

    /// A page whose script is not the one the policy allows does not run it: the browser check
    /// would notice a script and hash that disagree.
    @Test func aChangedScriptIsBlocked() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "juesuan-html-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let source = try Read.facts("checks/s01_education_2020.facts.csv")
        let html = HTMLReport.render(source, findings: CheckPipeline.findings(source))
        let tampered = html.replacingOccurrences(
            of: "body.setAttribute(\"data-loaded\", \"1\");",
            with: "body.setAttribute(\"data-loaded\", \"2\");")
        #expect(tampered != html)
        try Data(tampered.utf8).write(to: page)
        let body = try await Self.bodyAttributes(of: page)
        #expect(body["data-loaded"] == nil)
        // The untampered page runs it.
        try Data(html.utf8).write(to: page)
        let untouched = try await Self.bodyAttributes(of: page)
        #expect(untouched["data-loaded"] == "1")
        #expect(untouched["data-finding-rows"] == "4")
        #expect(untouched["data-images"] == "0")
    }
}

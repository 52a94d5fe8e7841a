import Foundation
import TestSupport
import Testing

@Suite("juesuan extract --format json", .tags(.processes))
struct ExtractJSONTests {
    private let schemaPath = URL(fileURLWithPath: Samples.root).deletingLastPathComponent()
        .appendingPathComponent("schemas/extract-report.schema.json").path

    @Test(arguments: ["Samples/tokenizer/s07_urban_2019_reportlab.pdf", "Samples/bad/rotated_page.pdf"])
    func outputFollowsTheSchema(file: String) async throws {
        let run = try await Run.juesuan("extract", file, "--format", "json")
        #expect(run.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
        let violations = try JSONSchema(path: schemaPath).violations(of: document)
        #expect(violations.isEmpty, "\(violations.prefix(5))")
        let object = document as? [String: Any]
        #expect((object?["tables"] as? [Any])?.count == 9)
        #expect(((object?["facts"] as? [Any])?.count ?? 0) > 100)
        #expect(((object?["sentences"] as? [Any])?.count ?? 0) > 20)
    }

    /// The validator is not a rubber stamp: a missing key, a wrong type and an extra key fail.
    @Test func brokenDocumentsFail() async throws {
        let run = try await Run.juesuan("extract", "Samples/bad/base.pdf", "--format", "json")
        var object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        let schema = try JSONSchema(path: schemaPath)
        #expect(schema.violations(of: object).isEmpty)
        object["year"] = "2022"
        object["surprise"] = true
        object.removeValue(forKey: "facts")
        let violations = schema.violations(of: object)
        #expect(violations.contains("$.year: expected integer or null, found a string"))
        #expect(violations.contains("$: unexpected property surprise"))
        #expect(violations.contains("$: missing facts"))
    }
}

import Foundation
import TestSupport
import Testing

/// Runs the built `juesuan` binary (as the timer or cron would).
private func juesuan(_ arguments: [String], environment: [String: String] = [:]) async throws -> (
    status: Int32, out: String, err: String
) {
    let run = try await Run.juesuan(arguments, environment: environment)
    return (run.status, run.stdout, run.stderr)
}

@Suite("juesuan scrape (the built binary)", .tags(.server, .processes))
struct ScrapeCLITests {
    @Test("A bad sources file: exit 2 and one error line naming the file")
    func badSourcesFile() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.base.appendingPathComponent("sources.yaml").path
        try Data("sources:\n  - name: a\n    index: not-a-url\n".utf8).write(
            to: URL(fileURLWithPath: file))
        let run = try await juesuan([
            "scrape", "--sources", file, "--archive", scratch.archive, "--db", scratch.database,
        ])
        #expect(run.status == 2)
        let lines = run.err.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: \(file): "), "\(run.err)")
        #expect(run.out.isEmpty)
        let missing = try await juesuan([
            "scrape", "--sources", file + ".missing", "--archive", scratch.archive, "--db",
            scratch.database,
        ])
        #expect(missing.status == 2 && missing.err.hasPrefix("error: \(file).missing: "))
        #expect(try scratch.strays().isEmpty)
    }

    @Test(
        "--process hands the new files to the batch command (test-only override) and passes on its findings"
    )
    func processWithOverride() async throws {
        let server = try await TestServer()
        let scratch = try Scratch()
        defer { scratch.remove() }
        await server.site.set(
            "/a.pdf",
            .file(body: pdf("A"), contentType: "application/pdf", etag: "\"a\"", lastModified: nil))
        let file = scratch.base.appendingPathComponent("sources.yaml").path
        let yaml =
            "\(fastPoliteness)\nsources:\n  - name: s\n    urls: [\(server.url("/a.pdf")), \(server.url("/gone.pdf"))]\n"
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: file))
        let record = scratch.base.appendingPathComponent("args.txt").path
        let script = try recordingScript(in: scratch.base, record: record, status: 1)
        let run = try await juesuan(
            [
                "scrape", "--sources", file, "--archive", scratch.archive, "--db", scratch.database,
                "--process",
            ],
            environment: ["JUESUAN_SCRAPE_BATCH_EXECUTABLE": script])
        #expect(run.status == 1, "\(run.err)")
        let fields = run.out.split(separator: "\n").first?.split(separator: "\t").map(String.init) ?? []
        #expect(
            fields.count == 4 && fields[0] == "new" && fields[1] == "s"
                && fields[2] == server.url("/a.pdf"))
        #expect(run.err.contains("failed: s \(server.url("/gone.pdf")): HTTP 404"), "\(run.err)")
        let handed = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(handed == ["batch", fields.last ?? "", "--db", scratch.database, "----"])
        await server.stop()
    }
}

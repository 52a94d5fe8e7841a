import Foundation
import TestSupport
import Testing

@testable import Scrape

/// A scratch folder: `parent/archive` is the archive, the database lives in a sibling folder, so
/// that `parent` must hold nothing but `archive` after any run.
struct Scratch {
    let base: URL
    var parent: URL { base.appendingPathComponent("parent") }
    var archive: String { parent.appendingPathComponent("archive").path }
    var database: String { base.appendingPathComponent("db/scrape.sqlite").path }

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scrape-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: base.appendingPathComponent("db"), withIntermediateDirectories: true)
    }

    /// Everything in `parent/` besides the archive: must stay empty.
    func strays() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0 != "archive" }
    }

    /// The stored objects (by SHA-256 file name).
    func objects() -> [String] {
        let root = archive + "/objects"
        let enumerator = FileManager.default.enumerator(atPath: root)
        var names: [String] = []
        while let item = enumerator?.nextObject() as? String {
            if item.hasSuffix(".pdf") { names.append(item) }
        }
        return names.sorted()
    }

    func remove() { try? FileManager.default.removeItem(at: base) }
}

func pdf(_ label: String) -> [UInt8] {
    Array("%PDF-1.4\n% \(label)\n1 0 obj <<>> endobj\n%%EOF\n".utf8)
}

func sources(_ yaml: String) throws -> [Source] { try SourcesFile.parse(yaml, file: "test.yaml") }

let fastPoliteness = """
    politeness:
      delay: 0
      concurrency: 4
      timeout: 20
      retries: 2
      backoff: 0.01
    """

/// A script that appends its arguments (one per line) to `record` and exits with `status`.
func recordingScript(in folder: URL, record: String, status: Int32) throws -> String {
    let path = folder.appendingPathComponent("fake-batch.sh").path
    let text =
        "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '\(record)'\necho ---- >> '\(record)'\nexit \(status)\n"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
    return path
}

@Suite("Scrape against a loopback site", .tags(.server, .processes))
struct ScrapeRunTests {
    /// A well-behaved site: an index page with PDFs (one published twice, one behind a same-host
    /// redirect, names with `../` and odd characters), plus a list source.
    func wellBehavedSite(_ server: TestServer) async {
        let site = server.site
        let index = """
            <html><head><title>决算公开</title></head><body><ul>
            <li><a href="a.pdf">2023年部门决算</a></li>
            <li><a href='b.pdf?download=1&amp;x=2'>2023年部门决算（重复发布）</a></li>
            <li><a href="moved.pdf">2022年部门决算</a></li>
            <li><a href="../../../../etc/passwd.pdf">evil</a></li>
            <li><a href="%2E%2E%2F%2E%2E%2Fescape.pdf">encoded</a></li>
            <li><a href="about.html">关于</a></li>
            </ul></body></html>
            """
        await site.set(
            "/site/index.html",
            .file(
                body: Array(index.utf8), contentType: "text/html; charset=utf-8", etag: "\"idx1\"",
                lastModified: nil))
        await site.set(
            "/site/a.pdf",
            .file(body: pdf("A v1"), contentType: "application/pdf", etag: "\"a1\"", lastModified: nil))
        await site.set(
            "/site/b.pdf",
            .file(
                body: pdf("A v1"), contentType: "application/octet-stream", etag: nil,
                lastModified: "Wed, 01 May 2024 10:00:00 GMT"))
        await site.set("/site/moved.pdf", .redirect(status: 302, location: "/site/c.pdf"))
        await site.set(
            "/site/c.pdf",
            .file(
                body: pdf("C"), contentType: "application/pdf", etag: "\"c1\"",
                lastModified: "Wed, 01 May 2024 10:00:00 GMT"))
        await site.set(
            "/etc/passwd.pdf",
            .file(
                body: pdf("evil"), contentType: "application/pdf", etag: "\"e1\"", lastModified: nil,
                disposition: "attachment; filename=\"../../../../tmp/escape.pdf\""))
        await site.set(
            "/site/%2E%2E%2F%2E%2E%2Fescape.pdf",
            .file(
                body: pdf("encoded"), contentType: "application/pdf", etag: "\"x1\"", lastModified: nil,
                disposition: "attachment; filename*=UTF-8''..%2F..%2F%E5%86%B3%E7%AE%97%0A.pdf"))
        await site.set(
            "/list/d.pdf",
            .file(body: pdf("D"), contentType: "application/pdf", etag: "\"d1\"", lastModified: nil))
    }

    func wellBehavedSources(_ server: TestServer) throws -> [Source] {
        try sources(
            """
            \(fastPoliteness)
            sources:
              - name: moe
                index: \(server.url("/site/index.html"))
                department: 教育部
                year_pattern: '(20[0-9]{2})年'
              - name: direct
                urls: [\(server.url("/list/d.pdf"))]
            """)
    }

    @Test(
        "A first run fetches each PDF once; a second sends only conditional requests; a change is fetched and processed"
    )
    func firstSecondAndChangedRuns() async throws {
        let server = try await TestServer()
        let scratch = try Scratch()
        defer { scratch.remove() }
        await wellBehavedSite(server)
        let list = try wellBehavedSources(server)
        let record = scratch.base.appendingPathComponent("batch-args.txt").path
        let script = try recordingScript(in: scratch.base, record: record, status: 0)
        let scraper = Scraper(
            sources: list, archivePath: scratch.archive, databasePath: scratch.database,
            batch: BatchRunner(executable: script, database: scratch.database))

        // First run: everything new.
        let first = try await scraper.run()
        #expect(first.failures.isEmpty, "\(first.failures)")
        #expect(first.exitCode == 0)
        // a, c (via moved), evil, encoded, d are distinct files; b repeats a.
        #expect(first.archived.count == 5)
        #expect(first.alreadyStored == 1)
        #expect(scratch.objects().count == 5)
        let seen = await server.site.requests
        let perPath = Dictionary(grouping: seen, by: \.path).mapValues(\.count)
        #expect(perPath.values.allSatisfy { $0 == 1 }, "\(perPath)")
        #expect(perPath["/site/about.html"] == nil)
        #expect(seen.allSatisfy { !$0.conditional })
        #expect(seen.count == 8)  // index, a, b, moved, c, passwd, encoded, d
        #expect(try scratch.strays().isEmpty)
        // Every archived name lies in names/SOURCE/ and resolves to an object.
        for file in first.archived {
            #expect(file.path.hasPrefix(scratch.archive + "/names/\(file.source)/"), "\(file.path)")
            let target = try FileManager.default.destinationOfSymbolicLink(atPath: file.path)
            #expect(target.hasPrefix("../../objects/"))
            #expect(FileManager.default.contents(atPath: file.path) != nil)
        }
        // The batch stage got the five new files once.
        let handed = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").map(
            String.init)
        #expect(handed.first == "batch")
        #expect(Set(handed.filter { $0.hasSuffix(".pdf") }) == Set(first.archived.map(\.path)))
        #expect(handed.suffix(3) == ["--db", scratch.database, "----"])

        // Provenance: the file published twice is stored once and linked twice.
        let store = try ProvenanceStore(path: scratch.database)
        let states = try await store.allStates()
        let aState = try #require(states.first { $0.url.hasSuffix("/site/a.pdf") })
        let bState = try #require(states.first { $0.url.contains("/site/b.pdf") })
        #expect(aState.sha256 == bState.sha256)
        #expect(try await store.linkCounts()[aState.sha256!] == 2)
        #expect(aState.etag == "\"a1\"" && aState.department == "教育部" && aState.year == 2023)
        #expect(bState.lastModified == "Wed, 01 May 2024 10:00:00 GMT" && bState.etag == nil)
        let cState = try #require(states.first { $0.url.hasSuffix("/site/moved.pdf") })
        #expect(cState.finalURL == server.url("/site/c.pdf") && cState.year == 2022)
        #expect(states.allSatisfy { $0.fetchedAt != nil && $0.status == 200 && $0.size != nil })

        // Second run: only conditional requests, all answered 304; nothing new, nothing processed.
        await server.site.clearLog()
        try Data().write(to: URL(fileURLWithPath: record))
        let second = try await scraper.run()
        #expect(second.exitCode == 0)
        #expect(second.archived.isEmpty && second.failures.isEmpty)
        #expect(second.notModified == 6)  // the six document URLs (the index is not a document)
        #expect(second.processed.isEmpty)
        let again = await server.site.requests
        #expect(!again.isEmpty)
        #expect(again.allSatisfy { $0.conditional }, "\(again.filter { !$0.conditional }.map(\.path))")
        #expect(Dictionary(grouping: again, by: \.path).values.allSatisfy { $0.count == 1 })
        #expect(try String(contentsOfFile: record, encoding: .utf8).isEmpty)

        // A changed file is fetched again and handed to processing (alone).
        await server.site.set(
            "/site/a.pdf",
            .file(body: pdf("A v2"), contentType: "application/pdf", etag: "\"a2\"", lastModified: nil))
        let third = try await scraper.run()
        #expect(third.exitCode == 0)
        #expect(third.archived.count == 1)
        let changed = try #require(third.archived.first)
        #expect(changed.changed && changed.url.hasSuffix("/site/a.pdf"))
        #expect(third.processed == [changed.path])
        #expect(scratch.objects().count == 6)
        let handedAgain = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n")
            .map(String.init)
        #expect(handedAgain == ["batch", changed.path, "--db", scratch.database, "----"])
        #expect(try scratch.strays().isEmpty)
        await server.stop()
    }

    @Test("Every misbehaviour ends as a listed failure, and nothing lands outside the archive")
    func misbehaviours() async throws {
        let server = try await TestServer()
        let otherHost = "http://localhost:\(server.port)/site/ok.pdf"
        let scratch = try Scratch()
        defer { scratch.remove() }
        let site = server.site
        let ok = Page.file(
            body: pdf("ok"), contentType: "application/pdf", etag: "\"ok\"", lastModified: nil)
        await site.set("/site/ok.pdf", ok)
        await site.set("/site/flaky.pdf", .flaky(failures: 1, page: Box(ok)))
        let busy = Page.file(body: pdf("busy"), contentType: "application/pdf", etag: "\"b\"", lastModified: nil)
        await site.set("/site/busy.pdf", .flaky(failures: 1, status: 429, page: Box(busy)))
        await site.set("/site/down.pdf", .status(503))
        await site.set("/site/slow.pdf", .slow(milliseconds: 2000, page: Box(ok)))
        await site.set(
            "/site/big.pdf",
            .file(
                body: pdf("big") + [UInt8](repeating: 0x20, count: 5000), contentType: "application/pdf",
                etag: nil, lastModified: nil))
        await site.set("/site/big-stream.pdf", .stream(bytes: 5000))
        await site.set(
            "/site/fake.pdf",
            .file(
                body: Array("<!DOCTYPE html><html>not found</html>".utf8), contentType: "application/pdf",
                etag: nil, lastModified: nil))
        await site.set("/site/away.pdf", .redirect(status: 302, location: otherHost))
        let list = try sources(
            """
            sources:
              - name: bad
                urls:
                  - \(server.url("/site/flaky.pdf"))
                  - \(server.url("/site/busy.pdf"))
                  - \(server.url("/site/down.pdf"))
                  - \(server.url("/site/big.pdf"))
                  - \(server.url("/site/big-stream.pdf"))
                  - \(server.url("/site/fake.pdf"))
                  - \(server.url("/site/away.pdf"))
                  - \(server.url("/site/missing.pdf"))
                politeness: {delay: 0, concurrency: 8, timeout: 20, retries: 1, backoff: 0.01, max_bytes: 2000}
              # Its own source, so that only this one has a short timeout (the others must not time out on a busy machine).
              - name: slow
                urls: [\(server.url("/site/slow.pdf"))]
                politeness: {delay: 0, timeout: 0.3, retries: 1, backoff: 0.01}
            """)
        let report = try await Scraper(
            sources: list, archivePath: scratch.archive, databasePath: scratch.database
        ).run()
        #expect(report.exitCode == 1)
        let failures = Dictionary(
            uniqueKeysWithValues: report.failures.map { ($0.url.split(separator: "/").last!, $0.message) }
        )
        #expect(report.archived.map { $0.url } == [server.url("/site/busy.pdf"), server.url("/site/flaky.pdf")])
        #expect(failures.count == 7, "\(failures)")
        #expect(
            failures["down.pdf"]?.contains("HTTP 503") == true
                && failures["down.pdf"]?.contains("2 attempts") == true)
        #expect(failures["slow.pdf"]?.contains("timed out") == true, "\(failures["slow.pdf"] ?? "")")
        #expect(failures["big.pdf"]?.contains("larger than max_bytes") == true)
        #expect(failures["big-stream.pdf"]?.contains("larger than max_bytes") == true)
        #expect(failures["fake.pdf"]?.contains("not a PDF") == true)
        #expect(failures["away.pdf"]?.contains("not one of the source's hosts") == true)
        #expect(failures["missing.pdf"]?.contains("HTTP 404") == true)
        let requests = await site.requests
        #expect(requests.filter { $0.path == "/site/flaky.pdf" }.count == 2)
        #expect(requests.filter { $0.path == "/site/busy.pdf" }.count == 2)
        #expect(requests.filter { $0.path == "/site/down.pdf" }.count == 2)
        #expect(
            requests.allSatisfy { $0.host.hasPrefix("127.0.0.1") },
            "the redirect to localhost was followed")
        #expect(scratch.objects().count == 2)
        #expect(try scratch.strays().isEmpty)
        let tmp = try FileManager.default.contentsOfDirectory(atPath: scratch.archive + "/.tmp")
        #expect(tmp.isEmpty)
        let states = try await ProvenanceStore(path: scratch.database).allStates()
        #expect(states.filter { $0.outcome == "failed" }.count == 7)
        #expect(states.first { $0.url.hasSuffix("down.pdf") }?.status == 503)
        await server.stop()
    }

    @Test("Two runs at once on one archive: each file is fetched unconditionally once")
    func concurrentRuns() async throws {
        let server = try await TestServer()
        let scratch = try Scratch()
        defer { scratch.remove() }
        await wellBehavedSite(server)
        let list = try wellBehavedSources(server)
        // A partial download left by a killed run is cleared by the next run.
        try FileManager.default.createDirectory(atPath: scratch.archive + "/.tmp", withIntermediateDirectories: true)
        try Data("%PDF-partial".utf8).write(to: URL(fileURLWithPath: scratch.archive + "/.tmp/dead.1.part"))
        let scraper = Scraper(sources: list, archivePath: scratch.archive, databasePath: scratch.database)
        async let one = scraper.run()
        async let two = scraper.run()
        let reports = try await [one, two]
        #expect(reports.map(\.archived.count).sorted() == [0, 5])
        #expect(reports.allSatisfy { $0.exitCode == 0 })
        let unconditional = await server.site.requests.filter { !$0.conditional }
        #expect(unconditional.count == 8)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.archive + "/.tmp").isEmpty)
        await server.stop()
    }

    @Test("A held lock stops a run that will not wait")
    func lockHeld() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let archive = try Archive(path: scratch.archive)
        let lock = try await archive.lock(timeout: .zero)
        let list = try sources("sources:\n  - name: x\n    urls: [http://127.0.0.1:9/a.pdf]\n")
        await #expect(throws: ScrapeError.self) {
            _ = try await Scraper(
                sources: list, archivePath: scratch.archive, databasePath: scratch.database,
                lockTimeout: .zero
            ).run()
        }
        lock.release()
        let again = try await archive.lock(timeout: .zero)
        again.release()
    }

    @Test("Batch exit statuses: 1 is findings (processed), 2 leaves files pending for the next run")
    func batchStatuses() async throws {
        let server = try await TestServer()
        let scratch = try Scratch()
        defer { scratch.remove() }
        await server.site.set(
            "/list/d.pdf",
            .file(body: pdf("D"), contentType: "application/pdf", etag: "\"d1\"", lastModified: nil))
        let list = try sources(
            "\(fastPoliteness)\nsources:\n  - name: direct\n    urls: [\(server.url("/list/d.pdf"))]\n")
        let record = scratch.base.appendingPathComponent("args.txt").path
        let failing = try recordingScript(in: scratch.base, record: record, status: 2)
        let first = try await Scraper(
            sources: list, archivePath: scratch.archive, databasePath: scratch.database,
            batch: BatchRunner(executable: failing, database: scratch.database)
        ).run()
        #expect(first.exitCode == 1 && first.batchFailures.count == 1 && first.processed.isEmpty)
        let findings = try recordingScript(in: scratch.base, record: record, status: 1)
        let second = try await Scraper(
            sources: list, archivePath: scratch.archive, databasePath: scratch.database,
            batch: BatchRunner(executable: findings, database: scratch.database)
        ).run()
        // Nothing new was fetched, but the pending file is handed over again.
        #expect(second.archived.isEmpty && second.processed.count == 1)
        #expect(second.batchFindings && second.exitCode == 1)
        let third = try await Scraper(
            sources: list, archivePath: scratch.archive, databasePath: scratch.database,
            batch: BatchRunner(executable: findings, database: scratch.database)
        ).run()
        #expect(third.processed.isEmpty && third.exitCode == 0)
        let missing = try await Scraper(
            sources: list, archivePath: scratch.archive, databasePath: scratch.database,
            batch: BatchRunner(executable: "/nonexistent/juesuan", database: scratch.database)
        ).run()
        #expect(missing.exitCode == 0, "no pending files, so the batch command is not run")
        await server.stop()
    }
}

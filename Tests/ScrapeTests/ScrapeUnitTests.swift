import Basics
import Foundation
import Testing

@testable import Scrape

@Suite("Scrape building blocks")
struct ScrapeUnitTests {
    @Test("SHA-256 matches the standard vectors")
    func sha256() {
        #expect(
            Checksum.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Checksum.sha256Hex(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            Checksum.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            Checksum.sha256Hex([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("A file's SHA-256, read in chunks, equals the SHA-256 of its bytes")
    func sha256OfAFile() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/juesuan-sha-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // 1,000,000 × "a" (the standard vector, 15 chunks and a part) and sizes around a chunk.
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        try Data(million).write(to: URL(fileURLWithPath: folder + "/million"))
        let digest = try #require(Checksum.sha256Hex(fileAtPath: folder + "/million"))
        #expect(digest.hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        #expect(digest.size == 1_000_000)
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 65_535, 65_536, 65_537, 200_001] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let path = folder + "/\(count)"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let file = try #require(Checksum.sha256Hex(fileAtPath: path))
            #expect(file.hex == Checksum.sha256Hex(bytes) && file.size == Int64(count), "\(count) bytes")
        }
        #expect(Checksum.sha256Hex(fileAtPath: folder + "/missing") == nil)
        #expect(Checksum.sha256Hex(fileAtPath: folder) == nil)
    }

    @Test(
        "Names from URLs and Content-Disposition stay one harmless path component",
        arguments: [
            ("http://h/a/b/report.pdf", nil, "report"),
            ("http://h/a/%E5%86%B3%E7%AE%97.PDF?x=1", nil, "决算"),
            ("http://h/../../etc/passwd", nil, "passwd"),
            ("http://h/a/..%2F..%2Fevil.pdf", nil, "evil"),
            ("http://h/a/%2Fetc%2Fshadow", nil, "shadow"),
            ("http://h/a/..", nil, "document"),
            ("http://h/", nil, "document"),
            ("http://h/x.pdf", "attachment; filename=\"../../../tmp/x y;z.pdf\"", "x_y_z"),
            ("http://h/x.pdf", "attachment; filename=/etc/passwd", "passwd"),
            (
                "http://h/x.pdf",
                "attachment; filename=\"a.pdf\"; filename*=UTF-8''..%2F%E6%8A%A5%E5%91%8A%00.pdf", "报告"
            ),
            ("http://h/x.pdf", "inline; filename=\"..\\\\..\\\\win.pdf\"", "win"),
            ("http://h/.hidden.pdf", nil, "hidden"),
            ("http://h/a%0A%0Db%09c.pdf", nil, "a__b_c"),
        ] as [(String, String?, String)])
    func names(url: String, disposition: String?, stem: String) {
        let name = SafeName.fileName(url: url, contentDisposition: disposition)
        #expect(name.hasPrefix(stem + "~"), "\(name)")
        #expect(name.hasSuffix(".pdf"))
        #expect(!name.contains("/") && !name.contains("\\") && !name.hasPrefix("."))
        #expect(name.unicodeScalars.allSatisfy { $0.value > 0x1f })
    }

    @Test("Different URLs with the same file name get different names; long names are cut")
    func distinctNames() {
        let a = SafeName.fileName(url: "http://h/2020/report.pdf", contentDisposition: nil)
        let b = SafeName.fileName(url: "http://h/2021/report.pdf", contentDisposition: nil)
        #expect(a != b)
        let long = SafeName.fileName(
            url: "http://h/" + String(repeating: "长", count: 500) + ".pdf", contentDisposition: nil)
        #expect(long.count <= SafeName.maxStem + 14)
    }

    @Test("The archive refuses paths outside its root")
    func archiveBounds() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scrape-unit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let archive = try Archive(path: base.appendingPathComponent("archive").path)
        #expect(throws: ArchiveError.self) {
            try archive.link("names/../../outside.pdf", to: String(repeating: "a", count: 64))
        }
        #expect(throws: ArchiveError.self) {
            try archive.link("../outside.pdf", to: String(repeating: "a", count: 64))
        }
        #expect(throws: ArchiveError.self) { try archive.storeObject([1], sha256: "../../x") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["archive"])
    }

    @Test("The same PDF linked under several names at once: every link lands")
    func concurrentLinks() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scrape-unit-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let archive = try Archive(path: base.appendingPathComponent("archive").path)
        let sha256 = String(repeating: "b", count: 64)
        _ = try archive.storeObject([1, 2, 3], sha256: sha256)
        let names = (0..<64).map { Archive.namePath(source: "s", fileName: "n\($0 % 8).pdf") }
        let failures = await withTaskGroup(of: String?.self) { group in
            for name in names {
                group.addTask {
                    do {
                        try archive.link(name, to: sha256)
                        return nil
                    } catch {
                        return String(describing: error)
                    }
                }
            }
            return await group.reduce(into: [String]()) { if let failure = $1 { $0.append(failure) } }
        }
        #expect(failures.isEmpty)
        for index in 0..<8 {
            let path = base.path + "/archive/names/s/n\(index).pdf"
            #expect(FileManager.default.contents(atPath: path) == Data([1, 2, 3]))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path + "/archive/.tmp").isEmpty)
    }

    @Test("Links: relative, quoted, unquoted, entities, <base>, duplicates and non-http schemes")
    func links() {
        let html = """
            <html><head><BASE HREF="http://site.example/reports/"></head><body>
            <a class=x href="2023/a.pdf">2023年 <b>部门决算</b></a>
            <A HREF='../b.pdf?x=1&amp;y=2'>B</A>
            <a href=c.pdf>C</a>
            <a href="2023/a.pdf">again</a>
            <a href="mailto:x@y">mail</a><a href="javascript:void(0)">js</a>
            <abbr href="no.pdf">not a link</abbr>
            <a data-href="no.pdf" href="/d.pdf">D&#x51b3;&#31639;</a>
            </body></html>
            """
        let links = Links.extract(html: html, base: "http://site.example/index.html")
        #expect(
            links.map(\.url) == [
                "http://site.example/reports/2023/a.pdf", "http://site.example/b.pdf?x=1&y=2",
                "http://site.example/reports/c.pdf", "http://site.example/d.pdf",
            ])
        #expect(links.first?.text == "2023年 部门决算")
        #expect(links.last?.text == "D决算")
    }

    @Test("PDF magic bytes and year patterns")
    func magicAndYear() {
        #expect(Bytes.hasPDFHeader(Array("%PDF-1.7\n".utf8)))
        #expect(Bytes.hasPDFHeader(Array("\r\n%PDF-1.4".utf8)))
        #expect(!Bytes.hasPDFHeader(Array("<!DOCTYPE html>".utf8)))
        #expect(!Bytes.hasPDFHeader([]))
        #expect(Work.year(pattern: "(20[0-9]{2})年", in: ["http://h/x.pdf", "2021年决算"]) == 2021)
        #expect(Work.year(pattern: "(20[0-9]{2})", in: ["http://h/3020.pdf"]) == nil)
    }

    @Test("A good sources file: defaults, overrides, hosts")
    func goodSources() throws {
        let list = try SourcesFile.parse(
            """
            politeness: {delay: 0.5, concurrency: 1, timeout: 20, max_bytes: 1000000, retries: 2, backoff: 1}
            sources:
              - name: moe
                index: https://www.moe.gov.cn/jyb_sjzl/bmjs/
                link_pattern: '决算.*\\.pdf$'
                department: 教育部
                year_pattern: '(20\\d\\d)'
                hosts: [files.moe.gov.cn]
                politeness: {delay: 3}
              - name: list-1
                urls: [http://a.example/x.pdf, https://b.example/y.pdf]
            """, file: "s.yaml")
        #expect(list.count == 2)
        #expect(list[0].hosts == ["www.moe.gov.cn", "files.moe.gov.cn"])
        #expect(list[0].politeness.delay == .seconds(3) && list[0].politeness.concurrency == 1)
        #expect(
            list[1].politeness.delay == .milliseconds(500) && list[1].politeness.maxBytes == 1_000_000)
        #expect(list[1].hosts == ["a.example", "b.example"])
        if case .index(_, let pattern) = list[0].kind {
            #expect(pattern == "决算.*\\.pdf$")
        } else {
            Issue.record("not an index")
        }
    }

    @Test(
        "A bad sources file gives one message naming the file and the problem",
        arguments: [
            ("", "`sources:`"),
            ("sources: []", "non-empty list"),
            ("sources: [[", "not valid YAML"),
            ("- a\n- b", "mapping"),
            ("sources:\n  - name: a\n    index: ftp://x/y", "http(s) URL"),
            ("sources:\n  - index: http://x/", "`name:`"),
            ("sources:\n  - name: ../up\n    index: http://x/", "`name:`"),
            ("sources:\n  - name: a\n    index: http://x/\n    link_pattern: '('", "regular expression"),
            ("sources:\n  - name: a\n    index: http://x/\n    urls: [http://x/a.pdf]", "both"),
            ("sources:\n  - name: a", "either"),
            (
                "sources:\n  - name: a\n    urls: [http://x/a.pdf]\n  - name: a\n    urls: [http://x/b.pdf]",
                "twice"
            ),
            (
                "sources:\n  - name: a\n    urls: [http://x/a.pdf]\n    politness: {}",
                "unknown key `politness:`"
            ),
            (
                "sources:\n  - name: a\n    urls: [http://x/a.pdf]\n    politeness: {timeout: 0}", "timeout"
            ),
            (
                "sources:\n  - name: a\n    urls: [http://x/a.pdf]\n    politeness: {concurrency: many}",
                "concurrency"
            ),
        ])
    func badSources(text: String, problem: String) {
        do {
            _ = try SourcesFile.parse(text, file: "bad.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.message.hasPrefix("bad.yaml: "), "\(error.message)")
            #expect(error.message.contains(problem), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
    }

    @Test("The scrape tables coexist with another migrator's tables in the same database")
    func coexistingMigrations() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent(
            "scrape-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        let path = base.appendingPathComponent("db.sqlite").path
        try OtherStore.prepare(path: path)
        let store = try ProvenanceStore(path: path)
        try await store.save(URLState(source: "s", url: "http://x/a.pdf", kind: "pdf", outcome: "new"))
        try OtherStore.prepare(path: path)  // the other migrator still runs over a database with scrape-* migrations
        let reopened = try ProvenanceStore(path: path)
        #expect(try await reopened.allStates().map(\.url) == ["http://x/a.pdf"])
        #expect(try OtherStore.tableCount(path: path) == 1)
    }
}

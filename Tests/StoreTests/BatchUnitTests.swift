import Batch
import Foundation
import Store
import Testing

@Suite struct WorkerProcessTests {
    @Test func crashIsASignal() async {
        let exit = await WorkerProcess.run(
            executable: "/bin/sh", arguments: ["-c", "kill -SEGV $$"], timeout: .seconds(30))
        #expect(exit == .signalled(11))
    }

    @Test func hangIsATimeout() async {
        let exit = await WorkerProcess.run(
            executable: "/bin/sh", arguments: ["-c", "exec sleep 30"], timeout: .milliseconds(300))
        #expect(exit == .timedOut)
    }

    @Test func exitStatusAndStandardError() async throws {
        let errors = FileManager.default.temporaryDirectory.path + "/juesuan-worker-\(UUID().uuidString).err"
        let exit = await WorkerProcess.run(
            executable: "/bin/sh", arguments: ["-c", "echo first >&2; echo last words >&2; exit 3"],
            timeout: .seconds(30), standardError: errors)
        #expect(exit == .exited(3))
        #expect(
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: errors)), as: UTF8.self) == "first\nlast words\n"
        )
    }

    @Test func missingExecutableIsNotStarted() async {
        let exit = await WorkerProcess.run(executable: "/nonexistent/juesuan", arguments: [], timeout: .seconds(5))
        guard case .notStarted = exit else {
            Issue.record("expected notStarted, got \(exit)")
            return
        }
    }
}

@Suite struct InputsTests {
    @Test func walksFoldersForPDFsSortedAndTakesNamedFiles() throws {
        let folder = FileManager.default.temporaryDirectory.path + "/juesuan-inputs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/sub/deeper", withIntermediateDirectories: true)
        for name in ["b.pdf", "a.PDF", "notes.txt", "sub/c.pdf", "sub/deeper/d.pdf", "sub/x.csv"] {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8))
        }
        let found = try Inputs.pdfs(in: [folder, folder + "/notes.txt"])
        #expect(
            found == ["a.PDF", "b.pdf", "sub/c.pdf", "sub/deeper/d.pdf", "notes.txt"].map { folder + "/" + $0 })
        #expect(throws: BatchError.self) { try Inputs.pdfs(in: [folder + "/missing"]) }
    }
}

/// Collects what a progress display writes.
final class Lines {
    var text = ""
}

@Suite struct BatchProgressTests {
    func result(_ path: String, _ status: DocumentStatus, pages: Int?) -> DocumentResult {
        DocumentResult(identity: DocumentIdentity(sha256: "x", path: path, size: 1, pages: pages), status: status)
    }

    @Test func plainLinesAndSummary() {
        let lines = Lines()
        var progress = BatchProgress(total: 4, bar: false) { lines.text += $0 }
        progress.record(.stored(result("a.pdf", .processed, pages: 20), seconds: 1.256, detail: nil))
        progress.record(
            .stored(result("b.pdf", .failed(reason: "crashed: signal 11"), pages: nil), seconds: 0.2, detail: "boom"))
        progress.record(.skipped(path: "c.pdf", failed: false, errors: 0, mismatches: 0))
        progress.record(.duplicate(path: "d.pdf", of: "a.pdf"))
        progress.finish()
        let text = lines.text
        #expect(text.contains("[1/4] ok      a.pdf: 20 pages, 0 facts, 0 errors, 0 mismatches (1.26 s)\n"))
        #expect(text.contains("[2/4] failed  b.pdf: crashed: signal 11 (0.20 s): boom\n"))
        #expect(text.contains("[3/4] skipped c.pdf: already stored\n"))
        #expect(text.contains("[4/4] skipped d.pdf: the same file as a.pdf\n"))
        #expect(
            text.contains(
                "batch: 4 documents: 1 processed, 1 already stored, 1 duplicate, 1 failed (crashed: signal 11: 1)\n"))
        #expect(!text.contains("\u{1B}"))
        #expect(progress.hasFindings)
    }

    @Test func barRedrawsInPlaceAndStaysQuietWithoutFindings() {
        let lines = Lines()
        var progress = BatchProgress(total: 2, bar: true) { lines.text += $0 }
        progress.record(.stored(result("a.pdf", .processed, pages: 20), seconds: 1, detail: nil))
        progress.record(.stored(result("b.pdf", .processed, pages: 22), seconds: 1, detail: nil))
        #expect(lines.text.hasPrefix("\r\u{1B}[K["))
        #expect(lines.text.contains("2/2 docs"))
        #expect(lines.text.contains("pages/s"))
        #expect(!lines.text.contains("ok      a.pdf"))
        #expect(!progress.hasFindings)
    }
}

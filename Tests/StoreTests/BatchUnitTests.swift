import Batch
import Foundation
import Store
import Testing

/// A pool whose workers are `/bin/sh -c SCRIPT`, with its own scratch folder.
func shellPool(_ script: String, size: Int = 1, documentsPerWorker: Int = 200) throws -> WorkerPool {
    let scratch = FileManager.default.temporaryDirectory.path + "/juesuan-pool-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    return WorkerPool(
        command: WorkerCommand(executable: "/bin/sh", arguments: ["-c", script]), size: size,
        documentsPerWorker: documentsPerWorker, scratchFolder: scratch)
}

/// A request whose file is `name`.
func request(_ name: String) -> WorkerRequest {
    WorkerRequest(file: "/nowhere/" + name, output: "/nowhere/" + name + ".json")
}

/// Answers every request line with `{}` (a result written) or, for a file named `bad.pdf`, an error.
let echoServer =
    #"while read line; do case "$line" in *bad.pdf*) echo '{"error":"no good"}';; *) echo '{}';; esac; done"#

@Suite(.tags(.processes)) struct WorkerPoolTests {
    @Test func oneWorkerServesManyDocuments() async throws {
        let pool = try shellPool(echoServer)
        for name in ["a.pdf", "b.pdf", "bad.pdf", "c.pdf"] {
            let (outcome, _) = await pool.process(request(name), timeout: .seconds(30))
            let expected = WorkerAnswer(error: name == "bad.pdf" ? "no good" : nil)
            #expect(outcome == .answered(expected), "\(name)")
        }
        #expect(pool.launches == 1)
        await pool.shutdown()
    }

    @Test func workersAreReplacedAfterTheirQuota() async throws {
        let pool = try shellPool(echoServer, documentsPerWorker: 2)
        for name in ["a.pdf", "b.pdf", "c.pdf", "d.pdf", "e.pdf"] {
            #expect(await pool.process(request(name), timeout: .seconds(30)).outcome == .answered(WorkerAnswer()))
        }
        #expect(pool.launches == 3)
        await pool.shutdown()
    }

    @Test func aCrashEndsOneDocumentAndTheNextGetsAFreshWorker() async throws {
        let script =
            #"while read line; do case "$line" in *crash.pdf*) echo dying >&2; kill -SEGV $$;; *) echo '{}';; esac; done"#
        let pool = try shellPool(script)
        #expect(await pool.process(request("a.pdf"), timeout: .seconds(30)).outcome == .answered(WorkerAnswer()))
        let (crash, detail) = await pool.process(request("crash.pdf"), timeout: .seconds(30))
        #expect(crash == .signalled(11))
        #expect(detail == "dying")
        #expect(await pool.process(request("b.pdf"), timeout: .seconds(30)).outcome == .answered(WorkerAnswer()))
        #expect(pool.launches == 2)
        await pool.shutdown()
    }

    /// `exec sleep`: the worker itself hangs. `sleep` without `exec`: the shell waits for a child
    /// of its own, which keeps the worker's sockets (and Foundation's status socket) open after the
    /// shell is killed, and the pool must not wait for it.
    @Test(arguments: ["exec sleep 30", "sleep 60"])
    func aHangIsATimeoutAndTheNextDocumentGetsAFreshWorker(hang: String) async throws {
        let script = #"while read line; do case "$line" in *hang.pdf*) "# + hang + #";; *) echo '{}';; esac; done"#
        let pool = try shellPool(script)
        let start = ContinuousClock.now
        #expect(await pool.process(request("hang.pdf"), timeout: .milliseconds(300)).outcome == .timedOut)
        #expect(start.duration(to: .now) < .seconds(25))
        #expect(await pool.process(request("a.pdf"), timeout: .seconds(30)).outcome == .answered(WorkerAnswer()))
        #expect(pool.launches == 2)
        await pool.shutdown()
    }

    /// With `leaving: true` the worker first starts a child of its own that outlives it and holds
    /// Foundation's status socket, so Foundation does not see the worker end (as when another
    /// thread starts a process at the moment the worker is started): the pool must see the end
    /// all the same, with the worker's own status.
    @Test(arguments: [false, true])
    func exitWithoutAnAnswerKeepsStatusAndLastErrorLine(leaving: Bool) async throws {
        let child = leaving ? "sleep 30 </dev/null >/dev/null 2>&1 & " : ""
        let pool = try shellPool(child + "read line; echo first >&2; echo last words >&2; exit 3")
        let (outcome, detail) = await pool.process(request("a.pdf"), timeout: .seconds(30))
        #expect(outcome == .exited(3))
        #expect(detail == "last words")
        await pool.shutdown()
    }

    /// The worker answers one request, then exits: the second request finds it gone and goes to a
    /// new one, also when the worker left a child holding Foundation's status socket.
    @Test(arguments: [false, true])
    func aWorkerThatEndedWhileIdleIsReplacedWithoutLosingTheDocument(leaving: Bool) async throws {
        let child = leaving ? "sleep 30 </dev/null >/dev/null 2>&1 & " : ""
        let pool = try shellPool(child + #"read line; echo '{}'; exit 0"#)
        #expect(await pool.process(request("a.pdf"), timeout: .seconds(30)).outcome == .answered(WorkerAnswer()))
        try await Task.sleep(for: .milliseconds(200))
        let second = await pool.process(request("b.pdf"), timeout: .seconds(30)).outcome
        // The exit may be seen before the request is written (a new worker answers) or after (the
        // request was taken by a worker that then ended without answering).
        #expect(second == .answered(WorkerAnswer()) || second == .exited(0))
        await pool.shutdown()
    }

    @Test func concurrentRequestsUseEverySlot() async throws {
        let pool = try shellPool(echoServer, size: 2)
        await withTaskGroup(of: WorkerOutcome.self) { group in
            for index in 0..<8 {
                group.addTask { await pool.process(request("\(index).pdf"), timeout: .seconds(30)).outcome }
            }
            for await outcome in group { #expect(outcome == .answered(WorkerAnswer())) }
        }
        #expect(pool.launches <= 2)
        await pool.shutdown()
    }

    @Test func missingExecutableIsNotStarted() async throws {
        let scratch = FileManager.default.temporaryDirectory.path + "/juesuan-pool-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let pool = WorkerPool(
            command: WorkerCommand(executable: "/nonexistent/juesuan", arguments: []), size: 1, scratchFolder: scratch)
        guard case .notStarted = await pool.process(request("a.pdf"), timeout: .seconds(5)).outcome else {
            Issue.record("expected notStarted")
            return
        }
        await pool.shutdown()
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
    func result(_ path: String, _ status: DocumentStatus, pages: Int?) -> DocumentSummary {
        DocumentSummary(
            DocumentResult(identity: DocumentIdentity(sha256: "x", path: path, size: 1, pages: pages), status: status))
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

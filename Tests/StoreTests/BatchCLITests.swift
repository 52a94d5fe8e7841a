import Foundation
import ReportModel
import TestSupport
import Testing

/// A temporary folder holding copies of some `Samples/bad` files under chosen names.
func folder(with files: [String: String]) throws -> String {
    let folder = FileManager.default.temporaryDirectory.path + "/juesuan-batch-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder + "/pdfs", withIntermediateDirectories: true)
    for (name, sample) in files {
        try FileManager.default.copyItem(atPath: Samples.path("bad/" + sample), toPath: folder + "/pdfs/" + name)
    }
    return folder
}

/// CSV records of an export (BOM dropped), header first.
func exported(_ db: String, _ what: String, _ filters: [String] = []) async throws -> [[String]] {
    let run = try await Run.juesuan(["export", "--db", db, "--what", what] + filters.flatMap { ["--where", $0] })
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.hasPrefix("\u{FEFF}"))
    return FactsCSV.parseRecords(String(run.stdout.dropFirst()))
}

/// `path → (status, reason)` of the stored documents, by file name.
func reasons(_ db: String) async throws -> [String: String] {
    let rows = try await exported(db, "documents")
    let header = rows[0]
    let path = header.firstIndex(of: "path")!
    let status = header.firstIndex(of: "status")!
    let reason = header.firstIndex(of: "reason")!
    var result: [String: String] = [:]
    for row in rows.dropFirst() {
        result[URL(fileURLWithPath: row[path]).lastPathComponent] = row[status] == "failed" ? row[reason] : "processed"
    }
    return result
}

@Suite(.tags(.processes)) struct BatchCLITests {
    @Test func everyBadFileIsRecordedWithItsReasonAndARerunAddsNothing() async throws {
        let names = ["base", "empty", "encrypted", "not_a_pdf", "rotated_page", "scanned", "truncated"]
        let work = try folder(with: Dictionary(uniqueKeysWithValues: names.map { ($0 + ".pdf", $0 + ".pdf") }))
        let db = work + "/store.sqlite"
        let first = try await Run.juesuan(["batch", work + "/pdfs", "--db", db, "--jobs", "2"])
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stderr.contains("7 documents: 2 processed, 5 failed"))
        #expect(
            try await reasons(db) == [
                "base.pdf": "processed", "rotated_page.pdf": "processed", "empty.pdf": "empty file",
                "encrypted.pdf": "encrypted", "not_a_pdf.pdf": "not a PDF", "scanned.pdf": "no text layer",
                "truncated.pdf": "truncated",
            ])
        let facts = try await exported(db, "facts")
        #expect(facts.count > 300)
        let again = try await Run.juesuan(["batch", work + "/pdfs", "--db", db])
        #expect(again.status == 1)
        #expect(again.stderr.contains("7 documents: 0 processed, 7 already stored"))
        #expect(try await exported(db, "facts") == facts)
        #expect(try await exported(db, "documents").count == 8)
    }

    @Test func crashAndHangAreRecordedAndTheBatchGoesOn() async throws {
        let work = try folder(with: [
            "crash.pdf": "base.pdf", "hang.pdf": "rotated_page.pdf", "fine.pdf": "encrypted.pdf",
        ])
        let db = work + "/store.sqlite"
        let run = try await Run.juesuan(
            ["batch", work + "/pdfs", "--db", db, "--timeout", "2"],
            environment: ["JUESUAN_TEST_CRASH_ON": "crash.pdf", "JUESUAN_TEST_HANG_ON": "hang.pdf"])
        #expect(run.status == 1)
        #expect(
            try await reasons(db) == [
                "crash.pdf": "crashed: signal 11", "hang.pdf": "timeout", "fine.pdf": "encrypted",
            ])
        #expect(run.stderr.contains("crashed: signal 11: 1"))
    }

    @Test func workersEndWhenTheBatchIsKilledEvenInAHangingDocument() async throws {
        let work = try folder(with: ["hang.pdf": "base.pdf"])
        let db = work + "/store.sqlite"
        let batch = Process()
        batch.executableURL = Run.executable
        batch.arguments = ["batch", work + "/pdfs", "--db", db, "--timeout", "600"]
        var environment = ProcessInfo.processInfo.environment
        environment["JUESUAN_TEST_HANG_ON"] = "hang.pdf"
        batch.environment = environment
        batch.standardOutput = FileHandle.nullDevice
        batch.standardError = FileHandle.nullDevice
        let ended = AsyncStream<Void>.makeStream()
        batch.terminationHandler = { _ in ended.continuation.finish() }
        try batch.run()
        /// The worker processes of this batch: their command lines name its store.
        func workers() -> [Int32] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            return entries.compactMap { Int32($0) }.filter { pid in
                guard let line = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
                let words = line.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
                return words.contains("--serve") && words.contains(db)
            }
        }
        var waited = 0
        while workers().isEmpty && waited < 300 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        #expect(!workers().isEmpty, "the batch started no worker")
        try await Task.sleep(for: .milliseconds(500))  // the worker is in the hanging document now
        kill(batch.processIdentifier, SIGKILL)
        for await _ in ended.stream {}
        waited = 0
        while !workers().isEmpty && waited < 100 {
            try await Task.sleep(for: .milliseconds(100))
            waited += 1
        }
        #expect(workers().isEmpty, "a worker outlived its batch by 10 s")
    }

    @Test func storedFactsEqualExtractAndForceReplaces() async throws {
        let work = try folder(with: ["base.pdf": "base.pdf"])
        let db = work + "/store.sqlite"
        let pdf = work + "/pdfs/base.pdf"
        let first = try await Run.juesuan(["batch", pdf, "--db", db])
        #expect(first.status == 0, "\(first.stderr)")
        let extract = try await Run.juesuan(["extract", pdf, "--format", "facts"])
        let expected = FactsCSV.parseRecords(extract.stdout)
        let stored = try await exported(db, "facts", ["path=" + pdf])
        // document,path,entity,table,row,col,name,value,unit,page → the facts.csv columns.
        #expect(stored.map { Array($0.dropFirst(2)) } == expected)
        #expect(expected.count > 100)
        let skipped = try await Run.juesuan(["batch", pdf, "--db", db])
        #expect(skipped.stderr.contains("already stored"))
        let forced = try await Run.juesuan(["batch", pdf, "--db", db, "--force"])
        #expect(forced.status == 0)
        #expect(forced.stderr.contains("1 document: 1 processed"))
        #expect(try await exported(db, "facts", ["path=" + pdf]) == stored)
        #expect(try await exported(db, "documents").count == 2)
        let page6 = try await exported(db, "facts", ["page=6", "path=" + pdf])
        #expect(page6.count > 1 && page6.dropFirst().allSatisfy { $0[9] == "6" })
    }

    @Test func badUsageIsOneErrorLine() async throws {
        let work = try folder(with: [:])
        let missing = try await Run.juesuan(["export", "--db", work + "/none.sqlite", "--what", "facts"])
        #expect(missing.status == 2)
        #expect(missing.errorLines.count == 1 && missing.stderr.hasPrefix("error: "))
        #expect(!FileManager.default.fileExists(atPath: work + "/none.sqlite"))
        let postgres = try await Run.juesuan(["batch", work + "/pdfs", "--db", "postgres://localhost/juesuan"])
        #expect(postgres.status == 2)
        #expect(postgres.stderr.hasPrefix("error: ") && postgres.stderr.contains("PostgreSQL"))
        let noFolder = try await Run.juesuan(["batch", work + "/nowhere", "--db", work + "/s.sqlite"])
        #expect(noFolder.status == 2 && noFolder.stderr.contains("no such file or folder"))
        _ = try await Run.juesuan(["batch", work + "/pdfs", "--db", work + "/s.sqlite"])
        let badColumn = try await Run.juesuan([
            "export", "--db", work + "/s.sqlite", "--what", "facts", "--where", "colour=red",
        ])
        #expect(badColumn.status == 2 && badColumn.stderr.contains("no column colour"))
        let badRecords = work + "/records.csv"
        try Data("department,year,table,row,col,unit,value\n甲局,20x3,收入决算表,合计,本年收入合计,元,1.00\n".utf8)
            .write(to: URL(fileURLWithPath: badRecords))
        let records = try await Run.juesuan(["records", "import", badRecords, "--db", work + "/s.sqlite"])
        #expect(records.status == 2)
        #expect(records.errorLines.count == 1 && records.stderr.contains("records.csv"))
    }
}

/// The stored mismatches (rounding notes left out), each as column → value.
func mismatches(_ db: String) async throws -> [[String: String]] {
    let rows = try await exported(db, "mismatches")
    return rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
        .filter { $0["kind"] != "rounding_balance" }
}

@Suite(.tags(.processes)) struct BatchRecordsTests {
    @Test func mismatchesAgainstTheStoresRecords() async throws {
        let work = try folder(with: ["base.pdf": "base.pdf"])
        let db = work + "/store.sqlite"
        // Records that agree with the report: no mismatches, exit 0.
        let agreeing = try await Run.juesuan([
            "batch", work + "/pdfs", "--db", db, "--records", Samples.path("batch/base.records.csv"),
        ])
        #expect(agreeing.status == 0, "\(agreeing.stderr)")
        #expect(try await mismatches(db).isEmpty)
        // One altered record imported into the store; --force reconciles the document again.
        let imported = try await Run.juesuan([
            "records", "import", Samples.path("batch/base-altered.records.csv"), "--db", db,
        ])
        #expect(imported.status == 0, "\(imported.stderr)")
        let altered = try await Run.juesuan(["batch", work + "/pdfs", "--db", db, "--force"])
        #expect(altered.status == 1, "\(altered.stderr)")
        let found = try await mismatches(db)
        #expect(found.count == 1)
        let mismatch = found.first ?? [:]
        #expect(mismatch["row"] == "2010602")
        #expect(mismatch["col"] == "财政拨款收入")
        #expect(mismatch["recorded"] == "933347.89")
        #expect(mismatch["recorded_unit"] == "元")
        #expect(mismatch["record_line"] == "20")
        let documents = try await exported(db, "documents")
        #expect(documents[1][documents[0].firstIndex(of: "mismatches")!] == "1")
        // A rerun skips the document but still reports its mismatch.
        let rerun = try await Run.juesuan(["batch", work + "/pdfs", "--db", db])
        #expect(rerun.status == 1)
        #expect(rerun.stderr.contains("1 with mismatches"))
    }
}

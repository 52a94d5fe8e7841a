import Basics
import Checks
import Foundation
import Reconciler
import ReportModel
import Store
import Testing

/// A fresh store in its own temporary folder.
func temporaryStore() async throws -> (SQLiteStore, String) {
    let folder = FileManager.default.temporaryDirectory.path + "/juesuan-store-tests-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let store = try SQLiteStore(path: folder + "/store.sqlite")
    try await store.prepare()
    return (store, folder)
}

/// A small result with money that a float would get wrong, a blank-box fact, a finding and mismatches.
func sampleResult(sha256: String = String(repeating: "a", count: 64), path: String = "/x/a.pdf") -> DocumentResult {
    let facts = [
        Fact(
            entity: "株洲市商务局", table: "收入决算表", row: "合计", col: "本年收入合计", name: "合计", value: "3372.72",
            unit: "万元", page: 6, box: Rect(x0: 10.5, y0: 20.25, x1: 40.125, y1: 30)),
        Fact(
            entity: "株洲市商务局", table: "收入决算表", row: "2080505", col: "财政拨款收入", name: "机关事业单位基本养老保险缴费支出",
            value: "0.10", unit: "万元", page: 6),
        Fact(
            entity: "株洲市商务局", table: "收入决算表", row: "201", col: "财政拨款收入", name: "一般公共服务支出",
            value: "-12345678901234.5", unit: "元", page: 7),
    ]
    let finding = Finding(
        rule: "rollup", severity: .error, entity: "株洲市商务局", table: "收入决算表", row: "合计", col: "本年收入合计",
        page: 6, printed: "3372.72", expected: "3372.82", message: "合计 ≠ Σ", sentence: nil,
        box: Rect(x0: 1, y0: 2, x1: 3, y1: 4))
    let narrative = Finding(
        rule: "narrative", severity: .info, entity: "株洲市商务局", table: nil, row: nil, col: nil, page: 18,
        printed: "4.3", expected: nil, message: "占4.3%", sentence: "…占4.3%…")
    let mismatches = [
        Mismatch(
            kind: .unitScale, entity: "株洲市商务局", table: "收入决算表", row: "合计", col: "本年收入合计", name: "合计",
            published: "3372.72", publishedUnit: "万元", recorded: "33727200.00", recordedUnit: "元", page: 6,
            box: Rect(x0: 1, y0: 2, x1: 3, y1: 4), recordSource: "r.csv", recordLine: 3, message: "×10000"),
        Mismatch(
            kind: .extraInRecords, entity: "株洲市商务局", table: "收入决算表", row: "999", col: "财政拨款收入",
            published: nil, publishedUnit: nil, recorded: "0.01", recordedUnit: "元", page: nil,
            recordSource: "r.csv", recordLine: 9, message: "filed, not published"),
    ]
    return DocumentResult(
        identity: DocumentIdentity(
            sha256: sha256, path: path, size: 1234, pages: 20, producer: "reportlab", department: "株洲市商务局",
            year: 2023),
        status: .processed, facts: facts, findings: [finding, narrative], mismatches: mismatches)
}

func column(_ table: ExportTable, _ name: String) -> [ExportValue] {
    let index = table.columns.firstIndex(of: name)!
    return table.rows.map { $0[index] }
}

@Suite struct SQLiteStoreTests {
    @Test func factsRoundTripExactly() async throws {
        let (store, _) = try await temporaryStore()
        let result = sampleResult()
        try await store.save(result)
        let facts = try await store.export(.facts, filters: [])
        #expect(
            facts.columns == ["document", "path", "entity", "table", "row", "col", "name", "value", "unit", "page"])
        #expect(
            column(facts, "value") == [
                .money(Amount(minorUnits: 337272, decimals: 2)), .money(Amount(minorUnits: 10, decimals: 2)),
                .money(Amount(minorUnits: -123_456_789_012_345, decimals: 1)),
            ])
        #expect(column(facts, "value").map(ExportWriter.text) == ["3372.72", "0.10", "-12345678901234.5"])
        #expect(column(facts, "row") == [.text("合计"), .text("2080505"), .text("201")])
        #expect(column(facts, "page") == [.integer(6), .integer(6), .integer(7)])
        let documents = try await store.export(.documents, filters: [])
        #expect(documents.rows.count == 1)
        #expect(column(documents, "department") == [.text("株洲市商务局")])
        #expect(column(documents, "status") == [.text("processed")])
        #expect(column(documents, "reason") == [.null])
        #expect(column(documents, "facts") == [.integer(3)])
        #expect(column(documents, "errors") == [.integer(1)])
        #expect(column(documents, "mismatches") == [.integer(2)])
        let mismatches = try await store.export(.mismatches, filters: [])
        #expect(column(mismatches, "published") == [.money(Amount(minorUnits: 337272, decimals: 2)), .null])
        #expect(
            column(mismatches, "recorded") == [
                .money(Amount(minorUnits: 3_372_720_000, decimals: 2)), .money(Amount(minorUnits: 1, decimals: 2)),
            ])
        #expect(column(mismatches, "kind") == [.text("unit_scale"), .text("extra_in_records")])
        let findings = try await store.export(.findings, filters: [])
        #expect(column(findings, "rule") == [.text("rollup"), .text("narrative")])
        #expect(column(findings, "table") == [.text("收入决算表"), .null])
        #expect(column(findings, "sentence") == [.null, .text("…占4.3%…")])
    }

    @Test func savingAgainReplacesWithoutDuplicates() async throws {
        let (store, _) = try await temporaryStore()
        try await store.save(sampleResult())
        try await store.save(sampleResult())
        #expect(try await store.export(.facts, filters: []).rows.count == 3)
        var changed = sampleResult()
        changed.facts.removeLast()
        changed.status = .failed(reason: "timeout")
        try await store.save(changed)
        #expect(try await store.export(.facts, filters: []).rows.count == 2)
        let documents = try await store.export(.documents, filters: [])
        #expect(documents.rows.count == 1)
        #expect(column(documents, "reason") == [.text("timeout")])
        #expect(try await store.contains(sha256: String(repeating: "a", count: 64)))
        #expect(try await !store.contains(sha256: String(repeating: "b", count: 64)))
    }

    @Test func migrationsAreIdempotent() async throws {
        let (store, folder) = try await temporaryStore()
        try await store.save(sampleResult())
        try await store.prepare()
        let reopened = try SQLiteStore(path: folder + "/store.sqlite")
        try await reopened.prepare()
        try await reopened.prepare()
        #expect(try await reopened.export(.facts, filters: []).rows.count == 3)
    }

    @Test func whereFilters() async throws {
        let (store, _) = try await temporaryStore()
        try await store.save(sampleResult())
        try await store.save(sampleResult(sha256: String(repeating: "b", count: 64), path: "/x/b.pdf"))
        let page7 = try await store.export(.facts, filters: [ExportFilter(column: "page", value: "7")])
        #expect(page7.rows.count == 2)
        let one = try await store.export(
            .facts,
            filters: [ExportFilter(column: "page", value: "7"), ExportFilter(column: "path", value: "/x/b.pdf")])
        #expect(one.rows.count == 1)
        let exact = try await store.export(.facts, filters: [ExportFilter(column: "value", value: "0.10")])
        #expect(exact.rows.count == 2)
        // 0.1 is printed with another scale than 0.10: not the same printed value.
        #expect(try await store.export(.facts, filters: [ExportFilter(column: "value", value: "0.1")]).rows.isEmpty)
        let noTable = try await store.export(.findings, filters: [ExportFilter(column: "table", value: "")])
        #expect(noTable.rows.count == 2)
        await #expect(throws: StoreError.self) {
            try await store.export(.facts, filters: [ExportFilter(column: "nope", value: "1")])
        }
        await #expect(throws: StoreError.self) {
            try await store.export(.facts, filters: [ExportFilter(column: "page", value: "six")])
        }
    }

    @Test func recordsImportReplacesByKeyAndFilters() async throws {
        let (store, _) = try await temporaryStore()
        let records = [
            Record(
                department: "甲局", year: 2023, table: "收入决算表", row: "合计", col: "本年收入合计", unit: .yuan,
                value: Amount(minorUnits: 3_372_720_012, decimals: 2), source: "r.csv", line: 2),
            Record(
                department: "甲局", year: 2022, table: "收入决算表", row: "合计", col: "本年收入合计", unit: .tenThousandYuan,
                value: Amount(minorUnits: 100, decimals: 2), source: "r.csv", line: 3),
            Record(
                department: "乙局", year: 2023, table: "收入决算表", row: "合计", col: "本年收入合计", unit: .yuan,
                value: Amount(minorUnits: 5, decimals: 0), source: "r.csv", line: 4),
        ]
        #expect(try await store.importRecords(records) == 3)
        #expect(try await store.records(department: nil, year: nil) == records)
        #expect(try await store.records(department: "甲局", year: 2023) == [records[0]])
        #expect(try await store.records(department: "甲局", year: nil) == [records[0], records[1]])
        #expect(try await store.records(department: nil, year: 2023) == [records[0], records[2]])
        var replacement = records[0]
        replacement.value = Amount(minorUnits: 1, decimals: 2)
        replacement.source = "s.csv"
        try await store.importRecords([replacement])
        #expect(try await store.records(department: "甲局", year: 2023) == [replacement])
        #expect(try await store.records(department: nil, year: nil).count == 3)
    }

    @Test func csvHasBOMAndExactValues() async throws {
        let (store, _) = try await temporaryStore()
        try await store.save(sampleResult())
        let table = try await store.export(.facts, filters: [])
        let bytes = try ExportWriter.csv(table)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "document,path,entity,table,row,col,name,value,unit,page")
        #expect(lines.count == 4)
        #expect(lines[2].contains(",0.10,万元,6"))
        #expect(lines[3].contains(",-12345678901234.5,元,7"))
        let json = ExportWriter.json(table)
        #expect(json.contains("\"value\": \"0.10\""))
        #expect(json.contains("\"page\": 6"))
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
        #expect(parsed?.last?["value"] as? String == "-12345678901234.5")
    }

    @Test func csvQuotesCommasAndQuotes() throws {
        let table = ExportTable(
            columns: ["a", "b"], rows: [[.text("x,y"), .text("say \"hi\"")], [.null, .integer(3)]])
        let text = String(decoding: try ExportWriter.csv(table).dropFirst(3), as: UTF8.self)
        #expect(text == "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n,3\n")
    }
}

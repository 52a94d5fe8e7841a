import Foundation
import TestSupport
import Testing

@Suite("juesuan on bad input", .tags(.processes))
struct BadInputCLITests {
    /// Every file of the corpus's bad/ set (and a missing one): exit 2, nothing on standard
    /// output, one `error:` line that says what is wrong.
    @Test(arguments: [
        ("Samples/bad/empty.pdf", "empty file"),
        ("Samples/bad/not_a_pdf.pdf", "not a PDF"),
        ("Samples/bad/truncated.pdf", "truncated"),
        ("Samples/bad/encrypted.pdf", "password is required"),
        ("Samples/bad/scanned.pdf", "no text layer: scanned? OCR is not supported yet"),
        ("Samples/bad/no-such-file.pdf", "no such file"),
        ("Samples/bad", "directory"),
    ])
    func rejected(file: String, says: String) async throws {
        for command in ["extract"] {
            let run = try await Run.juesuan(command, file)
            #expect(run.status == 2)
            #expect(run.stdout.isEmpty)
            #expect(run.errorLines.count == 1)
            #expect(run.stderr.hasPrefix("error: \(file): "))
            #expect(run.stderr.contains(says), "\(run.stderr)")
        }
    }

    @Test func wrongPassword() async throws {
        let run = try await Run.juesuan("extract", "Samples/bad/encrypted.pdf", "--password", "not-it")
        #expect(run.status == 2)
        #expect(
            run.stderr
                == "error: Samples/bad/encrypted.pdf: encrypted: the password is wrong; pass the right one with --password\n"
        )
    }

    @Test func rightPasswordReadsLikeTheOriginal() async throws {
        let encrypted = try await Run.juesuan("extract", "Samples/bad/encrypted.pdf", "--password", "zhuzhou2023")
        let base = try await Run.juesuan("extract", "Samples/bad/base.pdf")
        #expect(encrypted.status == 0)
        #expect(encrypted.stderr.isEmpty)
        #expect(encrypted.stdout == base.stdout)
    }

    @Test(arguments: ["21", "0", "3-25", "x"])
    func pageOutOfRangeOrMalformed(pages: String) async throws {
        let run = try await Run.juesuan("extract", "Samples/bad/base.pdf", "--pages", pages)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.errorLines.count == 1)
        #expect(run.stderr.hasPrefix("error: "))
    }

    @Test func badUsage() async throws {
        for arguments in [
            ["extract"], ["extract", "Samples/bad/base.pdf", "--format", "pdf"], ["frobnicate"],
            ["extract", "--nope", "x.pdf"],
        ] {
            let process = try await Run.juesuan(arguments: arguments)
            #expect(process.status == 2, "\(arguments)")
            #expect(process.errorLines.count == 1, "\(arguments): \(process.stderr)")
            #expect(process.stderr.hasPrefix("error: "))
        }
    }

    @Test func helpAndVersion() async throws {
        let help = try await Run.juesuan("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("inspect") && help.stdout.contains("extract"))
        for command in ["inspect", "extract"] {
            let sub = try await Run.juesuan(command, "--help")
            #expect(sub.status == 0)
            #expect(sub.stdout.contains("--password"))
        }
        let version = try await Run.juesuan("--version")
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }
}

@Suite("juesuan inspect and extract", .tags(.processes))
struct OutputCLITests {
    @Test func inspectGolden() async throws {
        let run = try await Run.juesuan("inspect", "Samples/bad/rotated_page.pdf")
        #expect(run.status == 0)
        try Golden.expect(run.stdout, matches: "cli/inspect_rotated_page.txt")
    }

    /// inspect is what an auditor runs on a strange file: it reports a scanned file, not fails.
    @Test func inspectScannedListsPagesWithoutText() async throws {
        let run = try await Run.juesuan("inspect", "Samples/bad/scanned.pdf", "--format", "json")
        #expect(run.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((object?["pagesWithoutText"] as? [Int]) == Array(1...28))
        #expect(run.stderr.hasPrefix("warning: ") && run.stderr.contains("no text layer"))
    }

    @Test func extractTextGolden() async throws {
        let run = try await Run.juesuan("extract", "Samples/bad/rotated_page.pdf", "--format", "text")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        try Golden.expect(run.stdout, matches: "cli/extract_rotated_page.txt")
        #expect(run.stdout.components(separatedBy: "\u{0C}").count == 20)
    }

    /// The recognised tables, as a reader sees them.
    @Test func extractTablesGolden() async throws {
        let run = try await Run.juesuan(
            "extract", "Samples/tokenizer/s07_urban_2019_reportlab.pdf", "--format", "tables")
        #expect(run.status == 0)
        #expect(run.stderr.isEmpty)
        try Golden.expect(run.stdout, matches: "cli/extract_tables_s07.txt")
    }

    @Test func outputToAFile() async throws {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent(
            "juesuan-out-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: target) }
        let run = try await Run.juesuan("extract", "Samples/bad/base.pdf", "--pages", "6", "-o", target.path)
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        let written = try String(contentsOf: target, encoding: .utf8)
        #expect(written.contains("收入决算表"))
    }
}

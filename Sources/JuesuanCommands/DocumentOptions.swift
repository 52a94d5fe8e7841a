import ArgumentParser
import FoundationEssentials
import PDF

/// The file and password every reading command takes.
struct DocumentOptions: ParsableArguments {
    @Argument(help: "The PDF report to read.")
    var file: String

    @Option(help: "The password of an encrypted PDF (user or owner password).")
    var password: String?

    func open() throws(PDFError) -> PDFDocument {
        try PDFDocument(path: file, password: password)
    }
}

/// Where a command's output goes: standard output, or the file given with `-o`.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
    var output: String?

    /// Writes `text` with a line end after it, when it has none.
    func emit(_ text: String) throws {
        try write(text.unicodeScalars.last == "\n" || text.isEmpty ? text : text + "\n")
    }

    /// Writes a document as it is (a CSV or HTML report), to standard output or `-o PATH`.
    ///
    /// Unlike ``emit(_:)`` nothing is appended: the documents end with their own line end, and a
    /// CSV's CRLF (one `Character`) would otherwise get a stray LF after it.
    func write(_ document: String) throws {
        guard let output else {
            Terminal.raw(document)
            return
        }
        do {
            try Data(document.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CLIFailure(message: "\(output): cannot write the output; check the folder exists and is writable")
        }
    }
}

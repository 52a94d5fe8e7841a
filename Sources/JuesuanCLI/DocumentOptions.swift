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

    func emit(_ text: String) throws {
        let content = text.unicodeScalars.last == "\n" || text.isEmpty ? text : text + "\n"
        guard let output else {
            Terminal.raw(content)
            return
        }
        do {
            try Data(content.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
        } catch {
            throw CLIFailure(message: "\(output): cannot write the output; check the folder exists and is writable")
        }
    }
}

/// JSON as every command prints it: pretty, keys sorted, slashes and CJK unescaped.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

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

/// Decimal rendering of measurements (not money) without `String(format:)`.
enum Measure {
    static func format(_ value: Double, decimals: Int = 1) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(scaled) }
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(sign)\(whole).\(fraction)"
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

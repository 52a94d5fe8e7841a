// graphics PATH… [--repeat N]: for each PDF (folders are searched, not recursively), the time of
// `page()` alone on every page against `page()` + `graphics(page:)`, in ms per page (the fastest
// of N passes, default 5, each on a freshly opened document so that the graphics reader's
// cross-reference and object cache are built inside the timing), and the boxes found: strokes,
// fills, and the pages whose drawing was in part unreadable (with the first reason).
import FoundationEssentials
import Glibc
import PDF

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 5
if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count {
    repeats = Int(arguments[index + 1]) ?? 5
    arguments.removeSubrange(index...(index + 1))
}
guard !arguments.isEmpty else {
    print("usage: graphics PATH… [--repeat N]")
    exit(2)
}
var files: [String] = []
for path in arguments {
    var isDirectory = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
    if isDirectory {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files += names.filter { $0.hasSuffix(".pdf") }.sorted().map { path + "/" + $0 }
    } else {
        files.append(path)
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let clock = ContinuousClock()
var totalPages = 0
var totalText = 0.0
var totalGraphics = 0.0
print("file\tpages\ttext ms/page\tgraphics ms/page\tstrokes\tfills\tunreadable")
for file in files {
    var bestText = Double.infinity
    var bestGraphics = Double.infinity
    var strokes = 0
    var fills = 0
    var unreadable: [String] = []
    var pages = 0
    do {
        for pass in 0..<repeats {
            let document = try PDFDocument(path: file)
            pages = document.pageCount
            let textStart = clock.now
            for number in 1...pages { _ = try document.page(number) }
            bestText = min(bestText, milliseconds(clock.now - textStart))
            let fresh = try PDFDocument(path: file)
            let graphicsStart = clock.now
            var results: [PageGraphics] = []
            for number in 1...pages { results.append(try fresh.graphics(page: number)) }
            bestGraphics = min(bestGraphics, milliseconds(clock.now - graphicsStart))
            if pass == 0 {
                for (index, result) in results.enumerated() {
                    strokes += result.boxes.count { $0.kind == .stroke }
                    fills += result.boxes.count { $0.kind == .fill }
                    if let reason = result.unreadable { unreadable.append("p\(index + 1): \(reason)") }
                }
            }
        }
    } catch {
        print("\(file)\terror: \(error)")
        continue
    }
    totalPages += pages
    totalText += bestText
    totalGraphics += bestGraphics
    let name = file.split(separator: "/").last.map(String.init) ?? file
    let textPerPage = (bestText / Double(pages) * 1000).rounded() / 1000
    let graphicsPerPage = (bestGraphics / Double(pages) * 1000).rounded() / 1000
    let reasons = unreadable.isEmpty ? "-" : "\(unreadable.count) pages, \(unreadable[0])"
    print("\(name)\t\(pages)\t\(textPerPage)\t\(graphicsPerPage)\t\(strokes)\t\(fills)\t\(reasons)")
}
if totalPages > 0 {
    let text = (totalText / Double(totalPages) * 1000).rounded() / 1000
    let graphics = (totalGraphics / Double(totalPages) * 1000).rounded() / 1000
    print("all\t\(totalPages)\t\(text)\t\(graphics)")
}

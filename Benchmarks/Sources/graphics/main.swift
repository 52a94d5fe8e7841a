// graphics PATH… [--repeat N]: for each PDF (folders are searched, not recursively), the time of
// `page()` alone on every page against `page()` + `graphics(page:)`, in ms per page (the fastest
// of N passes, default 5, each on a freshly opened document so that the graphics reader's
// cross-reference and object cache are built inside the timing), and the boxes found: strokes,
// fills, and the pages whose drawing was in part unreadable (with the first reason).
// --verify also renders every page at scale 2 and counts the dark thin boxes (luminance < 0.5,
// at most 3 pt thick, not painted over by a later light fill) whose centre line is not on dark
// pixels of poppler's rendering: "missed", with the first few.
import FoundationEssentials
import Glibc
import PDF

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 5
if let index = arguments.firstIndex(of: "--repeat"), index + 1 < arguments.count {
    repeats = Int(arguments[index + 1]) ?? 5
    arguments.removeSubrange(index...(index + 1))
}
let verify = arguments.contains("--verify")
arguments.removeAll { $0 == "--verify" }
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

/// The dark thin boxes of `graphics` not on dark pixels of the page's rendering, and how many were checked.
func verify(_ document: PDFDocument, page number: Int, _ graphics: PageGraphics) throws -> (
    checked: Int, missed: [String]
) {
    let thin = graphics.boxes.filter { box in
        box.gray < 0.5 && min(box.box.width, box.box.height) <= 3 && max(box.box.width, box.box.height) >= 4
            && !graphics.boxes.contains { later in
                let cover = later.box.insetBy(0.01)
                return later.order > box.order && later.kind == .fill && later.gray >= 0.5 && cover.x0 <= box.box.midX
                    && cover.x1 >= box.box.midX && cover.y0 <= box.box.midY && cover.y1 >= box.box.midY
            }
    }
    guard !thin.isEmpty else { return (0, []) }
    let image = try document.render(page: number, scale: 2)
    let luminance = image.luminance()
    func dark(_ x: Double, _ y: Double) -> Bool {
        let column = Int((x * 2).rounded(.down))
        let row = Int((y * 2).rounded(.down))
        for r in (row - 1)...(row + 1) where r >= 0 && r < image.height {
            for c in (column - 1)...(column + 1) where c >= 0 && c < image.width {
                if luminance[r * image.width + c] < 200 { return true }
            }
        }
        return false
    }
    var missed: [String] = []
    for box in thin {
        let horizontal = box.box.width >= box.box.height
        let points = [0.25, 0.5, 0.75].map { t in
            horizontal
                ? (box.box.x0 + t * box.box.width, box.box.midY) : (box.box.midX, box.box.y0 + t * box.box.height)
        }
        if !points.allSatisfy({ dark($0.0, $0.1) }) { missed.append("p\(number) \(box.box.printedCoordinates)") }
    }
    return (thin.count, missed)
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
    var checked = 0
    var missed: [String] = []
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
                    if verify {
                        let found = try verify(fresh, page: index + 1, result)
                        checked += found.checked
                        missed += found.missed
                    }
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
    if verify { print("  verified \(checked) dark thin boxes, \(missed.count) missed \(missed.prefix(5))") }
}
if totalPages > 0 {
    let text = (totalText / Double(totalPages) * 1000).rounded() / 1000
    let graphics = (totalGraphics / Double(totalPages) * 1000).rounded() / 1000
    print("all\t\(totalPages)\t\(text)\t\(graphics)")
}

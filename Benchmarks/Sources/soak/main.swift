// soak FILE [CYCLES] [--no-render]: opens FILE, rebuilds the layout text of every page, renders
// page 1 (unless --no-render) and closes the document, CYCLES times (default 500), in one process.
// Prints the resident set size as it goes and exits 1 when it grew by more than 2 MB after the
// warm-up: 50 cycles for text alone, 300 with rendering, because cairo keeps up to 256 recently
// used scaled fonts (its "holdover" cache, each with the embedded font file poppler read) — a
// bounded cache, not a leak. A PopplerPage left unreleased would cost about 90 MB per 100 pages.
import FoundationEssentials
import Glibc
import Layout
import PDF

func residentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
}

let arguments = CommandLine.arguments.filter { !$0.hasPrefix("--") }
guard arguments.count >= 2 else {
    print("usage: soak FILE.pdf [CYCLES] [--no-render]")
    exit(2)
}
let cycles = arguments.count > 2 ? Int(arguments[2]) ?? 500 : 500
let render = !CommandLine.arguments.contains("--no-render")
let warmUp = min(render ? 300 : 50, cycles)
var baseline = 0
var characters = 0
print("mode: \(render ? "layout text + render page 1" : "layout text"), \(cycles) cycles, warm-up \(warmUp)")
print("cycle  rss_kb")
for cycle in 1...cycles {
    do {
        let document = try PDFDocument(path: arguments[1])
        for number in 1...document.pageCount {
            characters += LayoutText.render(LayoutBuilder.layout(try document.page(number))).count
        }
        if render { _ = try document.render(page: 1, scale: 1) }
    } catch {
        print("error: \(error)")
        exit(2)
    }
    if cycle == warmUp { baseline = residentKilobytes() }
    if cycle == 1 || cycle % 50 == 0 || cycle == cycles {
        print("\(cycle)  \(residentKilobytes())")
    }
}
let final = residentKilobytes()
let grew = final - baseline
print("rss after warm-up (cycle \(warmUp)): \(baseline) kB, after cycle \(cycles): \(final) kB, growth \(grew) kB")
exit(grew > 2_048 ? 1 : 0)

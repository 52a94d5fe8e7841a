import Basics
import FoundationEssentials

#if canImport(Glibc)
    import Glibc
#endif

// TEMPORARY (development only, removed when the PDF module reads the ruling): marks from a JSON
// file named by JUESUAN_DEV_MARKS, {"page": [[x0, y0, x1, y1, filled, gray], …]}.
enum DevelopmentMarks {
    static func load() -> [Int: [PaintedMark]]? {
        guard let path = getenv("JUESUAN_DEV_MARKS").map({ String(cString: $0) }),
            let file = fopen(path, "rb")
        else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        guard let decoded = try? JSONDecoder().decode([String: [[Double]]].self, from: Data(bytes)) else { return nil }
        var result: [Int: [PaintedMark]] = [:]
        for (page, boxes) in decoded {
            guard let number = Int(page) else { continue }
            result[number] = boxes.map {
                PaintedMark(box: Rect(x0: $0[0], y0: $0[1], x1: $0[2], y1: $0[3]), filled: $0[4] != 0, gray: $0[5])
            }
        }
        return result
    }
}

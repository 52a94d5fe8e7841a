import Basics
import Foundation
import Testing

@Suite("Boxes as printed")
struct GeometryTests {
    @Test("Outputs carry coordinates to 0.01 pt, without the arithmetic's noise")
    func printedCoordinates() throws {
        let box = Rect(x0: 380.61580000000004, y0: 304.8087696999999, x1: 355.1396131999999, y1: -0.001)
        #expect(box.printedCoordinates == [380.62, 304.81, 355.14, 0])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(box), as: UTF8.self)
        #expect(json == #"{"x0":380.62,"x1":355.14,"y0":304.81,"y1":0}"#)
        // Decoding takes what was written, and writing it again gives the same text.
        let decoded = try JSONDecoder().decode(Rect.self, from: Data(json.utf8))
        #expect(decoded == Rect(x0: 380.62, y0: 304.81, x1: 355.14, y1: 0))
        #expect(String(decoding: try encoder.encode(decoded), as: UTF8.self) == json)
    }

    @Test("Rounding twice is rounding once, and moves a coordinate by at most 0.005")
    func roundingIsStable() {
        // Coordinates across an A3 page in steps that are not multiples of 0.01.
        for step in 0..<20_000 {
            let value = Double(step) * 0.0427001 - 3
            let once = Rect(x0: value, y0: value, x1: value, y1: value).printedCoordinates
            let twice = Rect(x0: once[0], y0: once[1], x1: once[2], y1: once[3]).printedCoordinates
            #expect(once == twice, "\(value)")
            #expect(abs(once[0] - value) <= 0.005 + 1e-9, "\(value)")
        }
    }
}

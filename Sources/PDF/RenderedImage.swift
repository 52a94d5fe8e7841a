import Foundation

/// Pixels of a rendered page or region: 0x00RRGGBB, row-major, on a white background.
public struct RenderedImage: Sendable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt32]

    public init(width: Int, height: Int, pixels: [UInt32]) {
        precondition(pixels.count == width * height, "pixel count must be width × height")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Luminance 0 (black) … 255 (white) of every pixel, row-major.
    public func luminance() -> [UInt8] {
        pixels.map { pixel in
            let red = (pixel >> 16) & 0xFF
            let green = (pixel >> 8) & 0xFF
            let blue = pixel & 0xFF
            return UInt8((red * 299 + green * 587 + blue * 114) / 1000)
        }
    }

    /// The image as PNG bytes, for evidence crops.
    public func pngData() -> [UInt8] { Poppler.pngData(self) }
}

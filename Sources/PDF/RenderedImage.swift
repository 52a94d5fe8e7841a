import Basics
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

    /// The image with `marks` drawn over it: the image shows display space from `origin` (its
    /// top-left corner, points) at `scale` pixels per point, as ``PDFDocument/render(page:scale:region:)``
    /// made it.
    public func drawing(_ marks: [OverlayMark], scale: Double, origin: (x: Double, y: Double) = (0, 0)) -> RenderedImage
    {
        Poppler.draw(marks, on: self, scale: scale, origin: origin)
    }
}

/// Something drawn over a rendered page (display-space points; colours 0xRRGGBB).
public enum OverlayMark: Sendable, Hashable {
    /// A rectangle's outline, `width` points wide.
    case outline(Rect, rgb: UInt32, width: Double)
    /// A filled rectangle, `alpha` opaque.
    case fill(Rect, rgb: UInt32, alpha: Double)
    /// Text with its baseline starting at (`x`, `y`), `size` points high.
    case text(String, x: Double, y: Double, size: Double, rgb: UInt32)
}

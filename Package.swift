// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "juesuan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "juesuan", targets: ["JuesuanCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // The C boundary: poppler-glib and cairo, seen only by the PDF module.
        .systemLibrary(
            name: "CPoppler",
            path: "Sources/CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]
        ),
        // PDF stage: documents, pages, glyphs with boxes and fonts, rendering.
        .target(name: "PDF", dependencies: ["CPoppler"]),
        // Glyphs → words → lines, in reading order, for any page rotation.
        .target(name: "Layout", dependencies: ["PDF"]),
        .executableTarget(
            name: "JuesuanCLI",
            dependencies: [
                "PDF", "Layout",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PDFTests", dependencies: ["PDF"], resources: []),
        .testTarget(name: "LayoutTests", dependencies: ["Layout", "PDF"]),
        .testTarget(name: "CLITests", dependencies: ["JuesuanCLI"]),
    ],
    swiftLanguageModes: [.v6]
)

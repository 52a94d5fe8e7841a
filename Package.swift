// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "juesuan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "juesuan", targets: ["JuesuanCLI"]),
        // The stages as libraries, for Benchmarks/ and for other tools.
        .library(name: "JuesuanPDF", targets: ["PDF", "Layout"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
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
        // Typed report models: exact amounts, tables, rows, cells, facts and facts.csv.
        .target(name: "ReportModel", dependencies: ["PDF"]),
        // Layout → table grids → typed report and facts.
        .target(name: "Tokenizer", dependencies: ["PDF", "Layout", "ReportModel"]),
        // Rounding-aware checks of one report: exact intervals, rules, findings.
        .target(name: "Checks", dependencies: ["ReportModel", "PDF"]),
        .executableTarget(
            name: "JuesuanCLI",
            dependencies: [
                "PDF", "Layout", "ReportModel", "Tokenizer", "Checks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Paths to Samples/ and golden files, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PDFTests", dependencies: ["PDF", "TestSupport"]),
        .testTarget(
            name: "TokenizerTests",
            dependencies: [
                "Tokenizer", "ReportModel", "Layout", "PDF", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "LayoutTests",
            dependencies: ["Layout", "PDF", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "ChecksTests",
            dependencies: ["Checks", "ReportModel", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "CLITests", dependencies: ["JuesuanCLI", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)

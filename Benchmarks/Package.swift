// swift-tools-version: 6.1
import PackageDescription

// Benchmarks that need their own process: kept out of the main package so that `swift test`
// stays fast. Run them through scripts/rss and scripts/bench.
let package = Package(
    name: "juesuan-benchmarks",
    dependencies: [.package(name: "juesuan", path: "..")],
    targets: [
        .executableTarget(
            name: "soak",
            dependencies: [.product(name: "JuesuanPDF", package: "juesuan")]
        ),
        // page() against page() + graphics(page:), in ms per page (docs/graphics.md).
        .executableTarget(
            name: "graphics",
            dependencies: [.product(name: "JuesuanPDF", package: "juesuan")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

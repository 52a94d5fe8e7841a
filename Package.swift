// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "juesuan",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "juesuan", targets: ["JuesuanCLI"]),
        // The stages as libraries, for Benchmarks/ and for other tools.
        .library(name: "JuesuanPDF", targets: ["Basics", "PDF", "Layout"]),
        // One document through every stage (open → layout → tokenize → check → claims → reconcile →
        // DocumentResult), and its outputs: for the CLI, the batch worker and a web server.
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"6.0.0"),
    ],
    targets: [
        // What every stage shares without poppler: errors, and (issue 14) geometry, text
        // normalisation, charsets and checksums.
        .target(name: "Basics", dependencies: ["CGLib"]),
        // GLib alone, seen only by Sources/Basics/GLib.swift.
        .systemLibrary(
            name: "CGLib",
            path: "Sources/CGLib",
            pkgConfig: "glib-2.0",
            providers: [.apt(["libglib2.0-dev"])]
        ),
        // The C boundary: poppler-glib and cairo, seen only by the PDF module.
        .systemLibrary(
            name: "CPoppler",
            path: "Sources/CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev", "zlib1g-dev"])]
        ),
        // PDF stage: documents, pages, glyphs with boxes and fonts, rendering.
        // swift-crypto: MD5, SHA-2 and AES for encrypted files' content streams (docs/graphics.md).
        .target(
            name: "PDF",
            dependencies: [
                "Basics", "CPoppler", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        // Glyphs → words → lines, in reading order, for any page rotation.
        .target(name: "Layout", dependencies: ["Basics", "PDF"]),
        // Typed report models: exact amounts, tables, rows, cells, facts and facts.csv.
        .target(name: "ReportModel", dependencies: ["Basics"]),
        // Every domain word as data: families, templates, table kinds and titles, column aliases,
        // labels, rules, claims' quantities; the one cell-reference language (docs/vocabulary.md).
        .target(name: "Vocabulary", dependencies: ["Basics", "ReportModel"]),
        // Layout → table grids → typed report and facts.
        .target(name: "Tokenizer", dependencies: ["Basics", "PDF", "Layout", "ReportModel", "Vocabulary"]),
        // Rounding-aware checks of one report: exact intervals, rules, findings.
        .target(name: "Checks", dependencies: ["Basics", "ReportModel", "Vocabulary"]),
        // Published facts against filed records: records files, matching, mismatch kinds.
        .target(
            name: "Reconciler",
            dependencies: [
                "Basics", "ReportModel", "Checks", "Vocabulary",
                .product(name: "CSV", package: "CSV.swift"),
            ]),
        // Reports an auditor can hand on: text, JSON, CSV and HTML with evidence crops, of what
        // the pipeline found.
        .target(
            name: "Reports",
            dependencies: [
                "Basics", "Pipeline", "ReportModel", "Checks", "Reconciler", "PDF", "Layout",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "CSV", package: "CSV.swift"),
            ]),
        // The archive store: documents, facts, findings, mismatches, records (SQLite by default).
        .target(
            name: "Store",
            dependencies: [
                "Basics", "ReportModel", "Checks", "Reconciler",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ]),
        // The same store on PostgreSQL, with a work queue shared by several machines.
        .target(
            name: "PostgresStore",
            dependencies: [
                "Basics", "Store", "ReportModel", "Checks", "Reconciler",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        // Batch processing of archives: walking, worker processes, progress.
        .target(name: "Batch", dependencies: ["Basics", "Store", "Checks", "Reconciler"]),
        // Scheduled scrapes of publishing sites: polite fetching, archive, provenance.
        .target(
            name: "Scrape",
            dependencies: [
                "Basics", "Store",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // One document through every stage, into the result a store keeps; never prints.
        .target(
            name: "Pipeline",
            dependencies: [
                "Basics", "PDF", "Layout", "ReportModel", "Tokenizer", "Checks", "Reconciler", "Store",
                "PostgresStore",
            ]),
        // The command line's commands: parse → call Pipeline and Reports → print. A library, so
        // that tests parse them in process (swift-argument-parser's own layout).
        .target(
            name: "JuesuanCommands",
            dependencies: [
                "Basics", "Pipeline", "Reports", "PDF", "ReportModel", "Checks", "Reconciler", "Store",
                "PostgresStore", "Batch", "Scrape",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // The `juesuan` executable: the entry point, which maps every error to its line and exit code.
        .executableTarget(
            name: "JuesuanCLI",
            dependencies: [
                "Basics", "JuesuanCommands",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Paths to Samples/ and golden files, shared by the test targets.
        .target(
            name: "TestSupport", dependencies: [.product(name: "CSV", package: "CSV.swift")], path: "Tests/TestSupport"),
        .testTarget(name: "BasicsTests", dependencies: ["Basics"]),
        .testTarget(
            name: "PDFTests",
            dependencies: [
                "Basics", "PDF", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]),
        .testTarget(
            name: "TokenizerTests",
            dependencies: [
                "Basics", "Tokenizer", "ReportModel", "PDF",
            ]),
        .testTarget(
            name: "LayoutTests",
            dependencies: [
                "Basics", "Layout", "PDF", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "ChecksTests",
            dependencies: [
                "Checks", "ReportModel", "Vocabulary", .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "VocabularyTests",
            dependencies: ["Basics", "Vocabulary", "ReportModel", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: [
                "Reconciler", "ReportModel", "TestSupport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(
            name: "ReportsTests",
            dependencies: [
                "Reports", "Pipeline", "Basics", "Reconciler", "Checks", "PDF", "TestSupport",
            ]),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store", "Batch", "ReportModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "Store", "TestSupport"]),
        .testTarget(
            name: "ScrapeTests",
            dependencies: [
                "Scrape", "Basics", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "CLITests",
            dependencies: ["JuesuanCLI", "TestSupport"]),
        // The commands parsed in process: options, defaults and bad usage, without spawning.
        .testTarget(
            name: "CommandsTests",
            dependencies: [
                "JuesuanCommands", "Pipeline", "Checks", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)

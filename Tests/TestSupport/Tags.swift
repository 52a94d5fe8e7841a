import Testing

/// What a suite needs beyond the process it runs in, so that a fast local lane can leave it out:
/// `scripts/test --fast` skips every suite that carries one of these tags (by the suite's name,
/// until `swift test --skip tag:NAME` reaches this toolchain). `scripts/test` and CI run everything.
extension Tag {
    /// Needs the PostgreSQL server that `scripts/postgres-test-server` starts (`JUESUAN_TEST_POSTGRES`).
    @Tag public static var postgres: Self
    /// Renders pages in headless Chromium (`scripts/browser-check`).
    @Tag public static var browser: Self
    /// Spawns processes: the built `juesuan` executable, batch workers.
    @Tag public static var processes: Self
    /// Serves HTTP on loopback (the scrape tests' test site).
    @Tag public static var server: Self
}

import Basics
import Checks
import Reconciler
import Store

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The batch's progress on standard error: on a terminal a bar redrawn at most ten times a second
/// (documents done/total, pages/s, ETA, failures); otherwise one plain line per document. Then a
/// summary.
public struct BatchProgress {
    /// Documents named on the command line.
    public let total: Int
    /// Whether to draw a bar (standard error is a terminal).
    public let bar: Bool
    private let write: (String) -> Void
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?

    public private(set) var done = 0
    /// Documents processed now (stored with status processed).
    public private(set) var processed = 0
    public private(set) var skipped = 0
    public private(set) var duplicates = 0
    /// Documents that failed (stored as failed, or unreadable), by reason.
    public private(set) var failures: [String: Int] = [:]
    /// Documents with at least one error finding (processed now or stored before).
    public private(set) var withErrors = 0
    /// Documents with mismatches against the records (processed now or stored before).
    public private(set) var withMismatches = 0
    /// Skipped documents that were stored as failed.
    public private(set) var skippedFailed = 0
    public private(set) var pages = 0
    /// Documents that went through a worker (for the ETA).
    private var worked = 0

    /// A progress display for `total` documents; `bar` on a terminal, lines otherwise.
    public init(
        total: Int, bar: Bool, write: @escaping (String) -> Void = BatchProgress.standardError
    ) {
        self.total = total
        self.bar = bar
        self.write = write
        start = clock.now
    }

    /// Whether standard error is a terminal.
    public static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Writes to standard error, unbuffered.
    public static func standardError(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                    Glibc.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                    Darwin.write(2, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Failures of all kinds, including skipped documents stored as failed before.
    public var failed: Int { failures.values.reduce(0, +) }

    /// Whether the batch has something to report (exit code 1): a failure, an error finding or a
    /// mismatch, in a document processed now or stored before.
    public var hasFindings: Bool { failed > 0 || skippedFailed > 0 || withErrors > 0 || withMismatches > 0 }

    /// Counts one outcome and shows it.
    public mutating func record(_ outcome: DocumentOutcome) {
        done += 1
        var line: String
        switch outcome {
        case .stored(let summary, let seconds, let detail):
            worked += 1
            pages += summary.identity.pages ?? 0
            let time = DecimalText.rounded(seconds, decimals: 2) + " s"
            switch summary.status {
            case .processed:
                processed += 1
                let errors = summary.errors
                let mismatches = summary.mismatches
                if errors > 0 { withErrors += 1 }
                if mismatches > 0 { withMismatches += 1 }
                line =
                    "ok      \(summary.identity.path): \(summary.identity.pages ?? 0) pages, \(summary.facts) facts, "
                    + "\(errors) error\(errors == 1 ? "" : "s"), \(mismatches) mismatch\(mismatches == 1 ? "" : "es") (\(time))"
            case .failed(let reason):
                failures[reason, default: 0] += 1
                line = "failed  \(summary.identity.path): \(reason) (\(time))"
                if let detail, reason.hasPrefix("crashed") || reason.hasPrefix("failed") {
                    line += ": \(detail)"
                }
            }
        case .skipped(let path, let failed, let errors, let mismatches):
            skipped += 1
            if failed { skippedFailed += 1 }
            if errors > 0 { withErrors += 1 }
            if mismatches > 0 { withMismatches += 1 }
            line = "skipped \(path): already stored\(failed ? " (failed)" : "")"
        case .duplicate(let path, let first):
            duplicates += 1
            line = "skipped \(path): the same file as \(first)"
        case .unreadable(let path):
            failures["unreadable", default: 0] += 1
            line = "failed  \(path): unreadable (not stored)"
        }
        if bar {
            draw(force: done == total)
        } else {
            write("[\(done)/\(total)] \(line)\n")
        }
    }

    /// Redraws the bar, at most ten times a second unless `force`.
    public mutating func draw(force: Bool = false) {
        guard bar else { return }
        let now = clock.now
        if !force, let lastDraw, lastDraw.duration(to: now) < .milliseconds(100) { return }
        lastDraw = now
        write("\r\u{1B}[K" + barLine(now: now))
    }

    /// The bar's text: `[#####.....] 12/40 docs  35.2 pages/s  ETA 0:42  2 failed`.
    func barLine(now: ContinuousClock.Instant) -> String {
        let width = 24
        let filled = total == 0 ? width : done * width / total
        var line =
            "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] "
        line += "\(done)/\(total) docs"
        let seconds = Self.seconds(start.duration(to: now))
        line += "  " + DecimalText.rounded(seconds > 0 ? Double(pages) / seconds : 0, decimals: 1) + " pages/s"
        let remaining = total - done
        if worked > 0, remaining > 0 {
            line += "  ETA " + Self.clockTime(seconds / Double(worked) * Double(remaining))
        }
        if failed > 0 { line += "  \(failed) failed" }
        return line
    }

    /// Clears the bar and writes the summary.
    public mutating func finish() {
        if bar { write("\r\u{1B}[K") }
        let seconds = Self.seconds(start.duration(to: clock.now))
        // A queue worker does not know the total in advance: it speaks of what it did.
        let count = max(total, done)
        var summary = "batch: \(count) document\(count == 1 ? "" : "s"): \(processed) processed"
        if skipped > 0 { summary += ", \(skipped) already stored" }
        if duplicates > 0 { summary += ", \(duplicates) duplicate\(duplicates == 1 ? "" : "s")" }
        let failedNow = failed
        summary += ", \(failedNow) failed"
        if failedNow > 0 {
            let reasons = failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
            summary += " (" + reasons.joined(separator: ", ") + ")"
        }
        summary += "\n"
        summary += "batch: \(pages) pages in \(DecimalText.rounded(seconds, decimals: 1)) s"
        summary += " (\(DecimalText.rounded(seconds > 0 ? Double(pages) / seconds : 0, decimals: 1)) pages/s)"
        summary += "; \(withErrors) with error findings, \(withMismatches) with mismatches"
        if skippedFailed > 0 { summary += ", \(skippedFailed) stored before as failed" }
        write(summary + "\n")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// `m:ss` or `h:mm:ss`.
    static func clockTime(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
        let twoDigits = { (n: Int) in n < 10 ? "0\(n)" : "\(n)" }
        return hours > 0
            ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
    }
}

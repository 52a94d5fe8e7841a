import Checks
import Reconciler

/// Findings for a reader (`check`'s text format).
public enum FindingText {
    /// The counts by severity, then two lines per finding shown: severity, rule, page and place,
    /// then the message. Info findings are listed only with `includeInfo`.
    public static func render(_ findings: [Finding], includeInfo: Bool) -> String {
        let errors = findings.filter { $0.severity == .error }.count
        let warnings = findings.filter { $0.severity == .warning }.count
        let infos = findings.filter { $0.severity == .info }.count
        var lines = [
            "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info (within rounding, or claims linked to no figure)"
        ]
        for finding in findings where includeInfo || finding.severity != .info {
            let place =
                finding.table == nil
                ? "“\(finding.sentence ?? "")”"
                : [finding.table, finding.row, finding.col].compactMap { $0 }.joined(separator: " | ")
            lines.append(
                "\(finding.severity.rawValue.uppercased()) [\(finding.rule)] p\(finding.page.map(String.init) ?? "-") \(place)"
            )
            lines.append("    \(finding.message)")
        }
        if !includeInfo && infos > 0 { lines.append("(--all lists the \(infos) info findings)") }
        return lines.joined(separator: "\n")
    }
}

/// Claims for a reader (`claims`' text format).
public enum ClaimText {
    /// The counts, then one line per claim (page, verdict, value, expected value, quantity) and,
    /// for an inconsistent one, its message and sentence.
    public static func render(_ claims: [Claim]) -> String {
        let bad = claims.filter { $0.verdict == .inconsistent }.count
        let unlinked = claims.filter { $0.verdict == .unlinked }.count
        var lines = ["\(claims.count) claims: \(bad) inconsistent, \(unlinked) unlinked"]
        for claim in claims {
            let expected = claim.expected.map { " (expected \($0))" } ?? ""
            lines.append(
                "p\(claim.page) \(claim.verdict.rawValue.uppercased()) \(claim.value)\(claim.unit)\(expected) [\(claim.quantity)]"
            )
            if claim.verdict == .inconsistent {
                lines.append("    \(claim.message)")
                lines.append("    \(claim.sentence)")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The sentences the claims are read from, one a line: `pPAGE<TAB>TEXT`.
    public static func sentences(_ sentences: [ClaimSentence]) -> String {
        sentences.map { "p\($0.page)\t\($0.text)" }.joined(separator: "\n")
    }
}

/// Mismatches for a reader (`reconcile`'s text format).
public enum MismatchText {
    /// The counts by kind, the agreeing figures and rounding notes, then two lines per mismatch
    /// or note given: kind, page, entity and place, then the message.
    public static func render(_ mismatches: [Mismatch], agreed: Int, notes: Int, all: Bool) -> String {
        let count = mismatches.filter(\.kind.isMismatch).count
        var byKind: [MismatchKind: Int] = [:]
        for mismatch in mismatches where mismatch.kind.isMismatch {
            byKind[mismatch.kind, default: 0] += 1
        }
        let kinds = MismatchKind.allCases.compactMap { kind in
            byKind[kind].map { "\($0) \(kind.rawValue)" }
        }
        var lines = [
            "\(count) mismatch\(count == 1 ? "" : "es")\(kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))"), \(agreed) figures agree, \(notes) rounding note\(notes == 1 ? "" : "s") (舍位平衡)"
        ]
        for mismatch in mismatches {
            let place = [mismatch.table, mismatch.row, mismatch.col].joined(separator: " | ")
            let label =
                mismatch.kind.isMismatch ? mismatch.kind.rawValue.uppercased() : "INFO rounding_balance"
            lines.append(
                "\(label) p\(mismatch.page.map(String.init) ?? "-") \(mismatch.entity) | \(place)")
            lines.append("    \(mismatch.message)")
        }
        if !all && notes > 0 { lines.append("(--all lists the \(notes) rounding notes)") }
        return lines.joined(separator: "\n")
    }
}

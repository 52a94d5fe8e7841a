import Basics
import ReportModel
import Vocabulary

/// The year a report speaks of must be the same in its headings and titles: the Zhuzhou seed's
/// 第三部分 heading says 2022年度 in a 2023 report.
public enum YearConsistency {
    /// A line of text with its page: a heading, a title or a sentence of the narrative.
    public struct Text: Sendable {
        public var page: Int
        public var text: String
        public init(page: Int, text: String) {
            self.page = page
            self.text = text
        }
    }

    /// The report's year: the one most `YYYY年度` mentions in headings name.
    public static func reportYear(_ texts: [Text]) -> Int? {
        var counts: [Int: Int] = [:]
        for text in texts where isHeading(text.text) {
            for year in years(in: text.text) { counts[year, default: 0] += 1 }
        }
        return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
    }

    /// A warning for every heading that names another year than `year` with 年度.
    public static func findings(_ texts: [Text], year: Int, entity: String) -> [Finding] {
        texts.compactMap { text -> Finding? in
            guard isHeading(text.text) else { return nil }
            let others = years(in: text.text).filter { $0 != year }
            guard let other = others.first else { return nil }
            return Finding(
                rule: "year-mismatch", severity: .warning, entity: entity, table: nil, row: nil, col: nil,
                page: text.page, printed: "\(other)年度", expected: "\(year)年度",
                message: "the heading names \(other)年度 in a report on \(year)年度", sentence: text.text)
        }
    }

    /// Headings and titles: short, and not a sentence of running text.
    static func isHeading(_ text: String) -> Bool {
        let compact = Normalization.n(text)
        return compact.count <= 40 && !compact.contains("。") && !compact.contains("，")
            && Vocabulary.standard.labels.headingWords.contains(where: compact.contains)
    }

    /// Every `YYYY年度` in the text.
    static func years(in text: String) -> [Int] {
        PrintedYear.years(in: Normalization.n(text), suffix: PrintedWords.fiscalYear).compactMap { Int($0) }
    }
}

/// The department a report speaks of must be the one its tables name: a heading such as
/// `2023年度株洲市商务局部门决算` names the department; it must be one of the tables' 部门/单位.
public enum DepartmentConsistency {
    /// The department a heading names (`2023年度株洲市商务局部门决算` → 株洲市商务局), if any.
    static func department(inHeading text: String) -> String? {
        let compact = Normalization.n(text)
        let labels = Vocabulary.standard.labels
        guard YearConsistency.isHeading(text),
            let end = labels.departmentHeadingEndings.lazy.compactMap({ compact.range(ofSuffix: $0) }).first
        else { return nil }
        var name = Substring(compact[..<end])
        // Leading or trailing `YYYY年度` / `YYYY年` is the year, not the name.
        for suffix in ["年度", "年"] {
            if name.hasSuffix(suffix), name.dropLast(suffix.count).suffix(4).allSatisfy(\.isASCIIDigit),
                name.count >= suffix.count + 4
            {
                name = name.dropLast(suffix.count + 4)
            }
        }
        if name.count >= 6, name.prefix(4).allSatisfy(\.isASCIIDigit) {
            name = name.dropFirst(4)
            if name.hasPrefix("年度") { name = name.dropFirst(2) } else if name.hasPrefix("年") { name = name.dropFirst(1) }
        }
        // A heading of the contents or of a part (二、机构设置, 第二部分) names no department.
        if labels.partHeadingStarts.contains(where: name.hasPrefix) || labels.noDepartmentWords.contains(where: name.contains) {
            return nil
        }
        return name.count >= 2 ? String(name) : nil
    }

    /// A warning for every heading naming a department that none of the tables names.
    public static func findings(_ texts: [YearConsistency.Text], entities: Set<String>) -> [Finding] {
        let named = entities.filter { !$0.isEmpty }
        guard !named.isEmpty else { return [] }
        var seen = Set<String>()
        return texts.compactMap { text -> Finding? in
            guard let department = department(inHeading: text.text), !named.contains(department),
                !named.contains(where: { $0.hasSuffix(department) || department.hasSuffix($0) }),
                seen.insert(department).inserted
            else { return nil }
            return Finding(
                rule: "department-mismatch", severity: .warning, entity: named.sorted().first ?? "", table: nil, row: nil,
                col: nil, page: text.page, printed: department, expected: named.sorted().joined(separator: " / "),
                message: "the heading names \(department), the tables \(named.sorted().joined(separator: ", "))",
                sentence: text.text)
        }
    }
}

extension String {
    /// The start of `suffix` when the string ends with it.
    fileprivate func range(ofSuffix suffix: String) -> String.Index? {
        hasSuffix(suffix) ? index(endIndex, offsetBy: -suffix.count) : nil
    }
}

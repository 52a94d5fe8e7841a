import FoundationEssentials
import ReportModel

/// Reads a facts.csv file (FACTS.md), with a one-line error for a bad one.
public enum FactsFile {
    /// The facts of the file at `path`, in file order. A byte order mark is skipped; blank lines
    /// are ignored; the first bad line stops the reading with its number.
    public static func read(_ path: String) throws(PipelineError) -> [Fact] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw PipelineError("\(path): no such file or not readable; check the path")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let records = FactsCSV.parseRecords(text)
        guard let header = records.first, header.joined(separator: ",") == FactsCSV.header else {
            throw PipelineError("\(path): not a facts.csv; the first line must be \(FactsCSV.header)")
        }
        var facts: [Fact] = []
        for (offset, record) in records.dropFirst().enumerated() where !(record.count == 1 && record[0].isEmpty) {
            let line = offset + 2
            guard record.count == 8 else {
                throw PipelineError("\(path): line \(line): expected 8 fields, found \(record.count)")
            }
            guard let page = Int(record[7]), page >= 1 else {
                throw PipelineError("\(path): line \(line): page \(record[7]) is not a page number")
            }
            guard Amount.parse(record[5]) != nil else {
                throw PipelineError("\(path): line \(line): value \(record[5]) is not a number")
            }
            facts.append(
                Fact(
                    entity: record[0], table: record[1], row: record[2], col: record[3], name: record[4],
                    value: record[5], unit: record[6], page: page))
        }
        return facts
    }
}

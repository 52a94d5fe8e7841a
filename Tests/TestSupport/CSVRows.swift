import CSV

/// The rows of a CSV document as the reports write it (a byte order mark first is skipped).
public enum CSVRows {
    /// Every row, the header first.
    public static func parse(_ text: String) throws -> [[String]] {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let reader = try CSVReader(string: body)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        return rows
    }
}

import Basics

/// One non-empty numeric cell of a table, keyed as FACTS.md defines it.
public struct Fact: Sendable, Hashable, Codable {
    /// `N(name)` of the department or unit the table belongs to; empty when none is printed.
    public var entity: String
    /// `N(title)` of the table.
    public var table: String
    /// The row key: the classification code, `N(name)`, or `#n`.
    public var row: String
    /// The column's header path, components joined with `/`.
    public var col: String
    /// `N(item name)` of the row.
    public var name: String
    /// The printed value (see ``Amount/description``).
    public var value: String
    /// `元` or `万元` (or another unit as printed).
    public var unit: String
    /// The 1-based page on which the value is printed.
    public var page: Int
    /// The value's box in display space (points), for evidence.
    public var box: Rect?

    /// A fact from its fields.
    public init(
        entity: String, table: String, row: String, col: String, name: String, value: String, unit: String,
        page: Int, box: Rect? = nil
    ) {
        self.entity = entity
        self.table = table
        self.row = row
        self.col = col
        self.name = name
        self.value = value
        self.unit = unit
        self.page = page
        self.box = box
    }
}

/// Writes facts as `facts.csv` (RFC 4180, UTF-8).
public enum FactsCSV {
    /// The header line, exactly.
    public static let header = "entity,table,row,col,name,value,unit,page"

    /// The whole file: header and one line per fact, each line ending with `\n`.
    public static func write(_ facts: [Fact]) -> String {
        var out = header + "\n"
        for fact in facts {
            out += [fact.entity, fact.table, fact.row, fact.col, fact.name, fact.value, fact.unit, String(fact.page)]
                .map(field).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    /// One field, quoted when it holds a comma, a quote or a line break.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        guard needsQuotes else { return text }
        var quoted = "\""
        for character in text {
            if character == "\"" { quoted += "\"\"" } else { quoted.append(character) }
        }
        return quoted + "\""
    }

    /// Parses a facts.csv text (RFC 4180) into records of fields, header included.
    public static func parseRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var fieldText = ""
        var inQuotes = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return iterator.next()
        }
        var sawAny = false
        while let scalar = next() {
            sawAny = true
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { fieldText.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                    } else { inQuotes = false }
                } else {
                    fieldText.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true
            case ",": record.append(fieldText); fieldText = ""
            case "\r": continue
            case "\n":
                record.append(fieldText); fieldText = ""
                records.append(record); record = []
            default: fieldText.unicodeScalars.append(scalar)
            }
        }
        if sawAny && (!fieldText.isEmpty || !record.isEmpty) {
            record.append(fieldText)
            records.append(record)
        }
        return records
    }
}

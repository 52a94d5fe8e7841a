/// The store's tables described once (docs/store.md): each table's columns with their types in
/// SQLite and PostgreSQL, its keys, checks and indexes. Both schemas, the inserts and the typed
/// reading of rows are generated from these descriptions, so the two stores cannot drift apart.

/// The SQL dialect of a store (the same one the exports are spelt in).
public typealias SQLDialect = ExportDialect

/// A value as both databases hold it.
public enum StoredValue: Sendable, Hashable {
    case null
    case text(String)
    case integer(Int64)
    case real(Double)
}

/// How a column is declared in each database.
public enum StoreColumnType: Sendable, Hashable {
    /// `TEXT` in both.
    case text
    /// `INTEGER` in both: pages, years, scales, sequence numbers (32 bits in PostgreSQL).
    case integer
    /// `INTEGER` in SQLite, `BIGINT` in PostgreSQL: money's minor units, file sizes.
    case bigint
    /// `REAL` in SQLite, `DOUBLE PRECISION` in PostgreSQL: box coordinates.
    case real
    /// `TEXT` (ISO 8601, UTC) in SQLite, `TIMESTAMPTZ` in PostgreSQL.
    case timestamp
    /// `BIGSERIAL` (PostgreSQL only: the work queue's order).
    case bigserial

    /// The type's name in `dialect`.
    public func spelling(_ dialect: SQLDialect) -> String {
        switch (self, dialect) {
        case (.text, _): "TEXT"
        case (.integer, _): "INTEGER"
        case (.bigint, .sqlite): "INTEGER"
        case (.bigint, .postgres): "BIGINT"
        case (.real, .sqlite): "REAL"
        case (.real, .postgres): "DOUBLE PRECISION"
        case (.timestamp, .sqlite): "TEXT"
        case (.timestamp, .postgres): "TIMESTAMPTZ"
        case (.bigserial, _): "BIGSERIAL"
        }
    }
}

/// One column's declaration, the same in both databases but for the type's spelling and
/// PostgreSQL's defaults.
public struct ColumnDeclaration: Sendable, Hashable {
    public var name: String
    public var type: StoreColumnType
    public var isNullable: Bool
    /// The table's key on its own (`PRIMARY KEY NOT NULL`).
    public var isPrimaryKey: Bool
    public var isUnique: Bool
    /// PostgreSQL's `DEFAULT` (the SQLite store writes every value itself); a column with one is
    /// left to the server when PostgreSQL inserts a row.
    public var postgresDefault: String?
    /// What follows the declaration in both: `REFERENCES …`, `CHECK (…)`.
    public var constraint: String?

    /// The declaration after the column's name: `TEXT NOT NULL CHECK (…)`.
    func definition(_ dialect: SQLDialect) -> String {
        var text = type.spelling(dialect)
        if isPrimaryKey { text += " PRIMARY KEY" }
        if !isNullable { text += " NOT NULL" }
        if isUnique { text += " UNIQUE" }
        if dialect == .postgres, let postgresDefault { text += " DEFAULT " + postgresDefault }
        if let constraint { text += " " + constraint }
        return text
    }
}

/// A Swift type that a column holds: its column type, and its conversion to and from ``StoredValue``.
public protocol StorableValue: Sendable {
    /// The column type of a column holding this type (unless the column says otherwise).
    static var columnType: StoreColumnType { get }
    /// Whether the column may hold NULL (an optional).
    static var isNullable: Bool { get }
    /// The value as stored.
    var storedValue: StoredValue { get }
    /// The value from a stored one; `nil` when it cannot be one of these.
    init?(storedValue: StoredValue)
}

extension String: StorableValue {
    public static var columnType: StoreColumnType { .text }
    public static var isNullable: Bool { false }
    public var storedValue: StoredValue { .text(self) }
    public init?(storedValue: StoredValue) {
        guard case .text(let text) = storedValue else { return nil }
        self = text
    }
}

extension Int: StorableValue {
    public static var columnType: StoreColumnType { .integer }
    public static var isNullable: Bool { false }
    public var storedValue: StoredValue { .integer(Int64(self)) }
    public init?(storedValue: StoredValue) {
        guard case .integer(let number) = storedValue, let value = Int(exactly: number) else { return nil }
        self = value
    }
}

extension Int64: StorableValue {
    public static var columnType: StoreColumnType { .bigint }
    public static var isNullable: Bool { false }
    public var storedValue: StoredValue { .integer(self) }
    public init?(storedValue: StoredValue) {
        guard case .integer(let number) = storedValue else { return nil }
        self = number
    }
}

extension Double: StorableValue {
    public static var columnType: StoreColumnType { .real }
    public static var isNullable: Bool { false }
    public var storedValue: StoredValue { .real(self) }
    public init?(storedValue: StoredValue) {
        switch storedValue {
        case .real(let number): self = number
        // SQLite may hand back a whole REAL as an integer.
        case .integer(let number): self = Double(number)
        case .null, .text: return nil
        }
    }
}

extension Optional: StorableValue where Wrapped: StorableValue {
    public static var columnType: StoreColumnType { Wrapped.columnType }
    public static var isNullable: Bool { true }
    public var storedValue: StoredValue { map(\.storedValue) ?? .null }
    public init?(storedValue: StoredValue) {
        if storedValue == .null {
            self = .none
        } else if let value = Wrapped(storedValue: storedValue) {
            self = .some(value)
        } else {
            return nil
        }
    }
}

/// A column of any value type, for lists of a table's columns.
public protocol AnyStoreColumn: Sendable {
    var declaration: ColumnDeclaration { get }
}

/// A typed column (GRDB's "typed column constants"): its name and declaration, and the Swift type
/// its values are read and written as, so that rows are read by name and type, never by position.
public struct StoreColumn<Value: StorableValue>: AnyStoreColumn, Hashable {
    public let declaration: ColumnDeclaration
    /// The column's name.
    public var name: String { declaration.name }

    /// A column named `name`; its type follows `Value` unless `type` says otherwise (a timestamp).
    public init(
        _ name: String, type: StoreColumnType = Value.columnType, primaryKey: Bool = false, unique: Bool = false,
        postgresDefault: String? = nil, _ constraint: String? = nil
    ) {
        declaration = ColumnDeclaration(
            name: name, type: type, isNullable: Value.isNullable, isPrimaryKey: primaryKey, isUnique: unique,
            postgresDefault: postgresDefault, constraint: constraint)
    }
}

/// An index of a table.
public struct IndexDescription: Sendable, Hashable {
    public var name: String
    public var columns: [String]
    /// A partial index's `WHERE` condition.
    public var condition: String?

    /// An index from its parts.
    public init(_ name: String, on columns: [String], where condition: String? = nil) {
        self.name = name
        self.columns = columns
        self.condition = condition
    }
}

/// One table: its name, columns, keys, checks and indexes, and the SQL generated from them.
public struct TableDescription: Sendable {
    /// How the `CREATE` statements are laid out. SQLite keeps the text of each statement in its
    /// schema, so a table keeps the layout it first shipped with.
    public enum Layout: Sendable, Hashable {
        /// Column names padded to one width; `ON table (columns)`.
        case aligned
        /// One space after each name; `ON table(columns)` (the scrape's tables).
        case compact
    }

    public var name: String
    public var columns: [ColumnDeclaration]
    /// The key when it has several columns (a single-column key is marked on its column).
    public var primaryKey: [String]
    /// Table `CHECK` conditions.
    public var checks: [String]
    public var indexes: [IndexDescription]
    public var layout: Layout

    /// A table from its parts.
    public init(
        _ name: String, columns: [any AnyStoreColumn], primaryKey: [String] = [], checks: [String] = [],
        indexes: [IndexDescription] = [], layout: Layout = .aligned
    ) {
        self.name = name
        self.columns = columns.map(\.declaration)
        self.primaryKey = primaryKey
        self.checks = checks
        self.indexes = indexes
        self.layout = layout
    }

    /// The column names in order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The columns an insert writes in `dialect`: PostgreSQL leaves those with a default to the server.
    public func insertedColumns(_ dialect: SQLDialect) -> [ColumnDeclaration] {
        columns.filter { dialect == .sqlite || $0.postgresDefault == nil }
    }

    /// The key's columns, whether one or several.
    public var keyColumns: [String] {
        primaryKey.isEmpty ? columns.filter(\.isPrimaryKey).map(\.name) : primaryKey
    }

    /// `CREATE TABLE` and then `CREATE INDEX` for each index.
    public func createStatements(_ dialect: SQLDialect) -> [String] {
        let width = layout == .aligned ? (columns.map(\.name.count).max() ?? 0) + 2 : 0
        var lines = columns.map { column in
            let name =
                layout == .aligned
                ? column.name + String(repeating: " ", count: width - column.name.count)
                : column.name + " "
            return "    " + name + column.definition(dialect)
        }
        if !primaryKey.isEmpty { lines.append("    PRIMARY KEY (\(primaryKey.joined(separator: ", ")))") }
        lines += checks.map { "    CHECK (\($0))" }
        let table = "CREATE TABLE \(name) (\n" + lines.joined(separator: ",\n") + "\n)"
        let space = layout == .aligned ? " " : ""
        return [table]
            + indexes.map { index in
                "CREATE INDEX \(index.name) ON \(name)\(space)(\(index.columns.joined(separator: ", ")))"
                    + (index.condition.map { " WHERE " + $0 } ?? "")
            }
    }

    /// `ON CONFLICT (key) DO UPDATE SET column = excluded.column, …` for every column off the key.
    public var upsertClause: String {
        let key = keyColumns
        let updates = columns.map(\.name).filter { !key.contains($0) }.map { "\($0) = excluded.\($0)" }
        return "ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET " + updates.joined(separator: ", ")
    }
}

/// One row of a table, read and written through the table's typed columns.
public struct StoredRow: Sendable, Hashable {
    /// The table the row is of (for error messages).
    public var table: String
    private var values: [String: StoredValue]

    /// A row of `table` with every column NULL.
    public init(_ table: String) {
        self.table = table
        self.values = [:]
    }

    /// Sets a column's value.
    public mutating func set<Value>(_ column: StoreColumn<Value>, _ value: Value) {
        self[column.name] = value.storedValue
    }

    /// A column's value as its type, or ``StoreError/Kind/corrupt`` when the database holds
    /// another kind of value there (a damaged database).
    public func value<Value>(_ column: StoreColumn<Value>) throws(StoreError) -> Value {
        let stored = values[column.name] ?? .null
        guard let value = Value(storedValue: stored) else {
            throw .corrupt("\(table).\(column.name) holds \(stored), not a \(Value.self)")
        }
        return value
    }

    /// The stored value of a column by name (NULL when not set).
    public subscript(name: String) -> StoredValue {
        get { values[name] ?? .null }
        // NULL is kept as no value, so that a row read back equals the row written.
        set { values[name] = newValue == .null ? nil : newValue }
    }

    /// The values of `columns`, in their order.
    public func values(_ columns: [ColumnDeclaration]) -> [StoredValue] {
        columns.map { values[$0.name] ?? .null }
    }
}

import Basics

/// Why a store (SQLite or PostgreSQL) could not do what was asked: what kind of failure, and the
/// message for the `error:` line.
public struct StoreError: JuesuanError, Hashable, CustomStringConvertible {
    /// What kind of failure it is, for callers that act on it.
    public enum Kind: Sendable, Hashable {
        /// The `--db` URL cannot be used.
        case invalidURL
        /// The database could not be opened or its server reached (`server`: the file or server).
        case connection(server: String)
        /// The database refused or failed a statement (with PostgreSQL's SQLSTATE code).
        case database(sqlState: String?)
        /// The database was written by a newer juesuan (a schema version this one does not know).
        case schemaTooNew(found: Int, supported: Int)
        /// A value that must be stored as money is not a printed amount.
        case notAnAmount
        /// `export --where` names a column the export does not have, or a value it cannot hold.
        case badFilter
        /// A result handed to the work queue is for another document than the claim.
        case identityMismatch(queued: String, result: String)
        /// A value read back is not what the schema allows (a damaged database).
        case corrupt
        /// An export could not be written.
        case output
    }

    /// What kind of failure it is.
    public var kind: Kind
    /// What went wrong and, where it helps, what to do (without `error: `).
    public var message: String

    /// An error from its kind and message.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension StoreError {
    /// A `--db` URL that cannot be used.
    public static func invalidURL(_ problem: String) -> StoreError {
        StoreError(.invalidURL, "bad PostgreSQL URL: \(problem)")
    }

    /// A PostgreSQL server that could not be reached or refused the connection.
    public static func connection(server: String, reason: String) -> StoreError {
        StoreError(.connection(server: server), "cannot connect to PostgreSQL at \(server): \(reason)")
    }

    /// An SQLite file that cannot be opened.
    public static func cannotOpen(path: String, reason: String) -> StoreError {
        StoreError(.connection(server: path), "\(path): cannot open the SQLite store (\(reason))")
    }

    /// A statement the PostgreSQL server rejected: its message and SQLSTATE code.
    public static func server(message: String, sqlState: String?) -> StoreError {
        StoreError(
            .database(sqlState: sqlState), "PostgreSQL: \(message)\(sqlState.map { " (SQLSTATE \($0))" } ?? "")")
    }

    /// An SQLite operation that failed on the file at `path`.
    public static func sqlite(path: String, reason: String) -> StoreError {
        StoreError(.database(sqlState: nil), "\(path): \(reason)")
    }

    /// A database from a newer juesuan.
    public static func schemaTooNew(found: Int, supported: Int) -> StoreError {
        StoreError(
            .schemaTooNew(found: found, supported: supported),
            "the database has schema version \(found); this juesuan knows versions up to \(supported) — use a newer juesuan"
        )
    }

    /// `what` (`PATH: fact value`) is `text`, which is not a printed amount.
    public static func notAnAmount(_ what: String, text: String) -> StoreError {
        StoreError(.notAnAmount, "\(what) '\(text)' is not a printed amount and cannot be stored as money")
    }

    /// An `export --where` filter that does not fit the export.
    public static func filter(_ error: ExportFilterError) -> StoreError {
        switch error {
        case .unknownColumn(let column, let kind, let available):
            StoreError(
                .badFilter,
                "--where \(column)=…: no column \(column) in \(kind.rawValue); columns: \(available.joined(separator: ", "))"
            )
        case .badValue(let column, let value, let expected):
            StoreError(.badFilter, "--where \(column)=\(value): \(column) is \(expected)")
        }
    }

    /// A result for another document than the queue's claim.
    public static func identityMismatch(queued: String, result: String) -> StoreError {
        StoreError(
            .identityMismatch(queued: queued, result: result),
            "the result is for document \(result), but the claim is for \(queued) (did the file change?)")
    }

    /// A value read back that the schema does not allow.
    public static func corrupt(_ what: String) -> StoreError {
        StoreError(.corrupt, "the database holds an unexpected value: \(what)")
    }
}

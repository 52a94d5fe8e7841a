import PostgresNIO

/// What went wrong in the PostgreSQL store or its work queue, as one line for `error: …`.
public enum PostgresStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `--db` URL cannot be used.
    case invalidURL(String)
    /// The server could not be reached or refused the connection.
    case connection(server: String, reason: String)
    /// The server rejected a statement: its message and SQLSTATE code.
    case server(message: String, sqlState: String?)
    /// The database was written by a newer juesuan (a schema version this one does not know).
    case schemaTooNew(found: Int, supported: Int)
    /// A value that must be stored as money is not a printed amount.
    case notAnAmount(column: String, text: String)
    /// `export --where` names a column the exported table does not have.
    case unknownColumn(String, available: [String])
    /// `export --where` gives a value the column cannot hold.
    case badFilterValue(column: String, value: String)
    /// A result handed to ``PostgresWorkQueue/complete(_:with:)`` is for another document.
    case identityMismatch(queued: String, result: String)
    /// A value read back from the database is not what the schema allows (a damaged database).
    case corrupt(String)

    public var description: String {
        switch self {
        case .invalidURL(let message):
            return "bad PostgreSQL URL: \(message)"
        case .connection(let server, let reason):
            return "cannot connect to PostgreSQL at \(server): \(reason)"
        case .server(let message, let sqlState):
            return "PostgreSQL: \(message)\(sqlState.map { " (SQLSTATE \($0))" } ?? "")"
        case .schemaTooNew(let found, let supported):
            return
                "the database has schema version \(found); this juesuan knows versions up to \(supported) — use a newer juesuan"
        case .notAnAmount(let column, let text):
            return "\(column) '\(text)' is not a printed amount and cannot be stored as money"
        case .unknownColumn(let column, let available):
            return "no column '\(column)' to filter on (columns: \(available.joined(separator: ", ")))"
        case .badFilterValue(let column, let value):
            return "'\(value)' is not a valid value for the column \(column)"
        case .identityMismatch(let queued, let result):
            return "the result is for document \(result), but the claim is for \(queued) (did the file change?)"
        case .corrupt(let message):
            return "the database holds an unexpected value: \(message)"
        }
    }

    /// A postgres-nio error (or any other) as a store error with a readable message.
    static func wrapping(_ error: any Error, server: String) -> PostgresStoreError {
        if let error = error as? PostgresStoreError { return error }
        if let error = error as? PSQLError {
            if let info = error.serverInfo, let message = info[.message] {
                return .server(message: message, sqlState: info[.sqlState])
            }
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .sslUnsupported,
                .failedToAddSSLHandler, .uncleanShutdown, .poolClosed, .unsupportedAuthMechanism,
                .authMechanismRequiresPassword, .saslError:
                let underlying = error.underlying.map { String(describing: $0) }
                return .connection(server: server, reason: underlying ?? error.code.description)
            default:
                return .server(message: error.code.description, sqlState: nil)
            }
        }
        if let error = error as? PostgresDecodingError {
            return .corrupt("cannot decode column \(error.columnName) (\(error.code))")
        }
        return .connection(server: server, reason: String(describing: error))
    }
}

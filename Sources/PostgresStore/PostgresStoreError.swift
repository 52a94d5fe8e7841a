import PostgresNIO
import Store

extension StoreError {
    /// A postgres-nio error (or any other) as a store error with a readable message.
    static func wrapping(_ error: any Error, server: String) -> StoreError {
        if let error = error as? StoreError { return error }
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

import FoundationEssentials
import PostgresNIO
import Store

/// Where a ``PostgresStore`` keeps its tables: a server, a database and a schema.
///
/// Made from a `postgres://` URL in the form libpq uses:
///
/// ```
/// postgres://user:password@host:port/database?schema=archive&sslmode=disable
/// postgres://user@/database?host=/var/run/postgresql        (a unix socket directory)
/// ```
///
/// Query parameters:
/// - `schema`: the PostgreSQL schema that holds the tables (created by ``PostgresStore/prepare()``);
///   default `public`. Several archives can share one database, each in its own schema.
/// - `sslmode`: `disable` (the default), `prefer`, `require` (encrypted, certificate not checked, as
///   libpq's `require`) or `verify-full` (encrypted, certificate and host name checked).
/// - `host`: a unix socket directory, as libpq's `host=/dir`; the socket is `dir/.s.PGSQL.port`.
/// - `connections`: the most connections this process opens (default 4).
///
/// The password may also come from the `PGPASSWORD` environment variable, which keeps it out of
/// process listings. The user defaults to `postgres`, the port to 5432.
public struct PostgresStoreConfiguration: Sendable {
    /// The client configuration handed to postgres-nio's `PostgresClient`.
    public var client: PostgresClient.Configuration
    /// The schema that holds the tables; `nil` for the server's default search path (`public`).
    public var schema: String?
    /// A description of the server for messages, without the password: `user@host:port/database`.
    public var serverDescription: String
    /// The same server for a single connection, which ``PostgresStore/checkConnection()`` opens:
    /// the pool retries a server it cannot reach instead of failing, a single connection fails at once.
    var probe: PostgresConnection.Configuration?

    /// A configuration from its parts; `schema` must be a plain identifier (see ``isValidSchemaName(_:)``).
    public init(client: PostgresClient.Configuration, schema: String?, serverDescription: String)
        throws(StoreError)
    {
        if let schema, !Self.isValidSchemaName(schema) {
            throw .invalidURL(
                "the schema name '\(schema)' is not a plain identifier ([a-z_][a-z0-9_]*, at most 63 characters)")
        }
        var client = client
        if let schema {
            // Every connection starts with the schema first on its search path.
            client.options.additionalStartupParameters.append(("search_path", schema))
        }
        self.client = client
        self.schema = schema
        self.serverDescription = serverDescription
    }

    /// Parses a `postgres://` or `postgresql://` URL.
    ///
    /// - Parameters:
    ///   - url: the URL, as given to `--db`.
    ///   - environment: where `PGPASSWORD` is looked up when the URL has no password.
    public init(url: String, environment: [String: String] = [:]) throws(StoreError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw .invalidURL(
                "'\(Self.redacted(url))' is not a postgres:// URL (postgres://user:password@host:port/database)")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] {
            parameters[item.name] = item.value ?? ""
        }
        let known: Set<String> = ["schema", "sslmode", "host", "connections"]
        if let unknown = parameters.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalidURL(
                "unknown parameter '\(unknown)' in the postgres:// URL (known: schema, sslmode, host, connections)")
        }
        let username = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? "postgres"
        let password = components.password ?? environment["PGPASSWORD"]
        var database = components.path
        if database.hasPrefix("/") { database.removeFirst() }
        guard !database.contains("/") else {
            throw .invalidURL("'\(database)' is not a database name; the URL's path is the database")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw .invalidURL("port \(port) is out of range") }

        var configuration: PostgresClient.Configuration
        var probe: PostgresConnection.Configuration
        var description: String
        let name = database.isEmpty ? nil : database
        let socketDirectory = parameters["host"] ?? components.host.flatMap { $0.hasPrefix("/") ? $0 : nil }
        if let socketDirectory, !socketDirectory.isEmpty {
            guard socketDirectory.hasPrefix("/") else {
                throw .invalidURL("the host parameter must be a unix socket directory (an absolute path)")
            }
            let socket = socketDirectory + "/.s.PGSQL.\(port)"
            configuration = .init(unixSocketPath: socket, username: username, password: password, database: name)
            probe = .init(unixSocketPath: socket, username: username, password: password, database: name)
            description = "\(username)@\(socket)/\(database)"
        } else {
            guard let host = components.host, !host.isEmpty else {
                throw .invalidURL("the postgres:// URL names no host (postgres://user@host:port/database)")
            }
            let (tls, probeTLS) = try Self.tls(parameters["sslmode"] ?? "disable")
            configuration = .init(
                host: host, port: port, username: username, password: password, database: name, tls: tls)
            probe = .init(host: host, port: port, username: username, password: password, database: name, tls: probeTLS)
            description = "\(username)@\(host):\(port)/\(database)"
        }
        configuration.options.minimumConnections = 0
        if let text = parameters["connections"] {
            guard let count = Int(text), (1...100).contains(count) else {
                throw .invalidURL("connections=\(text) is not a number from 1 to 100")
            }
            configuration.options.maximumConnections = count
        } else {
            configuration.options.maximumConnections = 4
        }
        configuration.options.connectTimeout = .seconds(10)
        let schema = parameters["schema"].flatMap { $0.isEmpty ? nil : $0 }
        try self.init(client: configuration, schema: schema, serverDescription: description)
        probe.options.connectTimeout = .seconds(10)
        probe.options.additionalStartupParameters = client.options.additionalStartupParameters
        self.probe = probe
    }

    /// The TLS settings of an `sslmode`, for the pool and for a single connection.
    private static func tls(_ mode: String) throws(StoreError) -> (
        PostgresClient.Configuration.TLS, PostgresConnection.Configuration.TLS
    ) {
        do {
            switch mode {
            case "disable":
                return (.disable, .disable)
            case "prefer", "require":
                // As libpq: encrypted, but the certificate is not checked.
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = .none
                let context = try NIOSSLContext(configuration: configuration)
                return mode == "prefer"
                    ? (.prefer(configuration), .prefer(context)) : (.require(configuration), .require(context))
            case "verify-full":
                let configuration = TLSConfiguration.makeClientConfiguration()
                return (.require(configuration), .require(try NIOSSLContext(configuration: configuration)))
            default:
                throw StoreError.invalidURL(
                    "sslmode '\(mode)' is not one of disable, prefer, require, verify-full")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw .invalidURL("cannot set up TLS for sslmode=\(mode): \(error)")
        }
    }

    /// Whether `name` is a schema name that needs no quoting: `[a-z_][a-z0-9_]*`, at most 63 bytes.
    public static func isValidSchemaName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63,
            first == UInt8(ascii: "_") || (0x61...0x7A).contains(first)
        else { return false }
        return name.utf8.allSatisfy {
            $0 == UInt8(ascii: "_") || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0)
        }
    }

    /// The URL with its password replaced by `***`, for messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

import Testing

@testable import PostgresStore
import Store

@Suite("PostgresStoreConfiguration")
struct ConfigurationTests {
    @Test("a postgres:// URL gives the server, database, user, password and schema")
    func tcpURL() throws {
        let configuration = try PostgresStoreConfiguration(
            url: "postgresql://auditor:s%40cret@db.example:6543/archive?schema=zhuzhou_2023&connections=8")
        #expect(configuration.client.host == "db.example")
        #expect(configuration.client.port == 6543)
        #expect(configuration.client.username == "auditor")
        #expect(configuration.client.password == "s@cret")
        #expect(configuration.client.database == "archive")
        #expect(configuration.client.options.maximumConnections == 8)
        #expect(configuration.schema == "zhuzhou_2023")
        #expect(
            configuration.client.options.additionalStartupParameters.map { "\($0.0)=\($0.1)" } == [
                "search_path=zhuzhou_2023"
            ])
        #expect(configuration.serverDescription == "auditor@db.example:6543/archive")
        #expect(configuration.probe?.host == "db.example" && configuration.probe?.port == 6543)
    }

    @Test("defaults: user postgres, port 5432, public schema, password from PGPASSWORD")
    func defaults() throws {
        let configuration = try PostgresStoreConfiguration(
            url: "postgres://localhost/archive", environment: ["PGPASSWORD": "from-env"])
        #expect(configuration.client.username == "postgres")
        #expect(configuration.client.port == 5432)
        #expect(configuration.client.password == "from-env")
        #expect(configuration.schema == nil)
        #expect(configuration.client.options.additionalStartupParameters.isEmpty)
    }

    @Test("a unix socket directory as the host parameter")
    func unixSocket() throws {
        let configuration = try PostgresStoreConfiguration(url: "postgres://juesuan@/test?host=/tmp/pg&sslmode=disable")
        #expect(configuration.client.unixSocketPath == "/tmp/pg/.s.PGSQL.5432")
        #expect(configuration.client.host == nil)
    }

    @Test(
        "bad URLs are errors that say what is wrong",
        arguments: [
            "mysql://localhost/db", "not a url", "postgres://localhost/db?schema=Bad-Name",
            "postgres://localhost/db?foo=1",
            "postgres://localhost/db?sslmode=maybe", "postgres:///db", "postgres://localhost/a/b",
            "postgres://localhost/db?connections=0", "postgres://localhost/db?host=relative",
        ])
    func badURLs(url: String) {
        #expect(throws: StoreError.self) { try PostgresStoreConfiguration(url: url) }
    }

    @Test("a password never shows in messages")
    func redacted() throws {
        #expect(PostgresStoreConfiguration.redacted("postgres://u:secret@h/db") == "postgres://u:***@h/db")
        do {
            _ = try PostgresStoreConfiguration(url: "mysql://u:secret@h/db")
            Issue.record("a mysql:// URL was accepted")
        } catch {
            #expect(!error.description.contains("secret"))
        }
    }

    @Test("schema names are plain identifiers")
    func schemaNames() {
        #expect(PostgresStoreConfiguration.isValidSchemaName("archive_2023"))
        #expect(PostgresStoreConfiguration.isValidSchemaName("_x"))
        #expect(!PostgresStoreConfiguration.isValidSchemaName("2023"))
        #expect(!PostgresStoreConfiguration.isValidSchemaName("a\"; DROP TABLE x; --"))
        #expect(!PostgresStoreConfiguration.isValidSchemaName(String(repeating: "a", count: 64)))
        #expect(!PostgresStoreConfiguration.isValidSchemaName(""))
    }
}

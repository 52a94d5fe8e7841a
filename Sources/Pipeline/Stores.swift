import PostgresStore
import Store

/// The store a `--db` value names: an SQLite file path, or a `postgres://` URL. The one place
/// that chooses between them.
public enum Stores {
    /// Whether `location` names a PostgreSQL server rather than an SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// The store at `location`, schema ready: an SQLite file (created if missing) or a PostgreSQL
    /// server (configured from the URL and the `PG*` environment). ``close(_:)`` releases it.
    ///
    /// Throws the store's own errors.
    public static func open(_ location: String, environment: [String: String]) async throws -> any ArchiveStore {
        if isPostgres(location) {
            let store = try PostgresStore(url: location, environment: environment)
            do {
                try await store.prepare()
            } catch {
                await store.shutdown()
                throw error
            }
            return store
        }
        let store = try SQLiteStore(path: location)
        try await store.prepare()
        return store
    }

    /// Releases a store: a PostgreSQL store's connections are closed (in the background; the
    /// process may end first, which closes them too).
    public static func close(_ store: any ArchiveStore) {
        if let postgres = store as? PostgresStore {
            Task { await postgres.shutdown() }
        }
    }
}

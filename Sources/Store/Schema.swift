import GRDB

/// The store's tables, as plain SQL that SQLite and PostgreSQL both accept (docs/store.md).
///
/// Every document is keyed by the SHA-256 of its bytes; its facts, findings and mismatches hang
/// off it. Money is two integers: the value scaled by 10^scale, and the scale (decimals printed).
enum Schema {
    /// Version 1: documents, facts, findings, mismatches and records.
    static let version1: [String] = [
        """
        CREATE TABLE documents (
            sha256      TEXT PRIMARY KEY NOT NULL,
            path        TEXT NOT NULL,
            size        INTEGER NOT NULL,
            pages       INTEGER,
            producer    TEXT,
            department  TEXT,
            year        INTEGER,
            status      TEXT NOT NULL CHECK (status IN ('processed', 'failed')),
            reason      TEXT,
            stored_at   TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE facts (
            document     TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            seq          INTEGER NOT NULL,
            entity       TEXT NOT NULL,
            table_title  TEXT NOT NULL,
            row_key      TEXT NOT NULL,
            col_path     TEXT NOT NULL,
            name         TEXT NOT NULL,
            value_minor  INTEGER NOT NULL,
            value_scale  INTEGER NOT NULL,
            unit         TEXT NOT NULL,
            page         INTEGER NOT NULL,
            box_x0       REAL,
            box_y0       REAL,
            box_x1       REAL,
            box_y1       REAL,
            PRIMARY KEY (document, seq)
        )
        """,
        "CREATE INDEX facts_key ON facts (entity, table_title, row_key, col_path)",
        """
        CREATE TABLE findings (
            document     TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            seq          INTEGER NOT NULL,
            rule         TEXT NOT NULL,
            severity     TEXT NOT NULL,
            entity       TEXT NOT NULL,
            table_title  TEXT,
            row_key      TEXT,
            col_path     TEXT,
            page         INTEGER,
            printed      TEXT,
            expected     TEXT,
            message      TEXT NOT NULL,
            sentence     TEXT,
            box_x0       REAL,
            box_y0       REAL,
            box_x1       REAL,
            box_y1       REAL,
            PRIMARY KEY (document, seq)
        )
        """,
        "CREATE INDEX findings_rule ON findings (rule, severity)",
        """
        CREATE TABLE mismatches (
            document         TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            seq              INTEGER NOT NULL,
            kind             TEXT NOT NULL,
            entity           TEXT NOT NULL,
            table_title      TEXT NOT NULL,
            row_key          TEXT NOT NULL,
            col_path         TEXT NOT NULL,
            name             TEXT,
            published_minor  INTEGER,
            published_scale  INTEGER,
            published_unit   TEXT,
            recorded_minor   INTEGER,
            recorded_scale   INTEGER,
            recorded_unit    TEXT,
            page             INTEGER,
            box_x0           REAL,
            box_y0           REAL,
            box_x1           REAL,
            box_y1           REAL,
            record_source    TEXT,
            record_line      INTEGER,
            message          TEXT NOT NULL,
            PRIMARY KEY (document, seq)
        )
        """,
        """
        CREATE TABLE records (
            department   TEXT NOT NULL,
            year         INTEGER NOT NULL,
            table_title  TEXT NOT NULL,
            row_key      TEXT NOT NULL,
            col_path     TEXT NOT NULL,
            unit         TEXT NOT NULL,
            value_minor  INTEGER NOT NULL,
            value_scale  INTEGER NOT NULL,
            source       TEXT NOT NULL,
            line         INTEGER NOT NULL,
            PRIMARY KEY (department, year, table_title, row_key, col_path)
        )
        """,
    ]

    /// The migrator that brings any store up to the current version; running it again does nothing.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            for statement in version1 { try db.execute(sql: statement) }
        }
        return migrator
    }
}

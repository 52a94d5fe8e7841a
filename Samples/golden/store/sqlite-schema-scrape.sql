-- table grdb_migrations ON grdb_migrations
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
-- index sqlite_autoindex_grdb_migrations_1 ON grdb_migrations
-- table documents ON documents
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
);
-- index sqlite_autoindex_documents_1 ON documents
-- table facts ON facts
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
);
-- index sqlite_autoindex_facts_1 ON facts
-- index facts_key ON facts
CREATE INDEX facts_key ON facts (entity, table_title, row_key, col_path);
-- table findings ON findings
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
);
-- index sqlite_autoindex_findings_1 ON findings
-- index findings_rule ON findings
CREATE INDEX findings_rule ON findings (rule, severity);
-- table mismatches ON mismatches
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
);
-- index sqlite_autoindex_mismatches_1 ON mismatches
-- table records ON records
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
);
-- index sqlite_autoindex_records_1 ON records
-- table scrape_objects ON scrape_objects
CREATE TABLE scrape_objects (
    sha256 TEXT PRIMARY KEY NOT NULL,
    size INTEGER NOT NULL,
    path TEXT NOT NULL,
    first_name TEXT,
    first_seen TEXT NOT NULL,
    processed_at TEXT,
    batch_status INTEGER
);
-- index sqlite_autoindex_scrape_objects_1 ON scrape_objects
-- table scrape_urls ON scrape_urls
CREATE TABLE scrape_urls (
    source TEXT NOT NULL,
    url TEXT NOT NULL,
    kind TEXT NOT NULL,
    final_url TEXT,
    fetched_at TEXT,
    checked_at TEXT,
    status INTEGER,
    outcome TEXT NOT NULL,
    error TEXT,
    etag TEXT,
    last_modified TEXT,
    size INTEGER,
    sha256 TEXT,
    name TEXT,
    department TEXT,
    year INTEGER,
    PRIMARY KEY (source, url)
);
-- index sqlite_autoindex_scrape_urls_1 ON scrape_urls
-- index scrape_urls_sha256 ON scrape_urls
CREATE INDEX scrape_urls_sha256 ON scrape_urls(sha256);
-- table scrape_links ON scrape_links
CREATE TABLE scrape_links (
    source TEXT NOT NULL,
    index_url TEXT NOT NULL,
    url TEXT NOT NULL,
    text TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (source, index_url, url)
);
-- index sqlite_autoindex_scrape_links_1 ON scrape_links

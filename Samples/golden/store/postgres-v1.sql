CREATE TABLE documents (
    sha256      TEXT PRIMARY KEY,
    path        TEXT NOT NULL,
    size        BIGINT NOT NULL,
    pages       INTEGER,
    producer    TEXT,
    department  TEXT,
    year        INTEGER,
    status      TEXT NOT NULL CHECK (status IN ('processed', 'failed')),
    reason      TEXT,
    stored_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE facts (
    document     TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    seq          INTEGER NOT NULL,
    entity       TEXT NOT NULL,
    table_title  TEXT NOT NULL,
    row_key      TEXT NOT NULL,
    col_path     TEXT NOT NULL,
    name         TEXT NOT NULL,
    value_minor  BIGINT NOT NULL,
    value_scale  INTEGER NOT NULL,
    unit         TEXT NOT NULL,
    page         INTEGER NOT NULL,
    box_x0       DOUBLE PRECISION,
    box_y0       DOUBLE PRECISION,
    box_x1       DOUBLE PRECISION,
    box_y1       DOUBLE PRECISION,
    PRIMARY KEY (document, seq)
);
CREATE INDEX facts_key ON facts (entity, table_title, row_key, col_path);
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
    box_x0       DOUBLE PRECISION,
    box_y0       DOUBLE PRECISION,
    box_x1       DOUBLE PRECISION,
    box_y1       DOUBLE PRECISION,
    PRIMARY KEY (document, seq)
);
CREATE INDEX findings_rule ON findings (rule, severity);
CREATE TABLE mismatches (
    document         TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    entity           TEXT NOT NULL,
    table_title      TEXT NOT NULL,
    row_key          TEXT NOT NULL,
    col_path         TEXT NOT NULL,
    name             TEXT,
    published_minor  BIGINT,
    published_scale  INTEGER,
    published_unit   TEXT,
    recorded_minor   BIGINT,
    recorded_scale   INTEGER,
    recorded_unit    TEXT,
    page             INTEGER,
    box_x0           DOUBLE PRECISION,
    box_y0           DOUBLE PRECISION,
    box_x1           DOUBLE PRECISION,
    box_y1           DOUBLE PRECISION,
    record_source    TEXT,
    record_line      INTEGER,
    message          TEXT NOT NULL,
    PRIMARY KEY (document, seq)
);
CREATE TABLE records (
    department   TEXT NOT NULL,
    year         INTEGER NOT NULL,
    table_title  TEXT NOT NULL,
    row_key      TEXT NOT NULL,
    col_path     TEXT NOT NULL,
    unit         TEXT NOT NULL,
    value_minor  BIGINT NOT NULL,
    value_scale  INTEGER NOT NULL,
    source       TEXT NOT NULL,
    line         INTEGER NOT NULL,
    PRIMARY KEY (department, year, table_title, row_key, col_path)
);
CREATE SEQUENCE queue_claims;
CREATE TABLE queue (
    sha256       TEXT PRIMARY KEY,
    seq          BIGSERIAL NOT NULL UNIQUE,
    path         TEXT NOT NULL,
    size         BIGINT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'claimed', 'done', 'failed')),
    worker       TEXT,
    claim        BIGINT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    lease_until  TIMESTAMPTZ,
    enqueued_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    claimed_at   TIMESTAMPTZ,
    finished_at  TIMESTAMPTZ,
    error        TEXT,
    CHECK ((state = 'claimed') = (claim IS NOT NULL AND lease_until IS NOT NULL))
);
CREATE INDEX queue_open ON queue (seq) WHERE state IN ('pending', 'claimed');

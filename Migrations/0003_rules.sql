-- Rules, versioned: every change is a new row in rule_versions and never edited; rules points at
-- the current version. Awards will name (rule_id, version), so versions outlive deleted rules.
CREATE TABLE rules (
    id          TEXT PRIMARY KEY,
    version     INTEGER NOT NULL CHECK (version >= 1),
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
) STRICT, WITHOUT ROWID;

CREATE TABLE rule_versions (
    rule_id     TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    document    TEXT NOT NULL,   -- the validated rule document, JSON
    created_at  INTEGER NOT NULL,
    created_by  TEXT,
    PRIMARY KEY (rule_id, version)
) STRICT, WITHOUT ROWID;

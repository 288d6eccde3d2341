-- Foundation: organizations, members and where they have belonged, API keys, the audit log,
-- and stored answers for idempotent writes. Times are INTEGER milliseconds since the Unix epoch.
--
-- Ids are caller-chosen strings, so inserts land anywhere in an id-ordered b-tree: every b-tree a
-- row touches costs a WAL page per commit. Tables keyed by id are WITHOUT ROWID (the table is the
-- id index) and secondary indexes are only those lists need.

CREATE TABLE organizations (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    parent_id   TEXT REFERENCES organizations (id),
    segments    TEXT NOT NULL DEFAULT '[]',   -- JSON array, as given; organization_segments indexes it
    attributes  TEXT NOT NULL DEFAULT '{}',   -- JSON object
    status      TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'archived')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX organizations_by_kind ON organizations (kind, id);
CREATE INDEX organizations_by_status ON organizations (status, id);
CREATE INDEX organizations_by_parent ON organizations (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE organization_segments (
    segment          TEXT NOT NULL,
    organization_id  TEXT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (segment, organization_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX organization_segments_by_organization ON organization_segments (organization_id);

CREATE TABLE members (
    id               TEXT PRIMARY KEY,
    organization_id  TEXT NOT NULL REFERENCES organizations (id),
    name             TEXT,
    role             TEXT NOT NULL,
    team             TEXT,
    attributes       TEXT NOT NULL DEFAULT '{}',
    status           TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'archived')),
    public_profile   INTEGER NOT NULL CHECK (public_profile IN (0, 1)),
    joined_at        INTEGER NOT NULL,   -- when it joined its current organization
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
-- Role and team filters walk this index within an organization, or the primary key program-wide.
CREATE INDEX members_by_organization ON members (organization_id, id);

-- The organizations a member belonged to before its current one (which is in members), numbered
-- from 1 per member and written only when a member moves, so creating a member touches no history.
-- No foreign key to organizations: history outlives a deleted organization.
CREATE TABLE past_memberships (
    member_id        TEXT NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    ordinal          INTEGER NOT NULL CHECK (ordinal >= 1),
    organization_id  TEXT NOT NULL,
    joined_at        INTEGER NOT NULL,
    left_at          INTEGER NOT NULL,
    PRIMARY KEY (member_id, ordinal)
) STRICT, WITHOUT ROWID;

-- Only the SHA-256 of a key's text is kept. Revoked keys stay, for the audit trail.
CREATE TABLE api_keys (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('admin', 'integration', 'viewer', 'partner')),
    organization_id  TEXT,
    secret_sha256    BLOB NOT NULL CHECK (length(secret_sha256) = 32),
    rate_per_second  INTEGER,
    rate_burst       INTEGER,
    created_at       INTEGER NOT NULL,
    created_by       TEXT,
    revoked_at       INTEGER,
    CHECK ((role = 'partner') = (organization_id IS NOT NULL))
) STRICT, WITHOUT ROWID;
CREATE INDEX api_keys_by_organization ON api_keys (organization_id) WHERE organization_id IS NOT NULL;

-- The rowid is the sequence; rows are never deleted, so it only grows (no AUTOINCREMENT bookkeeping).
CREATE TABLE audit_log (
    sequence     INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,
    key_id       TEXT,
    action       TEXT NOT NULL,
    entity_kind  TEXT NOT NULL,
    entity_id    TEXT NOT NULL,
    before       TEXT,   -- JSON document
    after        TEXT,   -- JSON document
    request_id   TEXT
) STRICT;
CREATE INDEX audit_log_by_entity ON audit_log (entity_kind, entity_id, sequence);
CREATE INDEX audit_log_by_key ON audit_log (key_id, sequence);

CREATE TABLE idempotency_records (
    key_id           TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    fingerprint      TEXT NOT NULL,
    status           INTEGER NOT NULL,
    body             BLOB NOT NULL,
    created_at       INTEGER NOT NULL,
    PRIMARY KEY (key_id, idempotency_key)
) STRICT, WITHOUT ROWID;

-- Tier ladders (DESIGN.md "Tier ladder"): the definition (levels, benefits, window, downgrade) is
-- one JSON document, read and written whole; subject and currency are columns because event
-- processing asks for the ladders of a subject kind.
CREATE TABLE tier_ladders (
    id          TEXT PRIMARY KEY,
    subject     TEXT NOT NULL CHECK (subject IN ('member', 'organization')),
    currency    TEXT NOT NULL,
    definition  TEXT NOT NULL CHECK (json_valid(definition)),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX tier_ladders_by_subject ON tier_ladders (subject, id);

-- The level each member or organization holds on each ladder, and since when. No row means the
-- ladder's first level. holder is the ledger form (`member:m-1`, `organization:acme`). Rows go with
-- their ladder; none references members or organizations, which may be deleted while history stays.
CREATE TABLE tier_states (
    holder     TEXT NOT NULL,
    ladder_id  TEXT NOT NULL REFERENCES tier_ladders (id) ON DELETE CASCADE,
    level_id   TEXT NOT NULL,
    since      INTEGER NOT NULL,
    PRIMARY KEY (holder, ladder_id)
) STRICT, WITHOUT ROWID;
-- Deleting a ladder deletes its states.
CREATE INDEX tier_states_by_ladder ON tier_states (ladder_id);

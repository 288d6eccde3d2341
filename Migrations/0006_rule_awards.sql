-- What each rule awarded for each event, for rule limits (per member, organization or program,
-- per period). One row per award effect, the whole amount before any split. The key serves
-- program-wide limits (by rule and time) and only grows at its end.
CREATE TABLE rule_awards (
    rule_id          TEXT NOT NULL,
    at               INTEGER NOT NULL,
    event_id         TEXT NOT NULL,
    effect_index     INTEGER NOT NULL,
    rule_version     INTEGER NOT NULL,
    member_id        TEXT,
    organization_id  TEXT,
    currency         TEXT NOT NULL,
    amount           INTEGER NOT NULL CHECK (amount > 0),
    PRIMARY KEY (rule_id, at, event_id, effect_index)
) STRICT, WITHOUT ROWID;
CREATE INDEX rule_awards_by_member ON rule_awards (rule_id, member_id, at) WHERE member_id IS NOT NULL;
CREATE INDEX rule_awards_by_organization ON rule_awards (rule_id, organization_id, at) WHERE organization_id IS NOT NULL;

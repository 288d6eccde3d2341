-- Fires of a rule that booked no award (its effects were badges, boosts, tags or notifications,
-- or its currency was deleted), so that its count limits (`max_count`) see them: a fire is an
-- event in `rule_awards` or here, never both. One row per fired rule per event.
CREATE TABLE rule_fires (
    rule_id          TEXT NOT NULL,
    at               INTEGER NOT NULL,
    event_id         TEXT NOT NULL,
    rule_version     INTEGER NOT NULL,
    member_id        TEXT,
    organization_id  TEXT,
    PRIMARY KEY (rule_id, at, event_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX rule_fires_by_member ON rule_fires (rule_id, member_id, at) WHERE member_id IS NOT NULL;
CREATE INDEX rule_fires_by_organization ON rule_fires (rule_id, organization_id, at) WHERE organization_id IS NOT NULL;

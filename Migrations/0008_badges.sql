-- Badges: named achievements, earned by a rule's `badge` effect or by the badge's own counter
-- criterion (criterion_event_type, criterion_count, criterion_period all set, or all null).
CREATE TABLE badges (
    id                    TEXT PRIMARY KEY,
    name                  TEXT NOT NULL,
    description           TEXT,
    repeatable            INTEGER NOT NULL CHECK (repeatable IN (0, 1)),
    valid_until           INTEGER,
    criterion_event_type  TEXT,
    criterion_count       INTEGER CHECK (criterion_count > 0),
    criterion_period      TEXT,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    CHECK ((criterion_event_type IS NULL) = (criterion_count IS NULL)
       AND (criterion_event_type IS NULL) = (criterion_period IS NULL))
) STRICT, WITHOUT ROWID;
-- Event processing asks for the badges whose criterion counts the event's type.
CREATE INDEX badges_by_criterion ON badges (criterion_event_type) WHERE criterion_event_type IS NOT NULL;

-- Badges members earned. An event earns a given badge for a member at most once; rule_id and
-- rule_version are null when the criterion earned it. revoked_at is set when the event is
-- reversed; a non-repeatable badge is held while a row without revoked_at exists.
CREATE TABLE member_badges (
    member_id     TEXT NOT NULL,
    badge_id      TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    earned_at     INTEGER NOT NULL,
    rule_id       TEXT,
    rule_version  INTEGER,
    revoked_at    INTEGER,
    PRIMARY KEY (member_id, badge_id, event_id)
) STRICT, WITHOUT ROWID;
-- A member's list, newest first.
CREATE INDEX member_badges_by_time ON member_badges (member_id, earned_at);
-- Reversal revokes by event.
CREATE INDEX member_badges_by_event ON member_badges (event_id);

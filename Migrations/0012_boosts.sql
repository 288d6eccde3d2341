-- Boosts: limited-use earning bonuses a rule's `boost` effect granted a member. uses_remaining is
-- kept with each use (and given back when the using event is reversed); revoked_at is set when the
-- granting event is reversed. Times are event times in milliseconds since the epoch.
CREATE TABLE boosts (
    id              INTEGER PRIMARY KEY,
    member_id       TEXT NOT NULL,
    event_id        TEXT NOT NULL,
    rule_id         TEXT NOT NULL,
    rule_version    INTEGER NOT NULL,
    effect_index    INTEGER NOT NULL,
    percent         INTEGER NOT NULL CHECK (percent > 0),
    on_type         TEXT NOT NULL,
    currency        TEXT,
    uses_total      INTEGER NOT NULL CHECK (uses_total > 0),
    uses_remaining  INTEGER NOT NULL CHECK (uses_remaining BETWEEN 0 AND uses_total),
    granted_at      INTEGER NOT NULL,
    expires_at      INTEGER NOT NULL,
    revoked_at      INTEGER,
    UNIQUE (event_id, rule_id, effect_index)
) STRICT;
-- Event processing asks for a member's live boosts on the event's type.
CREATE INDEX boosts_by_member ON boosts (member_id, on_type, expires_at);

-- Each event's use of a boost (one per boost and event) with the total bonus it added.
CREATE TABLE boost_uses (
    boost_id     INTEGER NOT NULL REFERENCES boosts (id),
    event_id     TEXT NOT NULL,
    bonus        INTEGER NOT NULL CHECK (bonus > 0),
    used_at      INTEGER NOT NULL,
    returned_at  INTEGER,
    PRIMARY KEY (boost_id, event_id)
) STRICT, WITHOUT ROWID;
-- Reversal finds an event's uses.
CREATE INDEX boost_uses_by_event ON boost_uses (event_id);

-- Messages to members, kept for their inbox. kind says what produced it ('rule' for a rule's
-- `notify` effect; badges, tier changes, reminders … later), template the message template id,
-- payload the parameters (JSON object); read_at is set when the member has read it.
CREATE TABLE notifications (
    id            INTEGER PRIMARY KEY,
    member_id     TEXT NOT NULL,
    kind          TEXT NOT NULL,
    template      TEXT,
    payload       TEXT NOT NULL,
    event_id      TEXT,
    rule_id       TEXT,
    rule_version  INTEGER,
    created_at    INTEGER NOT NULL,
    read_at       INTEGER
) STRICT;
-- An inbox, newest first.
CREATE INDEX notifications_by_member ON notifications (member_id, id);

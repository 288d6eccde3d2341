-- Feedback from a customer organization's people (NPS, CSAT, CES) by stakeholder role; tied to an
-- interaction (transactional) or not (relational). Account health reads it by organization and time.
CREATE TABLE feedback (
    id               TEXT PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
    organization_id  TEXT NOT NULL,
    member_id        TEXT,
    role             TEXT NOT NULL CHECK (role IN ('decision_maker', 'influencer', 'user')),
    score            INTEGER NOT NULL,
    interaction_id   TEXT,
    comment          TEXT,
    recorded_at      INTEGER NOT NULL,
    fingerprint      TEXT NOT NULL
) STRICT, WITHOUT ROWID;
CREATE INDEX feedback_by_organization ON feedback (organization_id, recorded_at, id);
CREATE INDEX feedback_by_time ON feedback (recorded_at, id);
-- Health counts a member's redemptions by organization and time.
CREATE INDEX redemptions_by_member_time ON redemptions (member_id, created_at);

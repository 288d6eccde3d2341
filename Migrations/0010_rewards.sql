-- Rewards: the catalog members redeem points for. The whole document is kept as JSON (it is only
-- ever read whole); stock is a column of its own because every redemption and cancellation
-- changes it, and the CHECK makes overselling impossible even by mistake. NULL stock is unlimited.
CREATE TABLE rewards (
    id          TEXT PRIMARY KEY,
    document    TEXT NOT NULL,
    stock       INTEGER CHECK (stock IS NULL OR stock >= 0),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Redemptions: the cost is held on the ledger (account redemption:<id>) while pending, settled
-- when fulfilled, released when cancelled. reward_id is kept after the reward is deleted.
CREATE TABLE redemptions (
    id            TEXT PRIMARY KEY,
    member_id     TEXT NOT NULL,
    reward_id     TEXT NOT NULL,
    currency      TEXT NOT NULL,
    cost          INTEGER NOT NULL CHECK (cost > 0),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'fulfilled', 'cancelled')),
    code          TEXT,
    created_at    INTEGER NOT NULL,
    fulfilled_at  INTEGER,
    cancelled_at  INTEGER
) STRICT, WITHOUT ROWID;
-- A member's list, and the per-member limit count.
CREATE INDEX redemptions_by_member ON redemptions (member_id, reward_id, status);

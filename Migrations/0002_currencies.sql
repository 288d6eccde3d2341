-- Currencies: named point balances (spendable points, tier-qualifying status credits).
-- expiry_kind 'never' | 'after_days' (expiry_value = days) | 'end_of_month' | 'end_of_quarter' |
-- 'end_of_year' (expiry_value = periods after the earning period, 0 = that period).
CREATE TABLE currencies (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    redeemable    INTEGER NOT NULL CHECK (redeemable IN (0, 1)),
    expiry_kind   TEXT NOT NULL CHECK (expiry_kind IN ('never', 'after_days', 'end_of_month', 'end_of_quarter', 'end_of_year')),
    expiry_value  INTEGER NOT NULL DEFAULT 0 CHECK (expiry_value >= 0),
    pending_days  INTEGER NOT NULL CHECK (pending_days >= 0),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Reminders sent that points expire soon: one per holder, currency and expiry instant, so the
-- hourly job tells each holder once about each batch of points that expires together.
CREATE TABLE expiry_reminders (
    holder       TEXT NOT NULL,
    currency     TEXT NOT NULL,
    expires_at   INTEGER NOT NULL,
    reminded_at  INTEGER NOT NULL,
    PRIMARY KEY (holder, currency, expires_at)
) STRICT, WITHOUT ROWID;

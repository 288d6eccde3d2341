-- Pending is the currency's doing: a lot is pending while its pending days run (available_at >
-- earned_at, as the scheduler's ledger_lots_maturing already reads it). A lot earned without
-- pending days is available at once, even when its event is dated a little ahead of the clock (the
-- skew intake allows); before, such a lot counted as pending for those few minutes. So only lots
-- earned with pending days are ever pending, and the index that finds a holder's pending lots
-- (migration 0036) need hold no other: most currencies have no pending days, and every award wrote
-- an entry there, a page no other award of its commit touched (about a tenth of an event's WAL
-- frames in Benchmarks/wal-pages.sh).
DROP INDEX ledger_lots_open_by_availability;
CREATE INDEX ledger_lots_pending ON ledger_lots (holder, currency, available_at, expires_at, remaining)
    WHERE remaining > 0 AND available_at > earned_at;

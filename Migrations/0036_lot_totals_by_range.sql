-- A holder's balance (every event's answer, balance reads) summed every open lot of the holder:
-- a company earning on each of its members' deals keeps thousands of open lots, and the sum grew
-- with its history. The balance now starts from the materialised account balance, which always
-- equals the remaining of the holder's open lots (the ledger's invariant), and walks only the lots
-- that change its parts: lapsed and expiring soon by expiry (ledger_lots_open, migration 0016),
-- pending by availability (this index).
CREATE INDEX ledger_lots_open_by_availability ON ledger_lots (holder, currency, available_at, expires_at, remaining) WHERE remaining > 0;

-- Every event's answer and every balance read sums a holder's open lots (SQLStore.lotTotals).
-- With only (holder, currency) in the index, each open lot also costs a lookup of its table row,
-- and a holder who earns every day keeps hundreds of open lots. Carrying expires_at, available_at
-- and remaining in the index makes that sum a walk of the index alone. Spending rewrites a lot's
-- entry (remaining changes), which earning, the common write, does not.
DROP INDEX ledger_lots_open;
CREATE INDEX ledger_lots_open ON ledger_lots (holder, currency, expires_at, available_at, remaining) WHERE remaining > 0;

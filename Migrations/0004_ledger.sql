-- The ledger (DESIGN.md "Ledger"): double-entry postings, earned lots, materialised balances,
-- redemption holds and reversal markers. Amounts are INTEGER (Int64), never REAL.
-- Accounts and holders are stored in their string form (`program:issued`, `member:m-1`,
-- `clawback:member:m-1`; see LedgerAccount.description). There is no foreign key to members,
-- organizations or currencies: the ledger outlives them, as history must.
--
-- Every b-tree a write touches costs a WAL page per commit, so each index below serves one query
-- of LedgerReader and nothing else; everything else is reached by primary key. The references to
-- postings (reversal_of, posting_id) have no index of their own: postings are never updated or
-- deleted, so SQLite never has to look for their children.

-- Append-only (the triggers below refuse edits). The integer id is the rowid and the posting
-- sequence: Ledger assigns it as max(id) + 1 inside the writer's transaction.
-- Created lots and lot draws are read only with their posting, so they live in it as JSON
-- (`[lot_id, …]`, `[[lot_id, amount], …]`, NULL when none) instead of in a table of their own,
-- which would cost one more b-tree per posting.
CREATE TABLE ledger_postings (
    id             INTEGER PRIMARY KEY,
    currency       TEXT NOT NULL,
    debit          TEXT NOT NULL,
    credit         TEXT NOT NULL CHECK (credit <> debit),
    amount         INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 1000000000000),
    at             INTEGER NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('earn', 'spend', 'hold', 'release', 'settle', 'reverse',
                                                 'expire', 'adjust', 'transfer', 'recover')),
    event_id       TEXT,
    rule_id        TEXT,
    rule_version   INTEGER,
    redemption_id  TEXT,
    reversal_of    INTEGER REFERENCES ledger_postings (id),
    reason         TEXT,
    created_lots   TEXT,
    draws          TEXT
) STRICT;
-- Reversing an event's awards: LedgerReader.postings(eventID:). Most postings without an event
-- (expiries, recoveries, settlements) stay out of the index.
CREATE INDEX ledger_postings_by_event ON ledger_postings (event_id) WHERE event_id IS NOT NULL;

CREATE TRIGGER ledger_postings_no_update BEFORE UPDATE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;
CREATE TRIGGER ledger_postings_no_delete BEFORE DELETE ON ledger_postings
BEGIN SELECT RAISE(ABORT, 'ledger postings are append-only'); END;

-- Earned amounts with their own clock. Ledger changes only remaining, expired and reversed.
CREATE TABLE ledger_lots (
    id            INTEGER PRIMARY KEY,
    holder        TEXT NOT NULL,
    currency      TEXT NOT NULL,
    amount        INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 1000000000000),
    remaining     INTEGER NOT NULL CHECK (remaining >= 0),
    expired       INTEGER NOT NULL CHECK (expired >= 0),
    earned_at     INTEGER NOT NULL,
    available_at  INTEGER NOT NULL,
    expires_at    INTEGER,   -- NULL: never expires
    reversed      INTEGER NOT NULL CHECK (reversed IN (0, 1)),
    CHECK (remaining + expired <= amount)
) STRICT;
-- Spending, balances and debt repayment: LedgerReader.openLots(holder:currency:). Partial, so an
-- emptied lot leaves the index and a long-lived holder's spent history is never walked.
CREATE INDEX ledger_lots_open ON ledger_lots (holder, currency) WHERE remaining > 0;
-- The expiry job: LedgerReader.lotsExpired(at:). Never-expiring and emptied lots stay out.
CREATE INDEX ledger_lots_expiring ON ledger_lots (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;

-- Materialised balances, moved in the same transaction as their postings. Holders and redemption
-- accounts never go below zero; program and clawback accounts may (see LedgerAccount).
CREATE TABLE ledger_balances (
    account   TEXT NOT NULL,
    currency  TEXT NOT NULL,
    balance   INTEGER NOT NULL CHECK (balance >= 0 OR account GLOB 'program:*' OR account GLOB 'clawback:*'),
    PRIMARY KEY (account, currency)
) STRICT, WITHOUT ROWID;

-- The points a pending redemption holds, by redemption id.
CREATE TABLE ledger_holds (
    redemption_id  TEXT PRIMARY KEY,
    holder         TEXT NOT NULL,
    currency       TEXT NOT NULL,
    amount         INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 1000000000000),
    posting_id     INTEGER NOT NULL REFERENCES ledger_postings (id),
    state          TEXT NOT NULL CHECK (state IN ('open', 'settled', 'released'))
) STRICT, WITHOUT ROWID;

-- Postings that have been reversed. A table of its own so that postings stay append-only; a
-- marker is never removed.
CREATE TABLE ledger_reversed (
    posting_id  INTEGER PRIMARY KEY REFERENCES ledger_postings (id)
) STRICT;
CREATE TRIGGER ledger_reversed_no_delete BEFORE DELETE ON ledger_reversed
BEGIN SELECT RAISE(ABORT, 'reversal markers are permanent'); END;

-- A holder's ledger listing, newest first (LedgerHistoryReader.postings(account:currency:…)):
-- one index per side of a posting, so that "the postings of member:m-1 in points before id N,
-- highest first" is a backwards walk of one index range on each side, merged, reading only the
-- rows a page shows. Without them the listing scans every posting ever made.
--
-- Cost: each posting adds one entry to each index (account text, currency text, 8-byte id;
-- some 30–80 bytes), i.e. two more b-tree inserts per posting; both grow only at the end of
-- each account's range, and their pages are written in the same WAL commit as the posting.
CREATE INDEX ledger_postings_by_debit ON ledger_postings (debit, currency, id);
CREATE INDEX ledger_postings_by_credit ON ledger_postings (credit, currency, id);

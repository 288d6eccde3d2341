-- Program analytics (points issued, redeemed and expired in a range, top rules, time series) ask
-- for the postings of a time range: without an index on `at`, each such request read the whole
-- ledger. Postings are made close to their time (events are backdated by days at most), so new
-- entries land at the end of this index: a few pages a commit, not one a posting.
CREATE INDEX ledger_postings_by_time ON ledger_postings (at);

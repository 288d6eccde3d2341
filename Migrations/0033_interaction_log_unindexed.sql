-- The writer asked the interaction log for one supplier's rows since the last fold through
-- interaction_log_by_supplier, an index entry per interaction on a page of that supplier's: a
-- page of WAL per interaction. Folds now follow each commit (ScorecardFolds), so the rows since
-- the last fold are a batch or two: the writer walks them in seq order instead.
DROP INDEX interaction_log_by_supplier;

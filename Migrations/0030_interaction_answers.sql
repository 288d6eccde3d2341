-- Each interaction keeps the answer it was recorded with (2–3 KB of JSON: its KPI results and the
-- supplier's scorecard then), for replays and GET. Inside the interaction's row it made each row
-- about a kilobyte in the b-tree plus an overflow page, in a WITHOUT ROWID table keyed by the
-- caller's id: every insert landed on a page of a few large cells and split or rebalanced it, a
-- sixth of the writer's time per interaction. Appended to a table of their own in commit order,
-- answers fill pages one after another; the interaction names its answer by seq.
CREATE TABLE interaction_answers (
    seq     INTEGER PRIMARY KEY,
    answer  TEXT NOT NULL
) STRICT;

ALTER TABLE interactions ADD COLUMN answer_seq INTEGER;

CREATE TEMP TABLE numbered_interactions AS
    SELECT id, row_number() OVER (ORDER BY recorded_at, id) AS seq FROM interactions;
INSERT INTO interaction_answers (seq, answer)
    SELECT numbered.seq, interactions.answer FROM numbered_interactions AS numbered JOIN interactions ON interactions.id = numbered.id;
UPDATE interactions SET answer_seq = numbered.seq FROM numbered_interactions AS numbered WHERE numbered.id = interactions.id;
DROP TABLE numbered_interactions;

ALTER TABLE interactions DROP COLUMN answer;

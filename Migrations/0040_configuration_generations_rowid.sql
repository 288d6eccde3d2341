-- configuration_generations becomes an ordinary rowid table, with the same columns and rows, so
-- that SQLite's update hook reports the triggers' changes to it: the writer then keeps the
-- generations it read until one changes (WriterCache), instead of probing the table about six
-- times an event. The update hook stays silent for WITHOUT ROWID tables.
--
-- The triggers of migrations 0013–0029 name the table in their bodies; a legacy rename leaves
-- them as they are (a modern one would refuse: while the old table is dropped they name a table
-- that does not exist), and they find the new table by that name.
PRAGMA legacy_alter_table = ON;

CREATE TABLE configuration_generations_rowid (
    kind        TEXT PRIMARY KEY,
    generation  INTEGER NOT NULL
) STRICT;

INSERT INTO configuration_generations_rowid (kind, generation)
SELECT kind, generation FROM configuration_generations;

DROP TABLE configuration_generations;

ALTER TABLE configuration_generations_rowid RENAME TO configuration_generations;

PRAGMA legacy_alter_table = OFF;

-- A generation number per kind of configuration that event processing reads on every event (the
-- tier ladders, the live rules), so that a decoded copy can be kept in memory and reused while the
-- generation read in the same transaction is unchanged (SQLStore's configuration cache, RuleBook):
-- one key lookup per event instead of an aggregate over the configuration. Triggers change it in
-- the same statement as the configuration itself, so a rolled-back change rolls it back too.
-- The new value is random rather than +1: a generation seen inside a transaction that later
-- rolled back must never name different content afterwards.
CREATE TABLE configuration_generations (
    kind        TEXT PRIMARY KEY,
    generation  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

INSERT INTO configuration_generations (kind, generation) VALUES ('tier_ladders', random()), ('rules', random());

CREATE TRIGGER tier_ladders_generation_on_insert AFTER INSERT ON tier_ladders
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'tier_ladders'; END;
CREATE TRIGGER tier_ladders_generation_on_update AFTER UPDATE ON tier_ladders
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'tier_ladders'; END;
CREATE TRIGGER tier_ladders_generation_on_delete AFTER DELETE ON tier_ladders
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'tier_ladders'; END;

CREATE TRIGGER rules_generation_on_insert AFTER INSERT ON rules
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'rules'; END;
CREATE TRIGGER rules_generation_on_update AFTER UPDATE ON rules
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'rules'; END;
CREATE TRIGGER rules_generation_on_delete AFTER DELETE ON rules
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'rules'; END;

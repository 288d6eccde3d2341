-- The live rules get a generation like the tier ladders (migration 0013), so that the compiled
-- rule book is checked with one key lookup per event instead of an aggregate over every rule,
-- and a rule change rolled back with its transaction rolls the generation back with it.
INSERT INTO configuration_generations (kind, generation) VALUES ('rules', random());

CREATE TRIGGER rules_generation_on_insert AFTER INSERT ON rules
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'rules'; END;
CREATE TRIGGER rules_generation_on_update AFTER UPDATE ON rules
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'rules'; END;
CREATE TRIGGER rules_generation_on_delete AFTER DELETE ON rules
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'rules'; END;

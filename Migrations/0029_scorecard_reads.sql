-- A supplier's scorecard without a template_id is under the template of its latest interaction:
-- found from this index in one step, instead of sorting every interaction the supplier has.
CREATE INDEX interactions_latest_by_supplier ON interactions (supplier_id, completed_at, id);
-- Every other question by supplier names the template too, and interactions_by_template
-- (template, supplier, completion) answers it: one index fewer to write per interaction.
DROP INDEX interactions_by_supplier;

-- Rankings show suppliers' names; a rendered ranking is reused while no name has changed
-- (ScorecardIndex), which this generation tells in one key lookup.
INSERT INTO configuration_generations (kind, generation) VALUES ('organization_names', random());
CREATE TRIGGER organization_names_generation_on_insert AFTER INSERT ON organizations
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'organization_names'; END;
CREATE TRIGGER organization_names_generation_on_update AFTER UPDATE OF name ON organizations WHEN OLD.name IS NOT NEW.name
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'organization_names'; END;
CREATE TRIGGER organization_names_generation_on_delete AFTER DELETE ON organizations
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'organization_names'; END;

-- Recording an interaction answers with the supplier's updated scorecard. The writer takes the
-- supplier's interactions as the in-memory scorecards last folded them and adds what the log holds
-- for that supplier after the fold (ScorecardIndex.folded): the log says whose row changed, and
-- this index finds a supplier's changes in one probe instead of a pass over its whole window.
ALTER TABLE interaction_log ADD COLUMN supplier_id TEXT;
ALTER TABLE interaction_log ADD COLUMN template_id TEXT;
UPDATE interaction_log SET supplier_id = interactions.supplier_id, template_id = interactions.template_id
FROM interactions WHERE interactions.id = interaction_log.interaction_id;
CREATE INDEX interaction_log_by_supplier ON interaction_log (supplier_id, template_id, seq);

DROP TRIGGER interaction_log_recorded;
DROP TRIGGER interaction_log_status;
CREATE TRIGGER interaction_log_recorded AFTER INSERT ON interactions
BEGIN INSERT INTO interaction_log (interaction_id, supplier_id, template_id) VALUES (NEW.id, NEW.supplier_id, NEW.template_id); END;
CREATE TRIGGER interaction_log_status AFTER UPDATE OF status ON interactions WHEN OLD.status <> NEW.status
BEGIN INSERT INTO interaction_log (interaction_id, supplier_id, template_id) VALUES (NEW.id, NEW.supplier_id, NEW.template_id); END;

-- Every interaction recorded and every scorecard read decodes its template: kept decoded while
-- this generation stays the same (SQLStore's configuration cache, as in 0013).
INSERT INTO configuration_generations (kind, generation) VALUES ('scorecard_templates', random());
CREATE TRIGGER scorecard_templates_generation_on_insert AFTER INSERT ON scorecard_templates
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'scorecard_templates'; END;
CREATE TRIGGER scorecard_templates_generation_on_update AFTER UPDATE ON scorecard_templates
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'scorecard_templates'; END;
CREATE TRIGGER scorecard_templates_generation_on_delete AFTER DELETE ON scorecard_templates
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'scorecard_templates'; END;

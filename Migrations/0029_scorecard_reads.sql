-- A supplier's scorecard without a template_id is under the template of its latest interaction:
-- found from this index in one step, instead of sorting every interaction the supplier has.
CREATE INDEX interactions_latest_by_supplier ON interactions (supplier_id, completed_at, id);

-- Rankings show suppliers' names; a rendered ranking is reused while no name has changed
-- (ScorecardIndex), which this generation tells in one key lookup.
INSERT INTO configuration_generations (kind, generation) VALUES ('organization_names', random());
CREATE TRIGGER organization_names_generation_on_insert AFTER INSERT ON organizations
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'organization_names'; END;
CREATE TRIGGER organization_names_generation_on_update AFTER UPDATE OF name ON organizations WHEN OLD.name IS NOT NEW.name
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'organization_names'; END;
CREATE TRIGGER organization_names_generation_on_delete AFTER DELETE ON organizations
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'organization_names'; END;

-- Message templates, one per trigger: title and body with {{placeholders}}, and tips that rotate.
CREATE TABLE message_templates (
    trigger     TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,   -- JSON, as validated by MessageTemplateDraft
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Every event reads the templates: a generation lets a decoded copy be reused (migration 0013).
INSERT INTO configuration_generations (kind, generation) VALUES ('message_templates', random());
CREATE TRIGGER message_templates_generation_on_insert AFTER INSERT ON message_templates
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'message_templates'; END;
CREATE TRIGGER message_templates_generation_on_update AFTER UPDATE ON message_templates
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'message_templates'; END;
CREATE TRIGGER message_templates_generation_on_delete AFTER DELETE ON message_templates
BEGIN UPDATE configuration_generations SET generation = random() WHERE kind = 'message_templates'; END;

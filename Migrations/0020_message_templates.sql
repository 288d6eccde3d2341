-- Message templates, one per trigger: title and body with {{placeholders}}, and tips that rotate.
CREATE TABLE message_templates (
    trigger     TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,   -- JSON, as validated by MessageTemplateDraft
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- Scorecard templates: how a buyer scores its suppliers (KPIs, window, decay, prior, bands).
CREATE TABLE scorecard_templates (
    id          TEXT PRIMARY KEY,
    definition  TEXT NOT NULL,   -- JSON, as validated by ScorecardTemplateDraft
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;

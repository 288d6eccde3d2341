-- Every award of every rule was indexed by member and by organization, for limits per member or
-- organization: two entries on pages of that member's and that organization's, so about three
-- pages of WAL per event, though most rules have no such limit and never read them. An award is
-- now indexed by subject only while its rule has a limit per member or organization
-- (`by_subject`); when a rule gains one, its earlier awards that such a limit can still count are
-- indexed then (RuleCatalogCommands.put). Awards kept before this migration stay indexed.
ALTER TABLE rule_awards ADD COLUMN by_subject INTEGER NOT NULL DEFAULT 1 CHECK (by_subject IN (0, 1));
DROP INDEX rule_awards_by_member;
DROP INDEX rule_awards_by_organization;
CREATE INDEX rule_awards_by_member ON rule_awards (rule_id, member_id, at) WHERE member_id IS NOT NULL AND by_subject = 1;
CREATE INDEX rule_awards_by_organization ON rule_awards (rule_id, organization_id, at)
    WHERE organization_id IS NOT NULL AND by_subject = 1;

-- Each interaction wrote two index entries keyed by its supplier: in interactions_by_template
-- (template, supplier, completion) and in interactions_latest_by_supplier (supplier,
-- completion, id). With many suppliers each lands on a page no other interaction of the same
-- commit touches, so each costs a page of WAL per interaction (about an eighth of what recording
-- one writes). The supplier index answers a supplier's interactions under a template (the few
-- templates a supplier has are filtered as it goes), and a template's whole window is read in
-- completion order from interactions_by_completion, which keeps each supplier's in order too.
DROP INDEX interactions_by_template;

-- What each holder has earned over its lifetime per currency, kept on its balance row and moved
-- in the same transaction as the postings that make it (SQLStore.append): a `lifetime` tier
-- ladder asks for it on every award, and summing the holder's postings instead costs the
-- holder's whole history each time. Same definition as LedgerEarningsReader.earned: `earn` and
-- `adjust` postings crediting the holder, less `reverse` postings debiting the holder or its
-- clawback account. earned_until is the latest `at` among them: the figure answers any question
-- "earned before T" with T after it; earlier T (a back-dated event) still sums the postings.
ALTER TABLE ledger_balances ADD COLUMN earned INTEGER NOT NULL DEFAULT 0;
ALTER TABLE ledger_balances ADD COLUMN earned_until INTEGER NOT NULL DEFAULT 0;

-- Existing holders, from their postings (the account indexes of migration 0007 keep this to
-- each holder's own range).
UPDATE ledger_balances SET
    earned =
        (SELECT coalesce(sum(amount), 0) FROM ledger_postings
          WHERE credit = ledger_balances.account AND currency = ledger_balances.currency AND kind IN ('earn', 'adjust'))
      - (SELECT coalesce(sum(amount), 0) FROM ledger_postings
          WHERE debit IN (ledger_balances.account, 'clawback:' || ledger_balances.account)
            AND currency = ledger_balances.currency AND kind = 'reverse'),
    earned_until = max(
        (SELECT coalesce(max(at), 0) FROM ledger_postings
          WHERE credit = ledger_balances.account AND currency = ledger_balances.currency AND kind IN ('earn', 'adjust')),
        (SELECT coalesce(max(at), 0) FROM ledger_postings
          WHERE debit IN (ledger_balances.account, 'clawback:' || ledger_balances.account)
            AND currency = ledger_balances.currency AND kind = 'reverse'))
WHERE account GLOB 'member:*' OR account GLOB 'organization:*';

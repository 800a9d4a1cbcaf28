-- The two system accounts of the double-entry ledger (market-math.md §15); user and pool accounts are created with
-- their user and market rows.
INSERT INTO "ledger_accounts" ("account", "type") VALUES ('house', 'house'), ('mint', 'mint');

-- The ledger is append-only: a booked entry is never changed or removed; corrections are new
-- balanced entry sets (a reversal, a failed payout returning the amount).
CREATE TRIGGER `ledger_entries_no_update` BEFORE UPDATE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_no_delete` BEFORE DELETE ON `ledger_entries`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entries is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_sets_no_update` BEFORE UPDATE ON `ledger_entry_sets`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entry_sets is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entry_sets_no_delete` BEFORE DELETE ON `ledger_entry_sets`
BEGIN
  SELECT RAISE(ABORT, 'ledger_entry_sets is append-only');
END;

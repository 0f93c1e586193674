-- Every WeChat Pay notify is kept as received, for audit: the table only ever grows.
CREATE TRIGGER `wxpay_notifications_no_update` BEFORE UPDATE ON `wxpay_notifications`
BEGIN
  SELECT RAISE(ABORT, 'wxpay_notifications is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `wxpay_notifications_no_delete` BEFORE DELETE ON `wxpay_notifications`
BEGIN
  SELECT RAISE(ABORT, 'wxpay_notifications is append-only');
END;

-- Every Alipay notify is kept as received, for audit: the table only ever grows.
CREATE TRIGGER `alipay_notifications_no_update` BEFORE UPDATE ON `alipay_notifications`
BEGIN
  SELECT RAISE(ABORT, 'alipay_notifications is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `alipay_notifications_no_delete` BEFORE DELETE ON `alipay_notifications`
BEGIN
  SELECT RAISE(ABORT, 'alipay_notifications is append-only');
END;

-- Users who existed before per-app identities were recorded: their legacy wx_openid came from
-- the Official Account (/wx_fetch_userinfo or the OA sign-in), or from the website QR sign-in.
-- SQL cannot know the appid (it is configuration), so the openids are staged here and
-- `applyIdentityBackfill` (run by `npm start` before the server) records them under
-- WECHAT_APP_ID and empties this table. Development sign-ins (`dev:<name>`) are not WeChat
-- identities and are left out.
CREATE TABLE `wechat_identity_backfill` (
	`user_id` integer PRIMARY KEY NOT NULL REFERENCES `users`(`id`) ON DELETE CASCADE,
	`openid` text NOT NULL,
	`unionid` text
);
--> statement-breakpoint
INSERT INTO `wechat_identity_backfill` (`user_id`, `openid`, `unionid`)
SELECT `id`, `wx_openid`, NULLIF(`wx_unionid`, '')
FROM `users`
WHERE `wx_openid` IS NOT NULL AND `wx_openid` <> '' AND `wx_openid` NOT LIKE 'dev:%';

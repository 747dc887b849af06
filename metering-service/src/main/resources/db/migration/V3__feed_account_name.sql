-- The account's display name as the latest collection carried it (CollectionCompleted.accountName),
-- forwarded on every DepositRecorded so certificates can name their customer. Null until a
-- producer that knows the name has completed a collection for the feed.
ALTER TABLE feed ADD COLUMN account_name TEXT;

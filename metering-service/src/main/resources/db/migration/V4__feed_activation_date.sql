-- The feed's activation date as the latest collection carried it (CollectionCompleted.activationDate):
-- the first business day whose pages count. A device's baseline is its last reading before that day;
-- earlier days get no volume and no deposit. Null (every reading counts) until a producer tells it.
ALTER TABLE feed ADD COLUMN activation_date DATE;

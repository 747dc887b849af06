-- metering-service: stored readings, device state and per-day usage, and the append-only deposit ledger.
-- Metering is a pure function of meter_reading and usage_aggregate (DESIGN.md rule 5); every other
-- table except deposit is a recomputable projection of them.

-- Each feed as the last CollectionCompleted described it: whose it is, and how its days and pages count.
CREATE TABLE feed (
    feed_id     UUID        PRIMARY KEY,
    dealer_id   UUID        NOT NULL,
    account_id  UUID        NOT NULL,
    time_zone   TEXT        NOT NULL,
    paper_basis TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX feed_dealer_account ON feed (dealer_id, account_id);

-- Meter readings (MeterSnapshot): the snapshot id is H(vendor, server, device, reading time), so a
-- duplicate read is the same row. request_id is the request that first stored it.
CREATE TABLE meter_reading (
    snapshot_id    UUID        PRIMARY KEY,
    request_id     UUID        NOT NULL,
    dealer_id      UUID        NOT NULL,
    feed_id        UUID        NOT NULL,
    vendor         TEXT        NOT NULL,
    server_id      UUID        NOT NULL,
    device_id      TEXT        NOT NULL,
    managed        BOOLEAN     NOT NULL,
    reading_time   TIMESTAMPTZ NOT NULL,
    small_count    BIGINT      NOT NULL CHECK (small_count >= 0),
    large_count    BIGINT      NOT NULL CHECK (large_count >= 0),
    area_hundredths_mm2 BIGINT CHECK (area_hundredths_mm2 >= 0),
    as_of          DATE        NOT NULL
);
CREATE INDEX meter_reading_device ON meter_reading (feed_id, vendor, server_id, device_id, reading_time);
CREATE INDEX meter_reading_request ON meter_reading (request_id, feed_id);

-- A request whose records were dead-lettered: its stored readings take no part in any computation
-- (never compute deltas across a gap), and its remaining records follow the poison one to the DLT.
CREATE TABLE parked_request (
    feed_id    UUID        NOT NULL,
    request_id UUID        NOT NULL,
    reason     TEXT        NOT NULL,
    parked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_id, request_id)
);

-- Aggregate vendors (UsageAggregate): the newest usable row per feed-day counts, so a repeat for
-- the same day replaces the earlier one instead of adding to it (older rows stay, in case the newer
-- request is parked).
CREATE TABLE usage_aggregate (
    position      BIGSERIAL UNIQUE,
    aggregate_id  UUID   PRIMARY KEY,               -- H(feed, service date, request)
    feed_id       UUID   NOT NULL,
    service_date  DATE   NOT NULL,
    request_id    UUID   NOT NULL,
    small_pages   BIGINT NOT NULL,
    large_pages   BIGINT NOT NULL,
    duplex_sheets BIGINT NOT NULL,
    device_count  INT    NOT NULL
);
CREATE INDEX usage_aggregate_feed_day ON usage_aggregate (feed_id, service_date, position);
CREATE INDEX usage_aggregate_request ON usage_aggregate (request_id, feed_id);

-- Per device under a feed (a device that moves to another customer starts again there): the counts
-- PrintReleaf keeps (InitialCount, LatestCount, LifeCount) and the last reading time.
CREATE TABLE device_state (
    feed_id           UUID        NOT NULL,
    vendor            TEXT        NOT NULL,
    server_id         UUID        NOT NULL,
    device_id         TEXT        NOT NULL,
    dealer_id         UUID        NOT NULL,
    managed           BOOLEAN     NOT NULL,
    initial_count     BIGINT      NOT NULL,
    latest_count      BIGINT      NOT NULL,
    life_count        BIGINT      NOT NULL,
    segments          INT         NOT NULL,
    last_reading_time TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (feed_id, vendor, server_id, device_id)
);

CREATE TABLE device_day_usage (
    feed_id      UUID   NOT NULL,
    vendor       TEXT   NOT NULL,
    server_id    UUID   NOT NULL,
    device_id    TEXT   NOT NULL,
    service_date DATE   NOT NULL,
    small        BIGINT NOT NULL,
    large        BIGINT NOT NULL,
    area_hundredths_mm2 BIGINT NOT NULL,
    PRIMARY KEY (feed_id, vendor, server_id, device_id, service_date)
);
CREATE INDEX device_day_usage_feed_day ON device_day_usage (feed_id, service_date);

-- Counter steps too large to be printing, held for review instead of deposited.
CREATE TABLE held_jump (
    feed_id     UUID        NOT NULL,
    vendor      TEXT        NOT NULL,
    server_id   UUID        NOT NULL,
    device_id   TEXT        NOT NULL,
    from_time   TIMESTAMPTZ NOT NULL,
    to_time     TIMESTAMPTZ NOT NULL,
    impressions BIGINT      NOT NULL,
    plausible_limit BIGINT  NOT NULL,
    after_reset BOOLEAN     NOT NULL,
    detected_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_id, vendor, server_id, device_id, from_time, to_time)
);

-- The ledger. Append-only (DESIGN.md rule 4): a correction is a new adjustment entry.
CREATE TABLE deposit (
    position       BIGSERIAL   UNIQUE,
    deposit_id     UUID        PRIMARY KEY,          -- H(feed, service date, request)
    dealer_id      UUID        NOT NULL,
    account_id     UUID        NOT NULL,
    feed_id        UUID        NOT NULL,
    service_date   DATE        NOT NULL,
    standard_pages BIGINT      NOT NULL,
    day_total_pages BIGINT     NOT NULL CHECK (day_total_pages >= 0),
    kind           TEXT        NOT NULL CHECK (kind IN ('regular', 'adjustment', 'prior-period')),
    request_id     UUID        NOT NULL,
    as_of          DATE        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    CHECK (kind <> 'regular' OR standard_pages > 0)
);
CREATE INDEX deposit_feed_day ON deposit (feed_id, service_date);
CREATE INDEX deposit_dealer_account_day ON deposit (dealer_id, account_id, service_date);

-- Enforced by the database, whoever connects: entries are never changed or removed.
CREATE FUNCTION deposit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the deposit ledger is append-only: % is not allowed (record an adjustment instead)', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER deposit_no_update_or_delete BEFORE UPDATE OR DELETE ON deposit
    FOR EACH ROW EXECUTE FUNCTION deposit_is_append_only();
CREATE TRIGGER deposit_no_truncate BEFORE TRUNCATE ON deposit
    FOR EACH STATEMENT EXECUTE FUNCTION deposit_is_append_only();

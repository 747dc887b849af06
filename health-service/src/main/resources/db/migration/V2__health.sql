-- health-service: server and feed health, the facts they are judged from, and the history of changes.
-- (V1, outbox_event and consumed_message, comes from service-kit's jar.)

-- Business time (DESIGN.md rule 12): each dealer's "today" is the latest as_of seen in its events.
-- Per dealer rather than global so one tenant's operator run cannot age every other tenant's feeds.
CREATE TABLE dealer_clock (
    dealer_id  UUID PRIMARY KEY,
    today      DATE        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The decisive server signal of each business night: the latest check or collection outcome that
-- says something about the server (a failure wins an exact tie). Merged, so arrival order is irrelevant.
CREATE TABLE server_night (
    server_id UUID        NOT NULL,
    as_of     DATE        NOT NULL,
    signal_at TIMESTAMPTZ NOT NULL,
    healthy   BOOLEAN     NOT NULL,
    kind      TEXT,
    detail    TEXT,
    PRIMARY KEY (server_id, as_of)
);

-- A server's health as last published on canopy.health.v1.
CREATE TABLE server_health (
    server_id  UUID PRIMARY KEY,
    dealer_id  UUID        NOT NULL,
    status     TEXT        NOT NULL DEFAULT 'HEALTHY' CHECK (status IN ('HEALTHY', 'UNHEALTHY')),
    reason     TEXT,                 -- FailureKind while unhealthy
    detail     TEXT,                 -- the vendor's reason in words (never a credential)
    since      DATE,                 -- business date of the current status
    checked_at TIMESTAMPTZ,
    changed_at TIMESTAMPTZ
);
CREATE INDEX server_health_dealer ON server_health (dealer_id, status);

-- What each business night told about a feed, merged from every outcome and deposit of that night
-- (or / max), so the stored night is the same whatever the order or number of deliveries.
CREATE TABLE feed_night (
    feed_id           UUID    NOT NULL,
    as_of             DATE    NOT NULL,
    succeeded         BOOLEAN NOT NULL DEFAULT false,
    failed            BOOLEAN NOT NULL DEFAULT false,  -- a failure of the feed's own (not server-wide)
    newest_reading_at TIMESTAMPTZ,                     -- meter vendors
    newest_data_day   DATE,                            -- lastAuditDate, non-empty day, deposit day
    PRIMARY KEY (feed_id, as_of)
);

-- A feed's health: status/reason as last published, and what the latest evaluation found.
CREATE TABLE feed_health (
    feed_id              UUID PRIMARY KEY,
    dealer_id            UUID        NOT NULL,
    account_id           UUID        NOT NULL,
    server_id            UUID,                  -- unknown while only deposits were seen
    time_zone            TEXT,                  -- the account's IANA zone, from the outcomes
    status               TEXT        NOT NULL DEFAULT 'HEALTHY' CHECK (status IN ('HEALTHY', 'UNHEALTHY')),
    reason               TEXT CHECK (reason IN ('STALE_DATA', 'COLLECTION_FAILING', 'SERVER_UNHEALTHY')),
    since                DATE,                  -- business date the current status and reason began
    evaluated_as_of      DATE,                  -- business date of the latest evaluation
    last_new_data_at     TIMESTAMPTZ,           -- how far the newest data reaches
    last_new_data_day    DATE,
    consecutive_failures INTEGER     NOT NULL DEFAULT 0,
    episode_start        DATE,                  -- first day without new data of the open episode
    checked_at           TIMESTAMPTZ,
    changed_at           TIMESTAMPTZ
);
CREATE INDEX feed_health_dealer ON feed_health (dealer_id, status);
CREATE INDEX feed_health_server ON feed_health (server_id);

-- Every published change of a feed and every backfill requested: append-only.
CREATE TABLE feed_health_history (
    position          BIGSERIAL PRIMARY KEY,
    feed_id           UUID        NOT NULL,
    dealer_id         UUID        NOT NULL,
    change            TEXT        NOT NULL CHECK (change IN ('STATUS', 'BACKFILL')),
    status            TEXT        NOT NULL,
    reason            TEXT,
    as_of             DATE        NOT NULL,
    last_new_data_day DATE,
    episode_start     DATE,
    backfill_id       UUID UNIQUE,           -- one backfill per episode, enforced here too
    window_from       DATE,
    window_to         DATE,
    recorded_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX feed_health_history_feed ON feed_health_history (feed_id, position);

CREATE FUNCTION feed_health_history_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'feed_health_history is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER feed_health_history_append_only
    BEFORE UPDATE OR DELETE ON feed_health_history
    FOR EACH ROW EXECUTE FUNCTION feed_health_history_is_append_only();

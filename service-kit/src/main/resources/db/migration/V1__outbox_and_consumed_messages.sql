-- service-kit: the two tables every event-writing, event-consuming service keeps (DESIGN.md rules 2 and 3).
-- Shipped in the kit's jar, so every data service migrates it as its V1 (its own migrations start at V2).

-- Transactional outbox: an event is inserted in the same transaction as the change it describes;
-- the relay publishes unpublished rows in id order and stamps published_at.
CREATE TABLE outbox_event (
    position     BIGSERIAL PRIMARY KEY,
    event_id     TEXT        NOT NULL UNIQUE,   -- CloudEvents ce_id (deterministic)
    topic        TEXT        NOT NULL,
    record_key   TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,          -- CloudEvents ce_type
    payload      JSONB       NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);
CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;

-- Idempotent consumer: the id of every message whose effect was committed, written in the same
-- transaction as that effect, so a redelivered message is recognised and skipped.
CREATE TABLE consumed_message (
    consumer    TEXT        NOT NULL,
    message_id  TEXT        NOT NULL,
    consumed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

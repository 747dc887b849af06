-- registry-service: dealers, API keys, customer accounts, servers (sealed credentials), feeds,
-- collection runs. Every dealer-owned row carries dealer_id: every /v1 query filters by it (tenancy).

CREATE TABLE dealer (
    id         UUID PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);

-- API keys are shown once; only a salted SHA-256 of the secret part is kept. The key's id is part
-- of the key the dealer holds, so verifying one is a primary-key lookup, not a scan of hashes.
CREATE TABLE api_key (
    id          UUID PRIMARY KEY,
    dealer_id   UUID        NOT NULL REFERENCES dealer (id),
    label       TEXT,
    salt        BYTEA       NOT NULL,
    secret_hash BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    last_used_at TIMESTAMPTZ
);
CREATE INDEX api_key_dealer ON api_key (dealer_id);

CREATE TABLE account (
    id             UUID PRIMARY KEY,
    dealer_id      UUID        NOT NULL REFERENCES dealer (id),
    parent_id      UUID REFERENCES account (id),
    name           TEXT        NOT NULL,
    time_zone      TEXT        NOT NULL,
    status         TEXT        NOT NULL CHECK (status IN ('active', 'inactive')),
    activated_at   TIMESTAMPTZ,
    deactivated_at TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_dealer ON account (dealer_id, created_at, id);

CREATE TABLE server (
    id                      UUID PRIMARY KEY,
    dealer_id               UUID        NOT NULL REFERENCES dealer (id),
    type                    TEXT        NOT NULL,
    url                     TEXT        NOT NULL,
    -- AES-256-GCM envelope bound to the server id; key id kept so keys rotate (DESIGN.md rule 9)
    credentials_key_id      TEXT        NOT NULL,
    credentials_algorithm   TEXT        NOT NULL,
    credentials_ciphertext  TEXT        NOT NULL,
    contact                 TEXT,
    max_concurrency         INT         NOT NULL CHECK (max_concurrency >= 1),
    health_check            TEXT        NOT NULL CHECK (health_check IN ('healthy', 'unhealthy')),
    health_check_checked_at TIMESTAMPTZ,
    health_check_changed_at TIMESTAMPTZ,
    health_reason           TEXT,
    -- while unhealthy: when the next server-check request is due
    next_check_at           TIMESTAMPTZ,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX server_dealer ON server (dealer_id, created_at, id);
CREATE INDEX server_check_due ON server (next_check_at) WHERE next_check_at IS NOT NULL;

CREATE TABLE feed (
    id                      UUID PRIMARY KEY,
    dealer_id               UUID        NOT NULL REFERENCES dealer (id),
    account_id              UUID        NOT NULL REFERENCES account (id),
    server_id               UUID        NOT NULL REFERENCES server (id),
    external_id             TEXT        NOT NULL,
    activation_date         DATE        NOT NULL,
    collection_scope        TEXT CHECK (collection_scope IN ('all', 'managed_only')),
    paper_basis             TEXT        NOT NULL CHECK (paper_basis IN ('letter', 'a4')),
    status                  TEXT        NOT NULL CHECK (status IN ('active', 'inactive')),
    activated_at            TIMESTAMPTZ,
    deactivated_at          TIMESTAMPTZ,
    -- collection watermark: every day before it was collected successfully (window [.., collected_through))
    collected_through       DATE,
    last_collection_status  TEXT,
    last_collection_at      TIMESTAMPTZ,
    health_check            TEXT        NOT NULL CHECK (health_check IN ('healthy', 'unhealthy')),
    health_check_checked_at TIMESTAMPTZ,
    health_check_changed_at TIMESTAMPTZ,
    health_reason           TEXT,
    created_at              TIMESTAMPTZ NOT NULL,
    updated_at              TIMESTAMPTZ NOT NULL
);
CREATE INDEX feed_dealer ON feed (dealer_id, created_at, id);
CREATE INDEX feed_server ON feed (server_id);
-- One vendor customer maps to at most one active feed per server.
CREATE UNIQUE INDEX feed_one_active_per_customer ON feed (server_id, external_id) WHERE status = 'active';

-- Every night (or operator run) that was started, by business date: the latest as_of is registry's
-- "today" (DESIGN.md rule 12) for manual collections and server checks.
CREATE TABLE collection_run (
    as_of        DATE PRIMARY KEY,
    started_at   TIMESTAMPTZ NOT NULL,
    requested    INT         NOT NULL
);

-- Idempotency-Key on POSTs: same key + same body = the stored response; different body = 409.
CREATE TABLE idempotent_request (
    scope        TEXT        NOT NULL,   -- the dealer id, or 'admin'
    key          TEXT        NOT NULL,
    request_hash TEXT        NOT NULL,
    status       INT         NOT NULL,
    body         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (scope, key)
);

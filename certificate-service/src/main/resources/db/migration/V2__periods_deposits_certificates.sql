-- certificate-service: its own projection of the deposit ledger, account periods and certificates.

-- Business time (DESIGN.md rule 12): the latest as_of seen on canopy.deposits.v1. One row.
CREATE TABLE business_clock (
    id         SMALLINT    PRIMARY KEY CHECK (id = 1),
    as_of      DATE        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One account's calendar month (first day stored). OPEN accepts deposits; CLOSING has frozen the
-- set it covers and waits to be sealed; CLOSED is final (certificate_id is null when nothing to certify).
CREATE TABLE account_period (
    account_id         UUID        NOT NULL,
    period             DATE        NOT NULL CHECK (EXTRACT(DAY FROM period) = 1),
    dealer_id          UUID        NOT NULL,
    status             TEXT        NOT NULL CHECK (status IN ('OPEN', 'CLOSING', 'CLOSED')),
    opened_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    closing_started_at TIMESTAMPTZ,
    closed_at          TIMESTAMPTZ,
    certificate_id     UUID,
    PRIMARY KEY (account_id, period)
);
CREATE INDEX account_period_open ON account_period (period) WHERE status <> 'CLOSED';

-- Months an operator closed for all accounts (POST /admin/v1/periods/{yyyy-mm}/close): deposits
-- for them arriving later are prior-period pages, even for accounts that had no period yet.
CREATE TABLE operator_month_close (
    period       DATE        PRIMARY KEY CHECK (EXTRACT(DAY FROM period) = 1),
    business_day DATE        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The projection of DepositRecorded. counted_in is the period whose certificate covers the
-- deposit, decided once on arrival (its own month, or the next open one as prior-period pages).
CREATE TABLE deposit (
    deposit_id     UUID        PRIMARY KEY,
    dealer_id      UUID        NOT NULL,
    account_id     UUID        NOT NULL,
    feed_id        UUID        NOT NULL,
    service_date   DATE        NOT NULL,
    standard_pages BIGINT      NOT NULL,
    kind           TEXT        NOT NULL,
    request_id     UUID        NOT NULL,
    as_of          DATE        NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    counted_in     DATE        NOT NULL,
    prior_period   BOOLEAN     NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    FOREIGN KEY (account_id, counted_in) REFERENCES account_period (account_id, period)
);
CREATE INDEX deposit_by_period ON deposit (account_id, counted_in);

-- Like the ledger it mirrors, the projection is append-only: a seal is only verifiable if the
-- deposits it covers can never change.
CREATE FUNCTION deposit_is_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'deposit rows are append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER deposit_append_only BEFORE UPDATE OR DELETE ON deposit
    FOR EACH ROW EXECUTE FUNCTION deposit_is_append_only();

CREATE TABLE certificate (
    certificate_id     UUID          PRIMARY KEY,
    dealer_id          UUID          NOT NULL,
    account_id         UUID          NOT NULL,
    period             DATE          NOT NULL,
    pages              BIGINT        NOT NULL,
    prior_period_pages BIGINT        NOT NULL,
    total_pages        BIGINT        NOT NULL,
    trees              NUMERIC(14,2) NOT NULL,
    forestry_project   TEXT          NOT NULL,
    deposit_count      INTEGER       NOT NULL,
    seal               CHAR(64)      NOT NULL,
    as_of              DATE          NOT NULL,
    issued_at          TIMESTAMPTZ   NOT NULL,
    UNIQUE (account_id, period),
    FOREIGN KEY (account_id, period) REFERENCES account_period (account_id, period)
);
CREATE INDEX certificate_by_dealer ON certificate (dealer_id, period, account_id);

-- Round-robin position of the forestry project choice, advanced in the certificate's transaction.
CREATE TABLE forestry_rotation (
    id        SMALLINT PRIMARY KEY CHECK (id = 1),
    next_turn BIGINT   NOT NULL
);
INSERT INTO forestry_rotation (id, next_turn) VALUES (1, 0);

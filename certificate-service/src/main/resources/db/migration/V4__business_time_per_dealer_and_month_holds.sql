-- Issue #16. Business time is per dealer and only a nightly run moves it (DESIGN.md rule 12): it is
-- service-kit's table dealer_business_day (created by the kit's repeatable migration, which runs
-- after this one, so created here as well with the same definition). The one global clock goes.
-- Each dealer starts from the latest as_of of its own deposits, never another dealer's.
CREATE TABLE IF NOT EXISTS dealer_business_day (
    dealer_id  UUID        PRIMARY KEY,
    today      DATE        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO dealer_business_day (dealer_id, today)
SELECT dealer_id, max(as_of) FROM deposit GROUP BY dealer_id
ON CONFLICT (dealer_id) DO NOTHING;
DROP TABLE business_clock;

-- An operator's close of a month for one dealer (POST /admin/v1/periods/{p}/close?dealer_id=), or
-- for each dealer whose business time has passed the month when no dealer is named. Rows of
-- operator_month_close (closes from before, for every dealer) still count.
CREATE TABLE operator_dealer_month_close (
    period       DATE        NOT NULL CHECK (EXTRACT(DAY FROM period) = 1),
    dealer_id    UUID        NOT NULL,
    business_day DATE        NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (period, dealer_id)
);

-- What certificate knows of each feed, from canopy.collection.outcomes.v1 and canopy.health.v1:
-- how far it has collected and whether a staleness episode (or the backfill that ends one) is open.
-- A month of the account waits for these (DESIGN.md "Month close and certificates").
CREATE TABLE feed_state (
    feed_id             UUID        PRIMARY KEY,
    dealer_id           UUID        NOT NULL,
    account_id          UUID        NOT NULL,
    collected_to        DATE,        -- every day before it was collected (max window end of a success)
    last_outcome_as_of  DATE,        -- latest as_of of any outcome, success or failure
    stale_since         DATE,        -- open staleness episode: first day without new data (null: none)
    stale_unknown_start BOOLEAN     NOT NULL DEFAULT false, -- stale with no new data ever: touches every month
    stale_changed_at    TIMESTAMPTZ,
    backfill_id         UUID,        -- requested when the episode ended, not yet collected
    backfill_from       DATE,
    backfill_to         DATE,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX feed_state_account ON feed_state (account_id);

-- A month's hold: while due, it waited for a feed (the first found); close_date is the business date
-- from which it no longer accepts deposits (the nominal close date, or the day after the hold ended,
-- or the day the max hold forced it), fixed once decided so placement is replayable.
ALTER TABLE account_period
    ADD COLUMN held_since    DATE,
    ADD COLUMN hold_feed_id  UUID,
    ADD COLUMN hold_reason   TEXT,
    ADD COLUMN hold_detail   TEXT,
    ADD COLUMN close_date    DATE;
CREATE INDEX account_period_dealer ON account_period (dealer_id, period);

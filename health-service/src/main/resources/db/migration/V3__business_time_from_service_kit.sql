-- Business time per dealer is now defined once, in service-kit (table dealer_business_day, created by
-- the kit's repeatable migration, and moved only by nightly runs). Repeatable migrations run after the
-- versioned ones, so the table is created here too (same definition, IF NOT EXISTS) to carry each
-- dealer's today over before health's own clock goes.
CREATE TABLE IF NOT EXISTS dealer_business_day (
    dealer_id  UUID        PRIMARY KEY,
    today      DATE        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO dealer_business_day (dealer_id, today, updated_at)
SELECT dealer_id, today, updated_at FROM dealer_clock
ON CONFLICT (dealer_id) DO NOTHING;
DROP TABLE dealer_clock;

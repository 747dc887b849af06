-- service-kit: business time per dealer (DESIGN.md rule 12), one definition for every service that
-- judges by it (health, certificate): a dealer's "today" is the latest as_of of a nightly run seen for
-- that dealer (io.canopy.kit.time.BusinessTime). Repeatable and idempotent: a versioned kit migration
-- would collide with the services' own V2, V3...
CREATE TABLE IF NOT EXISTS dealer_business_day (
    dealer_id  UUID        PRIMARY KEY,
    today      DATE        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- service-kit: an outbox row the relay cannot turn into a Kafka record (its payload does not read as
-- its event type) is parked instead of blocking every row behind it: parked_at and why, kept for
-- operators (never published, never deleted by the relay's cleanup); counted in canopy_outbox_parked_total.
-- Repeatable and idempotent rather than versioned: every service numbers its own migrations from V2,
-- so a later kit version number would collide with theirs. Applies to every service with the outbox.
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS parked_at TIMESTAMPTZ;
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS parked_reason TEXT;

-- service-kit (issue #18): what the relay needs for a record's CloudEvents headers is in the row, so it
-- never decodes a payload to publish it: ce_id = event_id, ce_type = event_type, ce_time = created_at and
-- the dealer extension = dealer_id (written by Outbox). A row without dealer_id (written before this
-- column, or by hand) is decoded as before, and parked when it does not read as its type.
-- Repeatable and idempotent rather than versioned: every service numbers its own migrations from V2.
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS dealer_id TEXT;

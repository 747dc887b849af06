-- service-kit: the W3C traceparent of the span that appended an outbox row (DESIGN.md rule 13),
-- put on the Kafka record by the relay so consumers continue the producer's trace.
-- Repeatable and idempotent rather than a versioned migration: every service numbers its own
-- migrations from V2, so a later kit version number would collide with theirs.
ALTER TABLE outbox_event ADD COLUMN IF NOT EXISTS trace_parent TEXT;

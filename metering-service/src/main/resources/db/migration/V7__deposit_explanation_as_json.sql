-- Issue #18: an explanation is written once and only ever read back whole (REST, an adjustment's
-- comparison: body::text, parsed by the service), never queried inside by the service. As jsonb every
-- entry was decomposed into a binary tree on insert, the most expensive part of the metering write path
-- (~40 % of its PostgreSQL time on MeteringThroughputBench, one body per deposit of ~1 KB per device).
-- json keeps the text as written, still validated, still readable with -> and ->> by an operator.
-- ALTER COLUMN TYPE rewrites the table without firing the row triggers that keep it append-only.
ALTER TABLE deposit_explanation ALTER COLUMN body TYPE json USING body::json;

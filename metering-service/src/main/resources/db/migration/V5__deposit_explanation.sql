-- Every deposit can explain itself (issue #16 §4). The explanation is written in the same transaction as
-- its ledger entry and outbox row, from the very values the entry was computed from, and never
-- recomputed: one compact jsonb document per entry, append-only like the ledger.

-- Which vendor counter a reading's values came from (MeterSnapshot.counterSource), shown in explanations.
ALTER TABLE meter_reading ADD COLUMN counter_source TEXT;

-- deposit_id is the ledger entry's id (no foreign key: the row is written right after its entry in the same
-- transaction, and the ledger's own TRUNCATE guard must stay the one that answers).
CREATE TABLE deposit_explanation (
    deposit_id UUID  PRIMARY KEY,
    body       JSONB NOT NULL
);

CREATE TRIGGER deposit_explanation_no_update_or_delete BEFORE UPDATE OR DELETE ON deposit_explanation
    FOR EACH ROW EXECUTE FUNCTION deposit_is_append_only();
CREATE TRIGGER deposit_explanation_no_truncate BEFORE TRUNCATE ON deposit_explanation
    FOR EACH STATEMENT EXECUTE FUNCTION deposit_is_append_only();

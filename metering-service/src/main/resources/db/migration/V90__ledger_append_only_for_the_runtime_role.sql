-- Least privilege (issue #17): the ledger and its explanations are append-only for the role the
-- service runs as, not only by trigger. service-kit's R__service_kit_runtime_role_grants.sql gives a
-- table commented 'append-only' SELECT and INSERT only; the runtime role owns nothing, so it cannot
-- disable the triggers either. (V90: far from the versions other changes add.)
COMMENT ON TABLE deposit IS 'append-only ledger: a correction is a new adjustment entry (DESIGN.md rule 4)';
COMMENT ON TABLE deposit_explanation IS 'append-only: how each deposit came about, stored with it, never recomputed';

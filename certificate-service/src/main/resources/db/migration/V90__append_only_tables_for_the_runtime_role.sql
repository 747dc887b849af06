-- Least privilege (issue #17): the deposit projection a seal is computed over is append-only for the
-- role the service runs as, not only by trigger (service-kit's R__service_kit_runtime_role_grants.sql
-- gives a table commented 'append-only' SELECT and INSERT only). V90: far from other changes' versions.
COMMENT ON TABLE deposit IS 'append-only projection of the ledger: a seal is only verifiable if it never changes';

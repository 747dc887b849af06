-- Least privilege (issue #17): the health history is append-only for the role the service runs as,
-- not only by trigger (service-kit's R__service_kit_runtime_role_grants.sql gives a table commented
-- 'append-only' SELECT and INSERT only). V90: far from other changes' versions.
COMMENT ON TABLE feed_health_history IS 'append-only: every published change of a feed and every backfill requested';

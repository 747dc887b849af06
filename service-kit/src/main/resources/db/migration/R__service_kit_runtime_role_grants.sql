-- service-kit: least privilege (issue #17). Flyway migrates as the database's OWNER role
-- (quarkus.flyway.username); the service runs as ${runtime_role} (quarkus.datasource.username, passed
-- in as the Flyway placeholder runtime_role), which owns nothing and so can never ALTER, DROP or
-- TRUNCATE a table nor disable a trigger. It gets row privileges only:
--   - every table: SELECT, INSERT, UPDATE, DELETE;
--   - a table whose comment starts with 'append-only' (metering's deposit ledger, certificate's
--     deposit projection, health's history): SELECT and INSERT only; its trigger is the second wall;
--   - flyway_schema_history: SELECT only.
-- Repeatable, so it runs after every versioned migration on a fresh database and again whenever it
-- changes; default privileges cover the tables the owner creates later (a migration that creates an
-- append-only table revokes UPDATE and DELETE itself, or comments it and touches this file).
DO $$
DECLARE
    runtime CONSTANT text := '${runtime_role}';
    t record;
BEGIN
    IF runtime = current_user THEN
        RETURN; -- one role for both (no split configured): it owns everything already
    END IF;
    FOR t IN SELECT c.oid::regclass AS name, c.relname, coalesce(obj_description(c.oid, 'pg_class'), '') AS note
               FROM pg_class c
              WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                AND c.relowner = current_user::regrole LOOP
        IF t.relname = 'flyway_schema_history' THEN
            EXECUTE format('REVOKE ALL ON %s FROM %I', t.name, runtime);
            EXECUTE format('GRANT SELECT ON %s TO %I', t.name, runtime);
        ELSIF t.note LIKE 'append-only%' THEN
            EXECUTE format('REVOKE ALL ON %s FROM %I', t.name, runtime);
            EXECUTE format('GRANT SELECT, INSERT ON %s TO %I', t.name, runtime);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', t.name, runtime);
        END IF;
    END LOOP;
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', current_schema(), runtime);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO %I', current_schema(), runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                   current_schema(), runtime);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA %I GRANT USAGE, SELECT ON SEQUENCES TO %I',
                   current_schema(), runtime);
END $$;

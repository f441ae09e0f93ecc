-- A least-privilege role for the running console (#16: audit immutability must not depend on
-- the role the app happens to use). Migrations run as the owner of the schema; the console runs
-- as a login role that is a member of "gatehouse_app", which owns nothing: it may read and write
-- the tables, but only SELECT and INSERT the audit trail, and as a non-owner it cannot disable
-- or drop the append-only triggers; as a non-superuser it cannot set session_replication_role.
--
-- Roles are shared by every database of a cluster: the role is created once, and a migration
-- running at the same time in another database may create it first. An owner without
-- CREATEROLE gets a notice and no grants: a DBA then creates the role before this migration
-- runs (CREATE ROLE gatehouse_app NOLOGIN), as README's "Running in production" says.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gatehouse_app') THEN
    BEGIN
      CREATE ROLE "gatehouse_app" NOLOGIN;
    EXCEPTION
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'role gatehouse_app not created: the migrating role lacks CREATEROLE. Create it first (CREATE ROLE gatehouse_app NOLOGIN) to run the console with least privilege.';
        RETURN;
    END;
  END IF;
  EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO "gatehouse_app"', current_database());
  GRANT USAGE ON SCHEMA public TO "gatehouse_app";
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "gatehouse_app";
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO "gatehouse_app";
  -- The audit trail: append and read, nothing else.
  REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON "audit_events" FROM "gatehouse_app";
  -- The migration record is the owner's: the console only reads it.
  REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM "gatehouse_app";
  -- Tables and sequences that later migrations (run by this same owner) create.
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "gatehouse_app";
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO "gatehouse_app";
END
$$;

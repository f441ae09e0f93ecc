-- The audit trail, chained by hash (#16 item 16): every row carries the hash of the row before it
-- ("prev_hash") and its own "hash", the SHA-256 of a canonical text of its content and prev_hash.
-- Deleting, editing or reordering any row then breaks the chain where it happened, and
-- `gatehouse audit verify` (lib/audit/chain.ts) recomputes every hash to find it.
--
-- The canonical text (the same in lib/audit/chain.ts): "gatehouse-audit-v1", then each field as
-- <UTF-8 byte length>:<text>, or "~" for NULL, in this order: id, created_at (UTC,
-- YYYY-MM-DDTHH:MM:SS.mmmZ), workspace_id, rest_api_id, actor_id, actor_email, action,
-- entity_type, entity_id, summary, before and after (PostgreSQL's text of the jsonb value, which is
-- canonical: keys sorted, spacing fixed), prev_hash. Length prefixes need no escaping rules.
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" TEXT, ADD COLUMN "hash" TEXT;

-- The chain's head: the last row's id and hash, one row. Appends from every connection and process
-- lock it (SELECT … FOR UPDATE) until their transaction ends, so each row links to the one committed
-- before it; it also shows when rows at the end were deleted, which no later row could.
CREATE TABLE "audit_chain_head" (
    "id" BOOLEAN NOT NULL DEFAULT true,
    "last_event_id" BIGINT,
    "last_hash" TEXT NOT NULL,
    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "audit_chain_head_one_row" CHECK ("id")
);

CREATE FUNCTION "gatehouse_audit_canonical"(e "audit_events") RETURNS text LANGUAGE sql STABLE
SET search_path = public, pg_temp AS $$
  SELECT 'gatehouse-audit-v1' || string_agg(
           CASE WHEN f IS NULL THEN '~' ELSE octet_length(convert_to(f, 'UTF8'))::text || ':' || f END, '' ORDER BY n)
  FROM unnest(ARRAY[
    e."id"::text,
    to_char(e."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    e."workspace_id"::text, e."rest_api_id"::text, e."actor_id"::text,
    e."actor_email", e."action", e."entity_type", e."entity_id", e."summary",
    e."before"::text, e."after"::text, e."prev_hash"
  ]) WITH ORDINALITY AS t(f, n)
$$;

CREATE FUNCTION "gatehouse_audit_hash"(e "audit_events") RETURNS text LANGUAGE sql STABLE
SET search_path = public, pg_temp AS $$
  SELECT encode(sha256(convert_to("gatehouse_audit_canonical"(e), 'UTF8')), 'hex')
$$;

-- Every insert is chained here, whoever writes it. SECURITY DEFINER: the console's role needs no
-- right on the head at all (it cannot move it), only this function, which runs as the owner;
-- search_path is fixed with pg_temp last so no temporary table can stand in for the head.
-- The id is drawn again under the head's lock: ids then follow the chain's order, which the
-- column default (drawn before the lock) would not under concurrency. Gaps in ids are harmless.
CREATE FUNCTION "gatehouse_audit_chain"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
BEGIN
  SELECT "last_hash" INTO NEW."prev_hash" FROM "audit_chain_head" WHERE "id" FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit_chain_head is empty: the audit chain has no head';
  END IF;
  NEW."id" := nextval(pg_get_serial_sequence('"audit_events"', 'id'));
  NEW."hash" := "gatehouse_audit_hash"(NEW);
  UPDATE "audit_chain_head" SET "last_event_id" = NEW."id", "last_hash" = NEW."hash" WHERE "id";
  RETURN NEW;
END $$;

-- Rows written before this migration are chained now, in id order, from the genesis hash (64 zeros).
-- The append-only trigger is set aside for this one backfill, inside this migration's transaction.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update";
DO $$
DECLARE
  r "audit_events";
  prev text := repeat('0', 64);
  last_id bigint;
BEGIN
  FOR r IN SELECT * FROM "audit_events" ORDER BY "id" LOOP
    r."prev_hash" := prev;
    r."hash" := "gatehouse_audit_hash"(r);
    UPDATE "audit_events" SET "prev_hash" = r."prev_hash", "hash" = r."hash" WHERE "id" = r."id";
    prev := r."hash";
    last_id := r."id";
  END LOOP;
  INSERT INTO "audit_chain_head" ("id", "last_event_id", "last_hash") VALUES (true, last_id, prev);
END
$$;
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update";

CREATE TRIGGER "audit_events_chain" BEFORE INSERT ON "audit_events"
  FOR EACH ROW EXECUTE FUNCTION "gatehouse_audit_chain"();

-- The head is the owner's: the console's role (migration 0008's default privileges gave it
-- read/write on new tables) may read it, for `gatehouse audit verify`, and nothing else.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gatehouse_app') THEN
    REVOKE ALL ON "audit_chain_head" FROM "gatehouse_app";
    GRANT SELECT ON "audit_chain_head" TO "gatehouse_app";
  END IF;
END
$$;

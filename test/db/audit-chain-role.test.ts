/**
 * The console's least-privilege role (migration 0008) and the audit chain (0009), on PostgreSQL:
 * the role appends chained rows (the trigger runs as the owner) and reads the head to verify,
 * but may not move, add or remove the head, nor change the trigger.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../lib/audit/chain";
import { mutate } from "../../lib/audit/mutate";
import { openDb, type DbHandle } from "../../lib/db/client";
import { ADMIN_URL, createEmptyPostgresDatabase } from "../helpers/databases";

const LOGIN = `gatehouse_chain_test_${randomBytes(5).toString("hex")}`;

async function asAdmin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe("the audit chain under the console's role on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let app: DbHandle;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    const owner = await openDb({ databaseUrl: database.url });
    await owner.close();
    await asAdmin(`CREATE ROLE "${LOGIN}" LOGIN IN ROLE gatehouse_app`);
    const url = new URL(database.url);
    url.username = LOGIN;
    app = await openDb({ databaseUrl: url.toString(), migrate: false });
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await database?.drop();
    await asAdmin(`DROP ROLE IF EXISTS "${LOGIN}"`);
  });

  it("appends chained rows and verifies the chain", async () => {
    const ws = await app.prisma.workspace.create({ data: { name: "W", slug: "w" } });
    const actor = { userId: null, email: "app@example.com", workspaceId: ws.id, role: "admin" as const };
    for (const i of [1, 2, 3]) {
      await mutate(app.prisma, actor, async () => ({ result: null, audit: { action: "test.change", entityType: "thing", entityId: `t-${i}` } }));
    }
    expect(await verifyAuditChain(app.sql)).toMatchObject({ ok: true, rows: 3 });
  });

  it.each([
    ["move the head", `UPDATE "audit_chain_head" SET "last_hash" = 'x'`],
    ["delete the head", `DELETE FROM "audit_chain_head"`],
    ["add a head", `INSERT INTO "audit_chain_head" ("id", "last_hash") VALUES (false, 'x')`],
    ["truncate the head", `TRUNCATE "audit_chain_head"`],
    ["lock the head", `SELECT 1 FROM "audit_chain_head" FOR UPDATE`],
    ["drop the chain trigger", `DROP TRIGGER "audit_events_chain" ON "audit_events"`],
    ["replace the chain function", `CREATE OR REPLACE FUNCTION "gatehouse_audit_chain"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`],
  ])("may not %s", async (_what, statement) => {
    await expect(app.sql.exec(statement)).rejects.toMatchObject({ code: "42501" });
    expect(await verifyAuditChain(app.sql)).toMatchObject({ ok: true, rows: 3 });
  });
});

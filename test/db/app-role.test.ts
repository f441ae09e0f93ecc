/**
 * The console's database role cannot tamper with the audit trail (#16 item 16), on real
 * PostgreSQL: migrations run as the owner (DATABASE_MIGRATION_URL), the console as a login
 * role in gatehouse_app (DATABASE_URL). The app role does its work, and cannot update, delete or
 * truncate audit rows, disable or drop the append-only triggers, or set session_replication_role.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../../lib/db/client";
import { auditTamperWarning } from "../../lib/db/audit-guarantee";
import { seedDemo } from "../../lib/db/seed";
import { listHistory } from "../../lib/audit/history";
import { createRestApi, editDesign } from "../../lib/restapi/service";
import { actorsOfEveryRole } from "../helpers/actors";
import { ADMIN_URL, createEmptyPostgresDatabase } from "../helpers/databases";

const LOGIN = `gatehouse_app_test_${randomBytes(5).toString("hex")}`;

async function asAdmin(sql: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

describe("the console's database role on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createEmptyPostgresDatabase>>;
  let appUrl: string;
  let app: DbHandle;
  let app2: DbHandle | undefined;

  beforeAll(async () => {
    database = await createEmptyPostgresDatabase();
    // The owner migrates first: that creates gatehouse_app (once per cluster) and its grants.
    const owner = await openDb({ databaseUrl: database.url });
    await owner.close();
    await asAdmin(`CREATE ROLE "${LOGIN}" LOGIN IN ROLE gatehouse_app`);
    const url = new URL(database.url);
    url.username = LOGIN;
    appUrl = url.toString();
    app = await openDb({ databaseUrl: appUrl, migrationUrl: database.url });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await app2?.close();
    await database?.drop();
    await asAdmin(`DROP ROLE IF EXISTS "${LOGIN}"`);
  });

  it("does the console's work: seeds, edits an API, writes and reads the history", async () => {
    const p = app.prisma;
    expect(await seedDemo(p)).toBe(true);
    const { actors } = await actorsOfEveryRole(p);
    const api = await createRestApi(p, actors.editor, { name: "Least privilege" });
    await editDesign(p, actors.editor, api.id, api.version, { type: "addResourcePath", path: "/orders" });
    const history = await listHistory(p, { workspaceId: actors.editor.workspaceId, restApiId: api.id });
    expect(history.map((h) => h.action)).toContain("api.create");
    expect(await auditTamperWarning(app.sql)).toBeNull();
  });

  it.each([
    ["UPDATE", `UPDATE "audit_events" SET "summary" = 'rewritten'`],
    ["DELETE", `DELETE FROM "audit_events"`],
    ["TRUNCATE", `TRUNCATE "audit_events"`],
    ["DISABLE TRIGGER", `ALTER TABLE "audit_events" DISABLE TRIGGER ALL`],
    ["DROP TRIGGER", `DROP TRIGGER "audit_events_no_update" ON "audit_events"`],
    ["session_replication_role", `SET session_replication_role = replica`],
    ["DROP TABLE", `DROP TABLE "audit_events"`],
    ["change the migration record", `DELETE FROM "_prisma_migrations"`],
  ])("refuses %s", async (_name, statement) => {
    const before = await app.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "audit_events"`);
    await expect(app.sql.exec(statement)).rejects.toMatchObject({ code: "42501" });
    const after = await app.sql.query<{ n: string }>(`SELECT count(*)::text AS n FROM "audit_events"`);
    expect(after).toEqual(before);
  });

  it("starts with DATABASE_URL alone on a database the owner migrated", async () => {
    app2 = await openDb({ databaseUrl: appUrl });
    expect(await app2.prisma.user.count()).toBeGreaterThan(0);
  });

  it("tells a role that owns nothing how migrations are run, when one is pending", async () => {
    const fresh = await createEmptyPostgresDatabase();
    try {
      const url = new URL(fresh.url);
      url.username = LOGIN;
      await expect(openDb({ databaseUrl: url.toString() })).rejects.toThrow(/DATABASE_MIGRATION_URL/);
    } finally {
      await fresh.drop();
    }
  });

  it("warns when the console runs as a role that can alter audit rows (the one-role fallback)", async () => {
    const owner = await openDb({ databaseUrl: database.url, migrate: false });
    try {
      expect(await auditTamperWarning(owner.sql)).toMatch(/superuser.*owns audit_events/);
    } finally {
      await owner.close();
    }
  });
});

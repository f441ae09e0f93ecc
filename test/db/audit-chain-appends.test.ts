/**
 * Appending to the audit chain under concurrency, and chaining the rows a database held before
 * migration 0009. On PostgreSQL the appends come from two separate connection pools (as two
 * console processes would), each running many transactions at once; PGlite has one connection,
 * so there the same calls run one after another and must chain just as well.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../lib/audit/chain";
import { mutate, type Actor } from "../../lib/audit/mutate";
import { openDb, type DbHandle } from "../../lib/db/client";
import { applyMigrations, DEFAULT_MIGRATIONS_DIR, readMigrations } from "../../lib/db/migrate";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

/**
 * n changes from one connection pool, in waves of 4 at once: two pools then have 8 transactions
 * queueing on the chain's head together, without Prisma's 2 s wait for a connection being what fails
 * on a loaded machine.
 */
async function appendFrom(handle: DbHandle, actor: Actor, tag: string, n: number) {
  for (let start = 0; start < n; start += 4) {
    const wave = Array.from({ length: Math.min(4, n - start) }, (_, k) => start + k);
    await Promise.all(
      wave.map((i) =>
        mutate(handle.prisma, actor, async () => ({
          result: null,
          // Two rows per change: a change's rows stay next to each other in the chain.
          audit: [
            { action: "test.concurrent", entityType: "thing", entityId: `${tag}-${i}-a`, after: { i } },
            { action: "test.concurrent", entityType: "thing", entityId: `${tag}-${i}-b`, after: { i } },
          ],
        })),
      ),
    );
  }
}

describe.each(DATABASE_KINDS)("audit chain appends on %s", (kind) => {
  let db: TestDatabase;
  let second: DbHandle;
  let actor: Actor;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    // PGlite is one connection in this process: its "second connection" is the same handle.
    second = kind === "postgres" ? await openDb({ databaseUrl: db.url, migrate: false }) : db.handle;
    const ws = await db.handle.prisma.workspace.create({ data: { name: "W", slug: "w" } });
    actor = { userId: null, email: "tester@example.com", workspaceId: ws.id, role: "admin" };
  }, 180_000);
  afterAll(async () => {
    if (second && second !== db?.handle) await second.close();
    await db?.drop();
  });

  it("keeps a valid chain when two connections append at once", async () => {
    await Promise.all([appendFrom(db.handle, actor, "one", 25), appendFrom(second, actor, "two", 25)]);
    const report = await verifyAuditChain(db.handle.sql);
    expect(report).toMatchObject({ ok: true, rows: 100 });
    // Ids follow the chain (drawn under the head's lock), so a change's two rows are neighbours.
    const rows = await db.handle.prisma.auditEvent.findMany({ orderBy: { id: "asc" }, select: { entityId: true } });
    for (let i = 0; i < rows.length; i += 2) expect(rows[i + 1].entityId).toBe(rows[i].entityId.replace(/-a$/, "-b"));
    expect(await verifyAuditChain(second.sql)).toMatchObject({ ok: true, rows: 100 });
  });

  it("verifies while appends go on, up to the head it read first", async () => {
    const appending = appendFrom(second, actor, "during", 20);
    const report = await verifyAuditChain(db.handle.sql, { batchSize: 7 });
    await appending;
    expect(report.ok).toBe(true);
    expect(await verifyAuditChain(db.handle.sql)).toMatchObject({ ok: true, rows: await db.handle.prisma.auditEvent.count() });
  });
});

describe.each(DATABASE_KINDS)("migration 0009 on %s", (kind) => {
  let db: TestDatabase;
  const before0009 = mkdtempSync(join(tmpdir(), "gatehouse-migrations-"));

  beforeAll(async () => {
    for (const m of readMigrations().filter((m) => m.name < "0009"))
      cpSync(join(DEFAULT_MIGRATIONS_DIR, m.name), join(before0009, m.name), { recursive: true });
    db = await openTestDatabase(kind, { migrate: false });
  }, 180_000);
  afterAll(async () => {
    rmSync(before0009, { recursive: true, force: true });
    await db?.drop();
  });

  it("chains the rows written before it, in id order, and later rows continue the chain", async () => {
    await applyMigrations(db.handle.sql, before0009);
    await db.handle.sql.exec(`
      INSERT INTO "workspaces" ("id", "name", "slug") VALUES ('00000000-0000-4000-8000-00000000000a', 'Old', 'old');
      INSERT INTO "audit_events" ("workspace_id", "actor_email", "action", "entity_type", "entity_id", "summary", "before", "after", "created_at")
      SELECT '00000000-0000-4000-8000-00000000000a', 'old@example.com', 'old.change', 'thing', 'old-' || n, 'Ünïcode ' || n,
             jsonb_build_object('n', n, 'price', 249.99), NULL, TIMESTAMPTZ '2025-01-01 00:00:00.123+00' + n * interval '1 minute'
      FROM generate_series(1, 12) AS n;`);
    expect((await applyMigrations(db.handle.sql)).applied).toEqual(
      readMigrations()
        .map((m) => m.name)
        .filter((name) => name >= "0009"),
    );
    expect(await verifyAuditChain(db.handle.sql)).toMatchObject({ ok: true, rows: 12 });
    const actor: Actor = { userId: null, email: "new@example.com", workspaceId: "00000000-0000-4000-8000-00000000000a", role: "admin" };
    await appendFrom(db.handle, actor, "new", 2);
    expect(await verifyAuditChain(db.handle.sql)).toMatchObject({ ok: true, rows: 16 });
  });
});

/**
 * The audit trail's hash chain (#16 item 16, migration 0009) on both databases: a chain of real
 * audited changes verifies; editing a row (triggers switched off, as a superuser can), deleting a
 * row in the middle or at the end, or swapping two rows is reported at the row where it happened.
 * Each test starts from an empty chain, so one tampering does not hide another.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { auditRowHash, canonicalAuditText, GENESIS_HASH, verifyAuditChain, type ChainRow } from "../../lib/audit/chain";
import { mutate, type Actor } from "../../lib/audit/mutate";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

/** Writes n audited changes through mutate() and returns their ids in order. */
async function appendChanges(db: TestDatabase, actor: Actor, n: number, tag = "x"): Promise<bigint[]> {
  for (let i = 0; i < n; i++) {
    await mutate(db.handle.prisma, actor, async (tx) => {
      await tx.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
      return {
        result: null,
        audit: {
          action: "test.change",
          entityType: "thing",
          entityId: `${tag}-${i}`,
          summary: `Change ${i} ✓`,
          before: { n: i, nested: { a: [1, 2.5] } },
          after: { n: i + 1 },
        },
      };
    });
  }
  const rows = await db.handle.prisma.auditEvent.findMany({ where: { workspaceId: actor.workspaceId }, orderBy: { id: "asc" }, select: { id: true } });
  return rows.map((r) => r.id);
}

/** Runs SQL with the triggers off, as a superuser can (the append-only trigger then does not fire). */
async function tamper(db: TestDatabase, statements: string) {
  await db.handle.sql.withLock(async (conn) => {
    await conn.exec(`SET session_replication_role = replica; ${statements}; SET session_replication_role = origin;`);
  });
}

describe("the canonical text", () => {
  const row: ChainRow = {
    id: "7",
    createdAt: "2026-01-02T03:04:05.006Z",
    workspaceId: "00000000-0000-4000-8000-000000000001",
    restApiId: null,
    actorId: null,
    actorEmail: "system",
    action: "a.b",
    entityType: "t",
    entityId: "é",
    summary: "",
    before: null,
    after: '{"a": 1}',
    prevHash: GENESIS_HASH,
    hash: null,
  };

  it("prefixes each field with its UTF-8 length and writes NULL as ~, so no two rows read the same", () => {
    expect(canonicalAuditText(row)).toBe(
      `gatehouse-audit-v11:724:2026-01-02T03:04:05.006Z36:00000000-0000-4000-8000-000000000001~~6:system3:a.b1:t2:é0:~8:{"a": 1}64:${GENESIS_HASH}`,
    );
    // Moving text between fields changes the hash although the concatenated text is alike.
    expect(auditRowHash({ ...row, entityType: "ta", action: "a." })).not.toBe(auditRowHash({ ...row, entityType: "a", action: "a.t" }));
  });
});

describe.each(DATABASE_KINDS)("the audit hash chain on %s", (kind) => {
  let db: TestDatabase;
  let actor: Actor;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ws = await db.handle.prisma.workspace.create({ data: { name: "W", slug: "w" } });
    actor = { userId: null, email: "tester@example.com", workspaceId: ws.id, role: "admin" };
  }, 180_000);
  afterAll(() => db?.drop());

  // Each test starts from an empty chain (as only a superuser could make it), so one tampering
  // does not hide the next.
  beforeEach(async () => {
    await tamper(db, `DELETE FROM "audit_events"; UPDATE "audit_chain_head" SET "last_event_id" = NULL, "last_hash" = '${GENESIS_HASH}'`);
  });

  const changes = (n: number) => appendChanges(db, actor, n);

  it("verifies an empty chain and a chain of audited changes, and the database's hashes are the ones recomputed here", async () => {
    expect(await verifyAuditChain(db.handle.sql)).toEqual({ ok: true, rows: 0, head: { id: null, hash: GENESIS_HASH } });
    const ids = await appendChanges(db, actor, 5);
    // A change writing several audit rows at once is chained row by row.
    await mutate(db.handle.prisma, actor, async () => ({
      result: null,
      audit: [1, 2, 3].map((i) => ({ action: "test.many", entityType: "thing", entityId: `many-${i}`, after: { password: "hunter2", i } })),
    }));
    const report = await verifyAuditChain(db.handle.sql, { batchSize: 2 });
    expect(report).toMatchObject({ ok: true, rows: 8 });
    const rows = await db.handle.prisma.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(rows[0].id).toBe(ids[0]);
    expect(rows[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prevHash).toBe(rows[i - 1].hash);
    expect(report.head).toEqual({ id: rows.at(-1)!.id.toString(), hash: rows.at(-1)!.hash });
    // Masking happened before hashing: the chain covers what is stored.
    expect(rows.at(-1)!.after).toEqual({ password: "****", i: 3 });
  });

  it("ignores a hash the writer passes: the trigger computes it", async () => {
    await changes(2);
    await db.handle.prisma.auditEvent.create({
      data: { workspaceId: actor.workspaceId, actorEmail: "x@example.com", action: "x.y", entityType: "x", entityId: "1", prevHash: "forged", hash: "forged" },
    });
    expect(await verifyAuditChain(db.handle.sql)).toMatchObject({ ok: true, rows: 3 });
  });

  it("reports a row whose `after` was edited at that row", async () => {
    const ids = await changes(6);
    await tamper(db, `UPDATE "audit_events" SET "after" = '{"n": 99}' WHERE "id" = ${ids[3]}`);
    const report = await verifyAuditChain(db.handle.sql);
    expect(report.ok).toBe(false);
    expect(report.firstBreak).toEqual({ id: ids[3].toString(), reason: expect.stringMatching(/content does not match its hash/) });
    expect(report.rows).toBe(3);
  });

  it("reports an edited row whose hash was recomputed too at the row after it", async () => {
    const ids = await changes(6);
    await tamper(db, `UPDATE "audit_events" SET "summary" = 'nothing to see' WHERE "id" = ${ids[2]}`);
    const [row] = await db.handle.sql.query<ChainRow>(
      `SELECT "id"::text AS "id", to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", "workspace_id"::text AS "workspaceId",
              "rest_api_id"::text AS "restApiId", "actor_id"::text AS "actorId", "actor_email" AS "actorEmail", "action", "entity_type" AS "entityType",
              "entity_id" AS "entityId", "summary", "before"::text AS "before", "after"::text AS "after", "prev_hash" AS "prevHash", "hash"
       FROM "audit_events" WHERE "id" = ${ids[2]}`,
    );
    await tamper(db, `UPDATE "audit_events" SET "hash" = '${auditRowHash(row)}' WHERE "id" = ${ids[2]}`);
    const report = await verifyAuditChain(db.handle.sql);
    expect(report.firstBreak).toEqual({ id: ids[3].toString(), reason: expect.stringMatching(new RegExp(`does not follow row #${ids[2]}`)) });
  });

  it("reports a deleted middle row at the row after the gap", async () => {
    const ids = await changes(6);
    await tamper(db, `DELETE FROM "audit_events" WHERE "id" = ${ids[2]}`);
    const report = await verifyAuditChain(db.handle.sql);
    expect(report.firstBreak).toEqual({
      id: ids[3].toString(),
      reason: expect.stringMatching(new RegExp(`does not follow row #${ids[1]}: a row between them was deleted`)),
    });
  });

  it("reports a deleted first row at the new first row", async () => {
    const ids = await changes(3);
    await tamper(db, `DELETE FROM "audit_events" WHERE "id" = ${ids[0]}`);
    expect((await verifyAuditChain(db.handle.sql)).firstBreak).toEqual({
      id: ids[1].toString(),
      reason: expect.stringMatching(/does not follow the start of the chain/),
    });
  });

  it("reports rows deleted at the end at the head's row", async () => {
    const ids = await changes(5);
    await tamper(db, `DELETE FROM "audit_events" WHERE "id" >= ${ids[3]}`);
    const report = await verifyAuditChain(db.handle.sql);
    expect(report.firstBreak).toEqual({
      id: ids[4].toString(),
      reason: expect.stringMatching(new RegExp(`the last row is #${ids[2]}: rows at the end were deleted`)),
    });
  });

  it("reports two swapped rows at the first of them", async () => {
    const ids = await changes(6);
    const [a, b] = [ids[2], ids[3]];
    await tamper(
      db,
      `UPDATE "audit_events" SET "id" = -1 WHERE "id" = ${a}; UPDATE "audit_events" SET "id" = ${a} WHERE "id" = ${b}; UPDATE "audit_events" SET "id" = ${b} WHERE "id" = -1`,
    );
    const report = await verifyAuditChain(db.handle.sql);
    expect(report.firstBreak?.id).toBe(a.toString());
    expect(report.rows).toBe(2);
  });

  it("reports a row written with the triggers off", async () => {
    const ids = await changes(3);
    await tamper(
      db,
      `INSERT INTO "audit_events" ("id", "workspace_id", "actor_email", "action", "entity_type", "entity_id") VALUES (${ids[1]} + 1, '${actor.workspaceId}', 'x', 'x', 'x', 'x')`,
    );
    const report = await verifyAuditChain(db.handle.sql);
    expect(report.firstBreak).toEqual({ id: (ids[1] + 1n).toString(), reason: expect.stringMatching(/has no hash/) });
  });

  it("reports a row written with the triggers off past the head", async () => {
    const ids = await changes(3);
    const beyond = ids[2] + 1000n;
    await tamper(
      db,
      `INSERT INTO "audit_events" ("id", "workspace_id", "actor_email", "action", "entity_type", "entity_id") VALUES (${beyond}, '${actor.workspaceId}', 'x', 'x', 'x', 'x')`,
    );
    expect((await verifyAuditChain(db.handle.sql)).firstBreak).toEqual({ id: beyond.toString(), reason: expect.stringMatching(/past the chain's head/) });
  });

  it("with --expect, refuses a chain rewritten from scratch that no longer holds a noted head", async () => {
    await changes(3);
    const noted = (await verifyAuditChain(db.handle.sql)).head.hash;
    await appendChanges(db, actor, 2, "later");
    expect(await verifyAuditChain(db.handle.sql, { expectHash: noted })).toMatchObject({ ok: true, rows: 5 });
    expect(await verifyAuditChain(db.handle.sql, { expectHash: "f".repeat(64) })).toMatchObject({
      ok: false,
      firstBreak: { reason: expect.stringMatching(/expected hash/) },
    });
  });
});

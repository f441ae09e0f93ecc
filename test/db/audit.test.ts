/** The audit trail: written with the change in one transaction, and impossible to rewrite. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mutate, type Actor } from "../../lib/audit/mutate";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

describe.each(DATABASE_KINDS)("audit trail on %s", (kind) => {
  let db: TestDatabase;
  let actor: Actor;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    const ws = await db.handle.prisma.workspace.create({ data: { name: "W", slug: "w" } });
    actor = { userId: null, email: "tester@example.com", workspaceId: ws.id, role: "admin" };
  });
  afterAll(() => db?.drop());

  it("records actor, action, entity and before/after in the same transaction as the change", async () => {
    const p = db.handle.prisma;
    const api = await mutate(p, actor, async (tx) => {
      const row = await tx.restApi.create({ data: { workspaceId: actor.workspaceId, name: "A", design: {} } });
      return {
        result: row,
        audit: {
          action: "api.create",
          entityType: "api",
          entityId: row.id,
          restApiId: row.id,
          before: null,
          after: { name: "A", headers: { Authorization: "Bearer abc" } },
        },
      };
    });
    const events = await p.auditEvent.findMany({ where: { restApiId: api.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorEmail: "tester@example.com", action: "api.create", entityType: "api", entityId: api.id });
    expect(events[0].before).toBeNull();
    // Credentials are masked before they reach the history.
    expect(events[0].after).toEqual({ name: "A", headers: { Authorization: "****" } });
  });

  it("rolls back the change when the mutation fails, leaving no audit row either", async () => {
    const p = db.handle.prisma;
    const before = await p.auditEvent.count();
    await expect(
      mutate(p, actor, async (tx) => {
        await tx.restApi.create({ data: { workspaceId: actor.workspaceId, name: "Doomed", design: {} } });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await p.restApi.count({ where: { name: "Doomed" } })).toBe(0);
    expect(await p.auditEvent.count()).toBe(before);
  });

  it("refuses UPDATE, DELETE and TRUNCATE at the database, whoever asks", async () => {
    const p = db.handle.prisma;
    const row = await p.auditEvent.findFirstOrThrow();
    await expect(p.auditEvent.update({ where: { id: row.id }, data: { action: "forged" } })).rejects.toThrow(/append-only/);
    await expect(p.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(db.handle.sql.exec(`UPDATE audit_events SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(db.handle.sql.exec(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(db.handle.sql.exec(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
    expect((await p.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).action).toBe(row.action);
  });
});

/**
 * The action frame on both databases: bad input a client can send (U+0000 in text, a non-UUID id)
 * is answered 4xx with a field error and writes nothing; a real fault is still a 500.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { seedDemo } from "@/lib/db/seed";
import { createRestApi, editDesign } from "@/lib/restapi/service";
import { revertChange } from "@/lib/audit/revert-service";
import { parseDesign } from "@/lib/model/design";
import { rootResource } from "@/lib/model/tree";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "@/test/helpers/databases";
import { actorsOfEveryRole } from "@/test/helpers/actors";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined, user: undefined as SessionUser | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));
vi.mock("./session", () => ({
  currentUser: async () => state.user,
  actorOf: (u: SessionUser) => ({ userId: u.userId, email: u.email, workspaceId: u.workspaceId, role: u.role }),
}));

const { runAction } = await import("./action");

describe.each(DATABASE_KINDS)("runAction on %s", (kind) => {
  let db: TestDatabase;
  const counts = async () => {
    const p = db.handle.prisma;
    return { apis: await p.restApi.count(), audit: await p.auditEvent.count() };
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(db.handle.prisma);
    const { actors } = await actorsOfEveryRole(db.handle.prisma);
    state.handle = db.handle;
    state.user = { ...actors.admin, name: "Admin" } as unknown as SessionUser;
  }, 180_000);
  afterAll(() => db.drop());

  it("refuses U+0000 in a name with a 400 field error and writes nothing", async () => {
    const before = await counts();
    const result = await runAction("api.create", ({ db: d, actor }) => createRestApi(d, actor, { name: "pets\u0000api" }));
    expect(result).toMatchObject({ ok: false, status: 400, code: "ValidationError", fieldErrors: { name: expect.stringMatching(/NUL/) } });
    expect(await counts()).toEqual(before);
  });

  it("refuses U+0000 deep in a design edit (JSON column) with the field named", async () => {
    const api = await runAction("api.create", ({ db: d, actor }) => createRestApi(d, actor, { name: "nul-design" }));
    if (!api.ok) throw new Error(api.error);
    const rootId = rootResource(parseDesign(api.data.design)).id;
    const before = await counts();
    const result = await runAction("design.edit", ({ db: d, actor }) =>
      editDesign(d, actor, api.data.id, api.data.version, { type: "updateApi", description: "a\u0000b" }),
    );
    expect(result).toMatchObject({ ok: false, status: 400 });
    expect(JSON.stringify(result)).toMatch(/NUL/);
    expect(await counts()).toEqual(before);
    expect(rootId).toBeTruthy();
  });

  it("answers a non-UUID id with 404, not 500", async () => {
    const result = await runAction("design.edit", ({ db: d, actor }) => revertChange(d, actor, "not-a-uuid"));
    expect(result).toMatchObject({ ok: false, status: 404 });
    const direct = await runAction("read", ({ db: d }) => d.restApi.findUnique({ where: { id: "zz" } }));
    expect(direct).toMatchObject({ ok: false, status: 404 });
  });

  it("still answers a real fault with 500", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await runAction("read", async () => {
      throw new Error("boom");
    });
    expect(result).toMatchObject({ ok: false, status: 500 });
  });
});

/** GET /api/history with query strings a client can send: bad ones are 4xx with the field, never 500. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { seedDemo } from "@/lib/db/seed";
import { openTestDatabase, type TestDatabase } from "@/test/helpers/databases";
import { actorsOfEveryRole } from "@/test/helpers/actors";

const state = vi.hoisted(() => ({ handle: undefined as DbHandle | undefined, user: undefined as SessionUser | undefined }));
vi.mock("server-only", () => ({}));
vi.mock("@/lib/db", () => ({ getDb: async () => state.handle }));
vi.mock("@/app/_server/session", () => ({
  currentUser: async () => state.user,
  actorOf: (u: SessionUser) => ({ userId: u.userId, email: u.email, workspaceId: u.workspaceId, role: u.role }),
}));

const { GET } = await import("./route");
const get = (query: string) => GET(new Request(`http://console.example/api/history?${query}`));

describe("GET /api/history", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase("postgres");
    await seedDemo(db.handle.prisma);
    const { actors } = await actorsOfEveryRole(db.handle.prisma);
    state.handle = db.handle;
    state.user = { ...actors.viewer } as unknown as SessionUser;
  }, 180_000);
  afterAll(() => db.drop());

  it("answers a NUL byte in a filter with 400 naming the field", async () => {
    const response = await get("entityType=%00");
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ fieldErrors: { entityType: expect.stringMatching(/NUL/) } });
  });

  it.each(["actor=%00x", "action=a%00", "entity=%00", "restApiId=%00", "from=not-a-date", "to=%00", "limit=-1", "limit=1e309", "format=%00"])(
    "answers %s with a status below 500",
    async (query) => {
      const response = await get(query);
      expect(response.status).toBeLessThan(500);
    },
  );

  it("still exports the history", async () => {
    const response = await get("format=json");
    expect(response.status).toBe(200);
    expect(Array.isArray(await response.json())).toBe(true);
  });
});

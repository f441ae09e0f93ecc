/** GET /api/palette: the signed-in user's workspace only, and nothing without a session. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "@/lib/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { seedDemo } from "@/lib/db/seed";
import type { NavigationEntry } from "@/lib/workspace/navigation-index";
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

describe("GET /api/palette", () => {
  let db: TestDatabase;
  let viewer: SessionUser;
  beforeAll(async () => {
    db = await openTestDatabase("pglite");
    await seedDemo(db.handle.prisma);
    const { actors } = await actorsOfEveryRole(db.handle.prisma);
    viewer = { ...actors.viewer } as unknown as SessionUser;
    state.handle = db.handle;
    // Another workspace's API must not show up.
    const other = await db.handle.prisma.workspace.create({ data: { name: "Other", slug: "other" } });
    await db.handle.prisma.restApi.create({ data: { workspaceId: other.id, name: "Secret", design: { name: "Secret", resources: [] } } });
  }, 180_000);
  afterAll(() => db.drop());

  it("answers 401 without a session", async () => {
    state.user = undefined;
    expect((await GET()).status).toBe(401);
  });

  it("lists the workspace's APIs, resources and methods for a viewer", async () => {
    state.user = viewer;
    const response = await GET();
    expect(response.status, JSON.stringify(await response.clone().json())).toBe(200);
    const entries = (await response.json()) as NavigationEntry[];
    const labels = entries.map((e) => e.label);
    expect(labels).toEqual(expect.arrayContaining(["PetStore", "/pets", "GET /pets", "GET /pets/{petId}"]));
    expect(labels).not.toContain("Secret");
    const method = entries.find((e) => e.label === "GET /pets/{petId}");
    expect(method?.url).toMatch(/^\/apis\/[0-9a-f-]+\?resource=[^&]+&method=GET$/);
  });
});

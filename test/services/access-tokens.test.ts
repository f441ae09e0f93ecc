/**
 * Access tokens for pipelines, on both databases: shown once and stored hashed, scoped to at most
 * the member's role (now, not only when created), expiring, revocable by the owner or an admin,
 * every refusal a 401 with its own code, creation and revocation audited without the secret.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { bearerOf, createAccessToken, listAccessTokens, resolveAccessToken, revokeAccessToken, TokenRefusedError } from "../../lib/auth/access-tokens";
import { hashToken } from "../../lib/auth/session";
import { seedDemo } from "../../lib/db/seed";
import { GatehouseError, NotFoundError, ValidationError } from "../../lib/errors";
import { actorsOfEveryRole } from "../helpers/actors";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

describe.each(DATABASE_KINDS)("access tokens on %s", (kind) => {
  let db: TestDatabase;
  const actors = {} as Record<Role, Actor>;
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    db = await openTestDatabase(kind, { migrate: true });
    await seedDemo(p());
    Object.assign(actors, (await actorsOfEveryRole(p())).actors);
  });
  afterAll(() => db.drop());

  it("is shown once, stored only as its SHA-256, and acts as its owner with its role", async () => {
    const { token, view } = await createAccessToken(p(), actors.deployer, { name: "ci deploy", role: "deployer", expiresInDays: 30 });
    expect(token).toMatch(/^gh_pat_[A-Za-z0-9_-]{43}$/);
    expect(view.prefix).toBe(token.slice(0, 13));
    const row = await p().accessToken.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const user = await resolveAccessToken(p(), token);
    expect(user).toMatchObject({ userId: actors.deployer.userId, email: actors.deployer.email, role: "deployer", workspaceId: actors.deployer.workspaceId });
    const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "token.create", entityId: view.id } });
    expect(JSON.stringify([audit.summary, audit.before, audit.after])).not.toContain(token.slice(13));
  });

  it("may not have more rights than its maker, and the owner's current role caps it", async () => {
    const e = await rejection(createAccessToken(p(), actors.editor, { name: "too much", role: "admin", expiresInDays: 1 }), GatehouseError);
    expect(e.status).toBe(403);
    const { token } = await createAccessToken(p(), actors.deployer, { name: "capped", role: "deployer", expiresInDays: 5 });
    const deployerId = actors.deployer.userId!;
    await p().membership.update({ where: { workspaceId_userId: { workspaceId: actors.deployer.workspaceId, userId: deployerId } }, data: { role: "viewer" } });
    try {
      expect((await resolveAccessToken(p(), token)).role).toBe("viewer");
    } finally {
      await p().membership.update({
        where: { workspaceId_userId: { workspaceId: actors.deployer.workspaceId, userId: deployerId } },
        data: { role: "deployer" },
      });
    }
  });

  it("refuses bad input, every field named, and writes nothing", async () => {
    const before = await p().accessToken.count();
    const e = await rejection(createAccessToken(p(), actors.admin, { name: " ", role: "owner" as Role, expiresInDays: 400 }), ValidationError);
    expect(e.issues.map((i) => i.field).sort()).toEqual(["expiresInDays", "name", "role"]);
    expect(await p().accessToken.count()).toBe(before);
  });

  it("answers each refusal with its own 401 code", async () => {
    const code = async (bearer: string | null, now?: Date) => (await rejection(resolveAccessToken(p(), bearer, now), TokenRefusedError)).code;
    expect(await code(null)).toBe("TokenMissing");
    expect(await code("gh_pat_not-a-real-token")).toBe("TokenInvalid");
    expect(await code("some-session-cookie-value")).toBe("TokenInvalid");
    const { token, view } = await createAccessToken(p(), actors.editor, { name: "short", role: "viewer", expiresInDays: 1 });
    expect(await code(token, new Date(Date.now() + 2 * 24 * 60 * 60 * 1000))).toBe("TokenExpired");
    await revokeAccessToken(p(), actors.editor, view.id);
    expect(await code(token)).toBe("TokenRevoked");
  });

  it("is revoked by its owner or an admin only; others are told it does not exist", async () => {
    const { view } = await createAccessToken(p(), actors.editor, { name: "mine", role: "editor", expiresInDays: 7 });
    await rejection(revokeAccessToken(p(), actors.deployer, view.id), NotFoundError);
    const revoked = await revokeAccessToken(p(), actors.admin, view.id);
    expect(revoked.revokedAt).not.toBeNull();
    const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "token.revoke", entityId: view.id } });
    expect(audit.actorEmail).toBe(actors.admin.email);
  });

  it("lists a member's own tokens, and every member's to an admin, never the secret", async () => {
    const mine = await listAccessTokens(p(), actors.editor);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((t) => t.ownerEmail === actors.editor.email)).toBe(true);
    const all = await listAccessTokens(p(), actors.admin);
    expect(new Set(all.map((t) => t.ownerEmail)).size).toBeGreaterThan(1);
    expect(JSON.stringify(all)).not.toMatch(/tokenHash|gh_pat_[A-Za-z0-9_-]{20,}/);
  });

  it("a removed member's tokens stop working at once", async () => {
    const user = await p().user.create({ data: { email: "leaver@example.com", name: "Leaver", passwordHash: "unused" } });
    const workspaceId = actors.admin.workspaceId;
    await p().membership.create({ data: { workspaceId, userId: user.id, role: "deployer" } });
    const leaver: Actor = { userId: user.id, email: user.email, workspaceId, role: "deployer" };
    const { token } = await createAccessToken(p(), leaver, { name: "pipeline", role: "deployer", expiresInDays: 90 });
    await p().membership.delete({ where: { workspaceId_userId: { workspaceId, userId: user.id } } });
    expect((await rejection(resolveAccessToken(p(), token), TokenRefusedError)).code).toBe("TokenRevoked");
  });

  it("reads the bearer token from the Authorization header", () => {
    expect(bearerOf("Bearer gh_pat_abc")).toBe("gh_pat_abc");
    expect(bearerOf("bearer   gh_pat_abc ")).toBe("gh_pat_abc");
    expect(bearerOf("Basic dXNlcjpwYXNz")).toBeNull();
    expect(bearerOf(undefined)).toBeNull();
  });
});

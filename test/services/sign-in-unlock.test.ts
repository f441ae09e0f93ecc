/** Admins see who is locked out of signing in, and unlock them (issue #16 item 7), on both databases. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { MAX_FAILURES, SignInError, signIn } from "../../lib/auth/sign-in";
import { seedDemo } from "../../lib/db/seed";
import { ForbiddenError, NotFoundError } from "../../lib/errors";
import { listSignInLocks, unlockMemberSignIn } from "../../lib/workspace/lockouts";
import { actorsOfEveryRole } from "../helpers/actors";
import { cheapPasswordHash } from "../helpers/cheap-password";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

const PASSWORD = "correct horse battery";
const ADDRESS = "203.0.113.5";

describe.each(DATABASE_KINDS)("sign-in unlock on %s", (kind) => {
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  const p = () => db.handle.prisma;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    actors = (await actorsOfEveryRole(p())).actors;
  });
  afterAll(() => db?.drop());

  /** A member of the demo workspace locked out from ADDRESS by MAX_FAILURES wrong passwords. */
  async function lockedMember(email: string) {
    const user = await p().user.create({ data: { email, name: email, passwordHash: cheapPasswordHash(PASSWORD) } });
    await p().membership.create({ data: { workspaceId: actors.admin.workspaceId, userId: user.id, role: "editor" } });
    for (let i = 0; i < MAX_FAILURES; i++) await expect(signIn(p(), { email, password: "wrong", ip: ADDRESS })).rejects.toMatchObject({ status: 401 });
    await expect(signIn(p(), { email, password: PASSWORD, ip: ADDRESS })).rejects.toMatchObject({ status: 429 });
    return user;
  }

  it("lists the locked member with the lock's end, and after the admin's unlock the member signs in from that address", async () => {
    const user = await lockedMember("locked@example.com");
    const locks = await listSignInLocks(p(), actors.admin);
    expect(locks.map((l) => l.email)).toEqual(["locked@example.com"]);
    expect(locks[0].userId).toBe(user.id);
    expect(locks[0].lockedUntil.getTime()).toBeGreaterThan(Date.now());

    expect(await unlockMemberSignIn(p(), actors.admin, user.id)).toEqual({ cleared: 2 });
    expect(await listSignInLocks(p(), actors.admin)).toEqual([]);
    const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "member.unlock" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ entityId: "locked@example.com", actorEmail: actors.admin.email, summary: "Unlocked sign-in for locked@example.com" });
    await expect(signIn(p(), { email: "locked@example.com", password: PASSWORD, ip: ADDRESS })).resolves.toHaveProperty("userId", user.id);
  });

  it("is for admins only, and only for members of their workspace", async () => {
    const user = await lockedMember("still-locked@example.com");
    for (const role of ["viewer", "editor", "deployer"] as const) {
      await rejection(unlockMemberSignIn(p(), actors[role], user.id), ForbiddenError);
      await rejection(listSignInLocks(p(), actors[role]), ForbiddenError);
    }
    const stranger = await p().user.create({ data: { email: "stranger@example.com", name: "s", passwordHash: "unused" } });
    await rejection(unlockMemberSignIn(p(), actors.admin, stranger.id), NotFoundError);
    await rejection(unlockMemberSignIn(p(), actors.admin, "not-a-uuid"), NotFoundError);
    const e = await rejection(signIn(p(), { email: "still-locked@example.com", password: PASSWORD, ip: ADDRESS }), SignInError);
    expect(e.status).toBe(429);
  });
});

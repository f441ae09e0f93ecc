/** Passwords, roles, sign-in with per-address lockout and account-wide slowdown, and sessions (the last two on both databases). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../test/helpers/databases";
import { cheapPasswordHash } from "../../test/helpers/cheap-password";
import { ForbiddenError } from "../errors";
import { hashPassword, verifyPassword } from "./password";
import { REQUIRED_ROLE, ROLES, assertCan, can, roleAtLeast, type Permission, type Role } from "./roles";
import { hashToken, resolveSession, revokeSession, SESSION_TTL_MS } from "./session";
import { FAILURE_WINDOW_MS, GENERIC_SIGN_IN_ERROR, LOCKOUT_MS, MAX_FAILURES, SignInError, signIn } from "./sign-in";
import { ACCOUNT_FREE_FAILURES, ACCOUNT_WIDE } from "./throttle";

const PASSWORD = "correct horse battery";

describe("passwords", () => {
  let hash: string;
  beforeAll(async () => {
    hash = await hashPassword(PASSWORD);
  });

  it("stores scrypt$N$r$p$salt$key with a 16-byte salt and a 32-byte key", () => {
    const parts = hash.split("$");
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(["scrypt", String(2 ** 17), "8", "1"]);
    expect(Buffer.from(parts[4], "base64")).toHaveLength(16);
    expect(Buffer.from(parts[5], "base64")).toHaveLength(32);
    expect(hash).not.toContain(PASSWORD);
  });

  it("salts every hash", async () => {
    const again = await hashPassword(PASSWORD);
    expect(again).not.toBe(hash);
    expect(await verifyPassword(PASSWORD, again)).toBe(true);
  });

  it("verifies the right password and refuses a wrong one", async () => {
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword("correct horse battery ", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("refuses when the stored key or salt has been tampered with", async () => {
    const parts = hash.split("$");
    const flip = (b64: string) => {
      const buf = Buffer.from(b64, "base64");
      buf[0] ^= 1;
      return buf.toString("base64");
    };
    expect(await verifyPassword(PASSWORD, [...parts.slice(0, 5), flip(parts[5])].join("$"))).toBe(false);
    expect(await verifyPassword(PASSWORD, [...parts.slice(0, 4), flip(parts[4]), parts[5]].join("$"))).toBe(false);
    // A truncated key must not match a truncated derivation.
    const short = Buffer.from(parts[5], "base64").subarray(0, 8).toString("base64");
    expect(await verifyPassword(PASSWORD, [...parts.slice(0, 5), short].join("$"))).toBe(false);
  });

  it("refuses a stored hash whose key is empty after decoding, for any password", async () => {
    const parts = hash.split("$");
    for (const key of ["@@@@", "=", "!"]) {
      expect(await verifyPassword("anything at all", [...parts.slice(0, 5), key].join("$"))).toBe(false);
    }
  });

  it("answers false, not an exception, for malformed hashes", async () => {
    const parts = hash.split("$");
    for (const stored of [
      "",
      "plaintext",
      PASSWORD,
      ["bcrypt", ...parts.slice(1)].join("$"),
      parts.slice(0, 5).join("$"),
      ["scrypt", "abc", ...parts.slice(2)].join("$"),
      ["scrypt", String(2 ** 30), ...parts.slice(2)].join("$"),
    ]) {
      await expect(verifyPassword(PASSWORD, stored), stored).resolves.toBe(false);
    }
  });
});

describe("roles", () => {
  const permissions = Object.keys(REQUIRED_ROLE) as Permission[];

  it("orders viewer < editor < deployer < admin", () => {
    expect(ROLES).toEqual(["viewer", "editor", "deployer", "admin"]);
    expect(roleAtLeast("admin", "viewer")).toBe(true);
    expect(roleAtLeast("editor", "deployer")).toBe(false);
    expect(roleAtLeast("deployer", "deployer")).toBe(true);
  });

  it("needs the documented role for each permission", () => {
    expect(REQUIRED_ROLE).toEqual({
      read: "viewer",
      "design.edit": "editor",
      "api.create": "editor",
      "invoke.test": "editor",
      "deployment.create": "deployer",
      "deployment.delete": "deployer",
      "stage.write": "deployer",
      "stage.delete": "deployer",
      "stage.protect": "admin",
      "stage.deleteProtected": "admin",
      "aws.push": "deployer",
      "connection.write": "admin",
      "api.delete": "admin",
      "connection.delete": "admin",
      "member.write": "admin",
      "apiKey.write": "deployer",
      "usagePlan.write": "deployer",
      "apiKey.reveal": "admin",
    });
  });

  const expected: Record<Role, Permission[]> = {
    viewer: ["read"],
    editor: ["read", "design.edit", "api.create", "invoke.test"],
    deployer: [
      "read",
      "design.edit",
      "api.create",
      "invoke.test",
      "deployment.create",
      "deployment.delete",
      "stage.write",
      "stage.delete",
      "aws.push",
      "apiKey.write",
      "usagePlan.write",
    ],
    admin: permissions,
  };

  for (const role of ROLES) {
    for (const permission of permissions) {
      const allowed = expected[role].includes(permission);
      it(`${role} ${allowed ? "may" : "may not"} ${permission}`, () => {
        expect(can(role, permission)).toBe(allowed);
        if (allowed) {
          expect(() => assertCan(role, permission)).not.toThrow();
        } else {
          let error: unknown;
          try {
            assertCan(role, permission);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(ForbiddenError);
          expect((error as ForbiddenError).status).toBe(403);
          expect((error as ForbiddenError).code).toBe("Forbidden");
          expect((error as ForbiddenError).message).toBe(`Your role (${role}) cannot do this: it needs ${REQUIRED_ROLE[permission]} or above`);
        }
      });
    }
  }
});

describe.each(DATABASE_KINDS)("sign-in and sessions on %s", (kind) => {
  let db: TestDatabase;
  let passwordHash: string;
  let workspaceId: string;
  const t0 = new Date("2030-01-01T00:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  async function addUser(email: string, role: Role = "editor", hash = passwordHash) {
    const p = db.handle.prisma;
    const user = await p.user.create({ data: { email, name: email.split("@")[0], passwordHash: hash } });
    await p.membership.create({ data: { workspaceId, userId: user.id, role } });
    return user;
  }

  /** Runs a sign-in that must fail and returns its SignInError. */
  async function failing(email: string, password: string, now: Date, ip?: string): Promise<SignInError> {
    try {
      await signIn(db.handle.prisma, { email, password, ip }, now);
    } catch (e) {
      expect(e).toBeInstanceOf(SignInError);
      return e as SignInError;
    }
    throw new Error(`sign-in as ${email} succeeded`);
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    passwordHash = await hashPassword(PASSWORD);
    workspaceId = (await db.handle.prisma.workspace.create({ data: { name: "Auth", slug: "auth" } })).id;
  });
  afterAll(() => db?.drop());

  it("signs in, stores only the token's hash, and resolves the session to the user, workspace and role", async () => {
    const user = await addUser("alice@example.com", "deployer");
    const result = await signIn(db.handle.prisma, { email: "  Alice@Example.COM ", password: PASSWORD, userAgent: "vitest" });
    expect(result.userId).toBe(user.id);
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Math.abs(result.expiresAt.getTime() - (Date.now() + SESSION_TTL_MS))).toBeLessThan(60_000);

    const rows = await db.handle.prisma.session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].tokenHash).toBe(hashToken(result.token));
    expect(rows[0].tokenHash).not.toContain(result.token);
    expect(rows[0].userAgent).toBe("vitest");

    expect(await resolveSession(db.handle.prisma, result.token)).toEqual({
      sessionId: rows[0].id,
      userId: user.id,
      email: "alice@example.com",
      name: "alice",
      workspaceId,
      workspaceName: "Auth",
      role: "deployer",
    });
  });

  it("resolves a missing or unknown token to null", async () => {
    expect(await resolveSession(db.handle.prisma, undefined)).toBeNull();
    expect(await resolveSession(db.handle.prisma, "")).toBeNull();
    expect(await resolveSession(db.handle.prisma, "not-a-real-token")).toBeNull();
  });

  it("gives the same generic 401 for a wrong password and an unknown email", async () => {
    await addUser("bob@example.com");
    const wrongPassword = await failing("bob@example.com", "wrong password", t0);
    const unknownEmail = await failing("nobody@example.com", PASSWORD, t0);
    for (const e of [wrongPassword, unknownEmail]) {
      expect(e.message).toBe(GENERIC_SIGN_IN_ERROR);
      expect(e.status).toBe(401);
      expect(e.code).toBe("InvalidCredentials");
    }
    expect(wrongPassword.message).toBe(unknownEmail.message);
  });

  const HOME = "198.51.100.7";
  const ATTACKER = "203.0.113.66";

  it(`locks an address out of an account after ${MAX_FAILURES} failures, even for the right password, and lets it in after LOCKOUT_MS`, async () => {
    const p = db.handle.prisma;
    const user = await addUser("carol@example.com");
    for (let i = 0; i < MAX_FAILURES; i++) {
      const e = await failing("carol@example.com", `wrong ${i}`, at(i * 1000), HOME);
      expect(e.status).toBe(401);
    }
    const lastFailure = at((MAX_FAILURES - 1) * 1000);
    const locked = await failing("carol@example.com", PASSWORD, at(MAX_FAILURES * 1000), HOME);
    expect(locked.status).toBe(429);
    expect(locked.code).toBe("TooManyAttempts");
    expect(locked.message).toBe("Too many failed sign-in attempts from your address. Try again in 15 minutes.");
    // Still locked one millisecond before the lock ends.
    expect((await failing("carol@example.com", PASSWORD, new Date(lastFailure.getTime() + LOCKOUT_MS - 1), HOME)).status).toBe(429);
    expect(await p.session.count({ where: { userId: user.id } })).toBe(0);

    const ok = await signIn(p, { email: "carol@example.com", password: PASSWORD, ip: HOME }, new Date(lastFailure.getTime() + LOCKOUT_MS + 1));
    expect(ok.userId).toBe(user.id);
    expect(await p.signInThrottle.findUnique({ where: { email_clientAddress: { email: "carol@example.com", clientAddress: HOME } } })).toBeNull();
    expect(await resolveSession(p, ok.token)).not.toBeNull();
  });

  it("says the real wait: ten minutes into a lock, the answer is five minutes", async () => {
    await addUser("wendy@example.com");
    for (let i = 0; i < MAX_FAILURES; i++) await failing("wendy@example.com", "wrong", at(0), ATTACKER);
    const e = await failing("wendy@example.com", PASSWORD, at(10 * 60 * 1000), ATTACKER);
    expect(e.message).toBe("Too many failed sign-in attempts from your address. Try again in 5 minutes.");
    const last = await failing("wendy@example.com", PASSWORD, at(LOCKOUT_MS - 20_000), ATTACKER);
    expect(last.message).toBe("Too many failed sign-in attempts from your address. Try again in 20 seconds.");
  });

  it(`${MAX_FAILURES} failures from an attacker's address do not lock the member out from their own`, async () => {
    const user = await addUser("admin-victim@example.com", "admin");
    for (let i = 0; i < MAX_FAILURES; i++) await failing("admin-victim@example.com", "guess", at(i), ATTACKER);
    expect((await failing("admin-victim@example.com", PASSWORD, at(MAX_FAILURES), ATTACKER)).status).toBe(429);
    const ok = await signIn(db.handle.prisma, { email: "admin-victim@example.com", password: PASSWORD, ip: HOME }, at(MAX_FAILURES + 1));
    expect(ok.userId).toBe(user.id);
  });

  it(`past ${ACCOUNT_FREE_FAILURES} failures from many addresses, the account is paused between attempts (1 s, doubling), not locked`, async () => {
    // A cheap hash: this test checks 20-odd passwords.
    const user = await addUser("paused@example.com", "editor", cheapPasswordHash(PASSWORD));
    const perAddress = MAX_FAILURES - 1;
    for (let n = 0; n < ACCOUNT_FREE_FAILURES; n++) await failing("paused@example.com", "guess", at(0), `192.0.2.${Math.floor(n / perAddress)}`);
    // The next attempt is still checked (401) and starts a 1 s pause for everyone.
    expect((await failing("paused@example.com", "guess", at(0), "192.0.2.100")).status).toBe(401);
    const paused = await failing("paused@example.com", PASSWORD, at(999), HOME);
    expect(paused.status).toBe(429);
    expect(paused.message).toBe(
      "Too many failed sign-in attempts on this account from several addresses; it accepts one attempt at a time for now. Try again in 1 second.",
    );
    // After the pause, one more failure doubles it.
    expect((await failing("paused@example.com", "guess", at(1000), "192.0.2.101")).status).toBe(401);
    expect((await failing("paused@example.com", PASSWORD, at(1001), HOME)).message).toMatch(/Try again in 2 seconds\.$/);
    // A refused attempt did not count against the member's own address: the next slot lets them in.
    const ok = await signIn(db.handle.prisma, { email: "paused@example.com", password: PASSWORD, ip: HOME }, at(3000));
    expect(ok.userId).toBe(user.id);
  });

  it(`successful sign-ins never count toward the account's pause (${ACCOUNT_FREE_FAILURES + 5} in a row all succeed)`, async () => {
    await addUser("busy@example.com", "editor", cheapPasswordHash(PASSWORD));
    for (let i = 0; i < ACCOUNT_FREE_FAILURES + 5; i++) {
      await expect(signIn(db.handle.prisma, { email: "busy@example.com", password: PASSWORD, ip: HOME }, at(i))).resolves.toHaveProperty("token");
    }
    const account = await db.handle.prisma.signInThrottle.findUnique({
      where: { email_clientAddress: { email: "busy@example.com", clientAddress: ACCOUNT_WIDE } },
    });
    expect(account?.failures).toBe(0);
  });

  it("a successful sign-in forgets other counters whose window and lock have ended, and keeps live ones", async () => {
    const p = db.handle.prisma;
    await addUser("pruner@example.com", "editor", cheapPasswordHash(PASSWORD));
    const late = at(10 * 3600_000);
    await p.signInThrottle.createMany({
      data: [
        { email: "stale@example.com", clientAddress: "192.0.2.50", failures: 3, windowStartedAt: at(0) },
        { email: "stale@example.com", clientAddress: "192.0.2.51", failures: 5, windowStartedAt: at(0), lockedUntil: new Date(late.getTime() + 60_000) },
        { email: "live@example.com", clientAddress: "192.0.2.52", failures: 1, windowStartedAt: new Date(late.getTime() - 1000) },
      ],
    });
    await signIn(p, { email: "pruner@example.com", password: PASSWORD, ip: HOME }, late);
    const left = await p.signInThrottle.findMany({ where: { email: { in: ["stale@example.com", "live@example.com"] } }, orderBy: { clientAddress: "asc" } });
    expect(left.map((r) => r.clientAddress)).toEqual(["192.0.2.51", "192.0.2.52"]);
  });

  it("locks an unknown email the same way, so a lockout reveals nothing", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect((await failing("ghost@example.com", "x", at(i))).status).toBe(401);
    expect((await failing("ghost@example.com", "x", at(MAX_FAILURES))).status).toBe(429);
  });

  it("a successful sign-in clears earlier failures from that address", async () => {
    await addUser("dave@example.com");
    for (let i = 0; i < MAX_FAILURES - 1; i++) await failing("dave@example.com", "wrong", at(i));
    await signIn(db.handle.prisma, { email: "dave@example.com", password: PASSWORD }, at(10));
    for (let i = 0; i < MAX_FAILURES - 1; i++) expect((await failing("dave@example.com", "wrong", at(20 + i))).status).toBe(401);
    await expect(signIn(db.handle.prisma, { email: "dave@example.com", password: PASSWORD }, at(30))).resolves.toHaveProperty("token");
  });

  it("failures older than the window no longer count", async () => {
    await addUser("erin@example.com");
    for (let i = 0; i < MAX_FAILURES - 1; i++) await failing("erin@example.com", "wrong", at(i));
    // One more failure, but after the window: the count restarts at 1, so no lock.
    expect((await failing("erin@example.com", "wrong", at(MAX_FAILURES + FAILURE_WINDOW_MS))).status).toBe(401);
    await expect(signIn(db.handle.prisma, { email: "erin@example.com", password: PASSWORD }, at(MAX_FAILURES + FAILURE_WINDOW_MS + 1))).resolves.toHaveProperty(
      "token",
    );
  });

  it("an expired session resolves to null", async () => {
    const p = db.handle.prisma;
    await addUser("frank@example.com");
    const { token } = await signIn(p, { email: "frank@example.com", password: PASSWORD });
    expect(await resolveSession(p, token)).not.toBeNull();
    await p.session.update({ where: { tokenHash: hashToken(token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolveSession(p, token)).toBeNull();
  });

  it("revokeSession ends that session only", async () => {
    const p = db.handle.prisma;
    await addUser("grace@example.com");
    const a = await signIn(p, { email: "grace@example.com", password: PASSWORD });
    const b = await signIn(p, { email: "grace@example.com", password: PASSWORD });
    await revokeSession(p, a.token);
    expect(await resolveSession(p, a.token)).toBeNull();
    expect(await resolveSession(p, b.token)).toMatchObject({ email: "grace@example.com" });
    // Revoking twice, or an unknown token, is harmless.
    await expect(revokeSession(p, a.token)).resolves.toBeUndefined();
    await expect(revokeSession(p, "unknown")).resolves.toBeUndefined();
  });

  it("a user with no workspace membership has no session user", async () => {
    const p = db.handle.prisma;
    await p.user.create({ data: { email: "orphan@example.com", name: "Orphan", passwordHash } });
    const { token } = await signIn(p, { email: "orphan@example.com", password: PASSWORD });
    expect(await resolveSession(p, token)).toBeNull();
  });
});

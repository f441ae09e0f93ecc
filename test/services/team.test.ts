/**
 * The team on both databases: one-time invitation links, accepting them (also concurrently),
 * roles and removal under the last-admin rule, password changes and signed-in sessions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/audit/mutate";
import { hashPassword, verifyPassword } from "../../lib/auth/password";
import type { Role } from "../../lib/auth/roles";
import { createSession, hashToken, resolveSession } from "../../lib/auth/session";
import { signIn, SignInError } from "../../lib/auth/sign-in";
import { DEMO_ADMIN_EMAIL, DEMO_VIEWER_EMAIL, seedDemo } from "../../lib/db/seed";
import { ForbiddenError, GatehouseError, NotFoundError, ValidationError } from "../../lib/errors";
import { changePassword, listOwnSessions, listWorkspaceSessions, revokeSessionById } from "../../lib/workspace/account";
import {
  acceptInvitation,
  changeMemberRole,
  findInvitation,
  inviteMember,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
} from "../../lib/workspace/members";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

/** An invitation link that no longer works: 410 InvitationInvalid. */
async function expectInvalidLink(promise: Promise<unknown>) {
  const e = await rejection(promise, GatehouseError);
  expect(e.status).toBe(410);
  expect(e.code).toBe("InvitationInvalid");
}

const BASE = "https://gatehouse.example.com";
const tokenOf = (link: string) => link.slice(`${BASE}/invite/`.length);
/** No mail server: the link is only shown to the inviter. */
const NO_MAIL = { baseUrl: BASE, mail: {} };

describe.each(DATABASE_KINDS)("team on %s", (kind) => {
  let db: TestDatabase;
  let workspaceId: string;
  const actors = {} as Record<Role, Actor>;
  const p = () => db.handle.prisma;
  const auditCount = () => p().auditEvent.count();
  const invitationCount = () => p().invitation.count();

  /** A member with no usable password (no hashing), for role and session tests. */
  async function plainMember(email: string, role: Role): Promise<Actor> {
    const user = await p().user.create({ data: { email, name: email.split("@")[0], passwordHash: "unused" } });
    await p().membership.create({ data: { workspaceId, userId: user.id, role } });
    return { userId: user.id, email, workspaceId, role };
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    expect(await seedDemo(p())).toBe(true);
    workspaceId = (await p().workspace.findUniqueOrThrow({ where: { slug: "demo" } })).id;
    for (const [role, email] of [
      ["admin", DEMO_ADMIN_EMAIL],
      ["viewer", DEMO_VIEWER_EMAIL],
    ] as const) {
      const u = await p().user.findUniqueOrThrow({ where: { email } });
      actors[role] = { userId: u.id, email, workspaceId, role };
    }
    actors.editor = await plainMember("editor@example.com", "editor");
    actors.deployer = await plainMember("deployer@example.com", "deployer");
  });
  afterAll(() => db?.drop());

  describe("inviteMember", () => {
    it("as admin returns a one-time link and writes the invitation and an audit row (only the token's hash is stored)", async () => {
      const audits = await auditCount();
      const r = await inviteMember(p(), actors.admin, { email: "  New.Person@Example.com ", role: "editor" }, { ...NO_MAIL, baseUrl: `${BASE}/` });
      expect(r.link).toMatch(new RegExp(`^${BASE.replace(/\./g, "\\.")}/invite/[A-Za-z0-9_-]{43}$`));
      expect(r.emailed).toBe(false);
      expect(r.mailError).toBeUndefined();
      const row = await p().invitation.findUniqueOrThrow({ where: { id: r.id } });
      expect(row).toMatchObject({
        workspaceId,
        email: "new.person@example.com",
        role: "editor",
        invitedById: actors.admin.userId,
        acceptedAt: null,
        revokedAt: null,
      });
      expect(row.tokenHash).toBe(hashToken(tokenOf(r.link)));
      expect(row.tokenHash).not.toContain(tokenOf(r.link));
      const days = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      expect(await auditCount()).toBe(audits + 1);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "member.invite" }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({
        workspaceId,
        actorId: actors.admin.userId,
        actorEmail: DEMO_ADMIN_EMAIL,
        entityType: "member",
        entityId: "new.person@example.com",
        before: null,
      });
      expect(audit.after).toMatchObject({ email: "new.person@example.com", role: "editor" });
      expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(tokenOf(r.link));
      expect((await listPendingInvitations(p(), workspaceId)).map((i) => i.email)).toContain("new.person@example.com");
    });

    it("is refused to editors, deployers and viewers, writing nothing", async () => {
      const [audits, invitations] = [await auditCount(), await invitationCount()];
      for (const role of ["editor", "deployer", "viewer"] as const) {
        const e = await rejection(inviteMember(p(), actors[role], { email: `by-${role}@example.com`, role: "viewer" }, NO_MAIL), ForbiddenError);
        expect(e.status).toBe(403);
      }
      expect(await auditCount()).toBe(audits);
      expect(await invitationCount()).toBe(invitations);
    });

    it("refuses an existing member (whatever the case of the email) with a field error, writing nothing", async () => {
      const [audits, invitations] = [await auditCount(), await invitationCount()];
      const e = await rejection(inviteMember(p(), actors.admin, { email: "VIEWER@gatehouse.local", role: "editor" }, NO_MAIL), ValidationError);
      expect(e.issues).toEqual([{ field: "email", message: "viewer@gatehouse.local is already a member" }]);
      expect(await auditCount()).toBe(audits);
      expect(await invitationCount()).toBe(invitations);
    });

    it("refuses a malformed email or an unknown role, field by field", async () => {
      const invitations = await invitationCount();
      const e = await rejection(inviteMember(p(), actors.admin, { email: "not an email", role: "owner" }, NO_MAIL), ValidationError);
      expect(e.issues.map((i) => i.field).sort()).toEqual(["email", "role"]);
      expect(await invitationCount()).toBe(invitations);
    });

    it("re-inviting the same email replaces the pending invitation: the old link stops working", async () => {
      const first = await inviteMember(p(), actors.admin, { email: "twice@example.com", role: "viewer" }, NO_MAIL);
      const second = await inviteMember(p(), actors.admin, { email: "Twice@example.com", role: "deployer" }, NO_MAIL);
      expect(second.link).not.toBe(first.link);
      expect(await findInvitation(p(), tokenOf(first.link))).toBeNull();
      expect(await findInvitation(p(), tokenOf(second.link))).toMatchObject({ email: "twice@example.com", role: "deployer" });
      const pending = (await listPendingInvitations(p(), workspaceId)).filter((i) => i.email === "twice@example.com");
      expect(pending.map((i) => i.id)).toEqual([second.id]);
      // Cheap to check: the link is refused before any password work.
      await expectInvalidLink(acceptInvitation(p(), { token: tokenOf(first.link), name: "Twice", password: "whatever-123" }));
      expect(await p().user.count({ where: { email: "twice@example.com" } })).toBe(0);
    });
  });

  describe("findInvitation", () => {
    it("gives the email, role and workspace for a good token", async () => {
      const r = await inviteMember(p(), actors.admin, { email: "find@example.com", role: "deployer" }, NO_MAIL);
      expect(await findInvitation(p(), tokenOf(r.link))).toEqual({
        email: "find@example.com",
        role: "deployer",
        workspaceName: "Demo workspace",
        existingUser: false,
      });
    });

    it("is null for unknown, empty, oversized, revoked and expired tokens", async () => {
      expect(await findInvitation(p(), "unknown-token")).toBeNull();
      expect(await findInvitation(p(), "")).toBeNull();
      expect(await findInvitation(p(), "x".repeat(201))).toBeNull();

      const revoked = await inviteMember(p(), actors.admin, { email: "revoked@example.com", role: "viewer" }, NO_MAIL);
      expect(await findInvitation(p(), tokenOf(revoked.link))).not.toBeNull();
      await revokeInvitation(p(), actors.admin, revoked.id);
      expect(await findInvitation(p(), tokenOf(revoked.link))).toBeNull();

      const expired = await inviteMember(p(), actors.admin, { email: "expired@example.com", role: "viewer" }, NO_MAIL);
      expect(await findInvitation(p(), tokenOf(expired.link))).not.toBeNull();
      await p().invitation.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await findInvitation(p(), tokenOf(expired.link))).toBeNull();
      expect((await listPendingInvitations(p(), workspaceId)).map((i) => i.email)).not.toContain("expired@example.com");
      await expectInvalidLink(acceptInvitation(p(), { token: tokenOf(expired.link), name: "Late", password: "long-enough-1" }));
      await expectInvalidLink(acceptInvitation(p(), { token: tokenOf(revoked.link), name: "Gone", password: "long-enough-1" }));
      expect(await p().user.count({ where: { email: { in: ["expired@example.com", "revoked@example.com"] } } })).toBe(0);
    });
  });

  describe("acceptInvitation", () => {
    it("checks name and password first, leaving the link usable", async () => {
      const r = await inviteMember(p(), actors.admin, { email: "picky@example.com", role: "viewer" }, NO_MAIL);
      const e = await rejection(acceptInvitation(p(), { token: tokenOf(r.link), name: "  ", password: "short" }), ValidationError);
      expect(e.issues.map((i) => i.field).sort()).toEqual(["name", "password"]);
      expect(await findInvitation(p(), tokenOf(r.link))).not.toBeNull();
      expect(await p().user.count({ where: { email: "picky@example.com" } })).toBe(0);
    });

    it("creates the user, the membership with the invited role and a session, audits member.join; the link works once", async () => {
      const r = await inviteMember(p(), actors.admin, { email: "joiner@example.com", role: "deployer" }, NO_MAIL);
      const token = tokenOf(r.link);
      const joined = await acceptInvitation(p(), { token, name: " Jo Iner ", password: "joiner-password", userAgent: "vitest", ip: "192.0.2.7" });
      expect(joined.email).toBe("joiner@example.com");

      const user = await p().user.findUniqueOrThrow({ where: { email: "joiner@example.com" }, include: { memberships: true, sessions: true } });
      expect(user.name).toBe("Jo Iner");
      expect(await verifyPassword("joiner-password", user.passwordHash)).toBe(true);
      expect(user.memberships.map((m) => [m.workspaceId, m.role])).toEqual([[workspaceId, "deployer"]]);
      expect(user.sessions).toHaveLength(1);
      expect(user.sessions[0]).toMatchObject({ tokenHash: hashToken(joined.token), userAgent: "vitest", ip: "192.0.2.7" });
      expect(await resolveSession(p(), joined.token)).toMatchObject({ userId: user.id, workspaceId, role: "deployer", workspaceName: "Demo workspace" });

      const audit = await p().auditEvent.findMany({ where: { action: "member.join", entityId: "joiner@example.com" } });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ workspaceId, actorId: user.id, actorEmail: "joiner@example.com", entityType: "member" });
      expect(audit[0].after).toEqual({ email: "joiner@example.com", role: "deployer" });
      expect((await p().invitation.findUniqueOrThrow({ where: { id: r.id } })).acceptedAt).toBeInstanceOf(Date);

      // Once only.
      expect(await findInvitation(p(), token)).toBeNull();
      const audits = await auditCount();
      await expectInvalidLink(acceptInvitation(p(), { token, name: "Again", password: "joiner-password" }));
      expect(await auditCount()).toBe(audits);
      expect(await p().session.count({ where: { userId: user.id } })).toBe(1);
      expect((await listMembers(p(), workspaceId)).filter((m) => m.email === "joiner@example.com")).toHaveLength(1);
    });

    it("under two concurrent accepts of one link, exactly one succeeds", async () => {
      const r = await inviteMember(p(), actors.admin, { email: "racer@example.com", role: "editor" }, NO_MAIL);
      const token = tokenOf(r.link);
      const results = await Promise.allSettled([
        acceptInvitation(p(), { token, name: "Racer A", password: "racer-password" }),
        acceptInvitation(p(), { token, name: "Racer B", password: "racer-password" }),
      ]);
      const won = results.filter((x) => x.status === "fulfilled");
      const lost = results.filter((x): x is PromiseRejectedResult => x.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0].reason).toBeInstanceOf(GatehouseError);
      expect((lost[0].reason as GatehouseError).code).toBe("InvitationInvalid");
      const user = await p().user.findUniqueOrThrow({ where: { email: "racer@example.com" }, include: { memberships: true, sessions: true } });
      expect(user.memberships).toHaveLength(1);
      expect(user.sessions).toHaveLength(1);
      expect(await p().auditEvent.count({ where: { action: "member.join", entityId: "racer@example.com" } })).toBe(1);
    });

    it("for an existing account (member elsewhere) asks for its password and adds the membership", async () => {
      const other = await p().workspace.create({ data: { name: "Elsewhere", slug: `elsewhere-${kind}` } });
      const existing = await p().user.create({
        data: { email: "existing@example.com", name: "Existing", passwordHash: await hashPassword("existing-password") },
      });
      await p().membership.create({ data: { workspaceId: other.id, userId: existing.id, role: "admin" } });
      const r = await inviteMember(p(), actors.admin, { email: "existing@example.com", role: "viewer" }, NO_MAIL);
      const token = tokenOf(r.link);
      expect(await findInvitation(p(), token)).toMatchObject({ existingUser: true, role: "viewer" });

      const e = await rejection(acceptInvitation(p(), { token, password: "wrong-password" }), ValidationError);
      expect(e.issues.map((i) => i.field)).toEqual(["password"]);
      expect(await findInvitation(p(), token)).not.toBeNull();

      await acceptInvitation(p(), { token, password: "existing-password" });
      const after = await p().user.findUniqueOrThrow({ where: { id: existing.id }, include: { memberships: true } });
      expect(after.name).toBe("Existing");
      expect(after.memberships.map((m) => `${m.workspaceId}:${m.role}`).sort()).toEqual([`${other.id}:admin`, `${workspaceId}:viewer`].sort());
      expect(await p().user.count({ where: { email: "existing@example.com" } })).toBe(1);
    });
  });

  describe("revokeInvitation", () => {
    it("revokes a pending invitation as admin with an audit row; not twice, not by others, not unknown ids", async () => {
      const r = await inviteMember(p(), actors.admin, { email: "revoke-me@example.com", role: "editor" }, NO_MAIL);
      await rejection(revokeInvitation(p(), actors.editor, r.id), ForbiddenError);
      expect(await findInvitation(p(), tokenOf(r.link))).not.toBeNull();

      const audits = await auditCount();
      await revokeInvitation(p(), actors.admin, r.id);
      expect(await auditCount()).toBe(audits + 1);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "member.invite_revoke" }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({ entityId: "revoke-me@example.com", before: { email: "revoke-me@example.com", role: "editor" }, after: null });
      expect((await p().invitation.findUniqueOrThrow({ where: { id: r.id } })).revokedAt).toBeInstanceOf(Date);
      expect(await findInvitation(p(), tokenOf(r.link))).toBeNull();
      await expectInvalidLink(acceptInvitation(p(), { token: tokenOf(r.link), name: "Revoked", password: "long-enough-1" }));

      await rejection(revokeInvitation(p(), actors.admin, r.id), NotFoundError);
      await rejection(revokeInvitation(p(), actors.admin, "00000000-0000-4000-8000-000000000000"), NotFoundError);
      await rejection(revokeInvitation(p(), actors.admin, "not-a-uuid"), NotFoundError);
      expect(await auditCount()).toBe(audits + 1);
    });

    it("does not reach another workspace's invitation", async () => {
      const r = await inviteMember(p(), actors.admin, { email: "mine@example.com", role: "viewer" }, NO_MAIL);
      const other = await p().workspace.create({ data: { name: "Other", slug: `other-${kind}` } });
      await rejection(revokeInvitation(p(), { ...actors.admin, workspaceId: other.id }, r.id), NotFoundError);
      expect(await findInvitation(p(), tokenOf(r.link))).not.toBeNull();
    });
  });

  describe("roles and removal", () => {
    it("changeMemberRole: admin only, audited with before and after role; bad role and unknown member refused", async () => {
      const m = await plainMember("promote@example.com", "viewer");
      for (const role of ["editor", "deployer", "viewer"] as const) await rejection(changeMemberRole(p(), actors[role], m.userId!, "admin"), ForbiddenError);
      const audits = await auditCount();
      await changeMemberRole(p(), actors.admin, m.userId!, "deployer");
      const row = await p().membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId, userId: m.userId! } } });
      expect(row.role).toBe("deployer");
      expect(await auditCount()).toBe(audits + 1);
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "member.role" }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({
        entityType: "member",
        entityId: "promote@example.com",
        actorEmail: DEMO_ADMIN_EMAIL,
        before: { role: "viewer" },
        after: { role: "deployer" },
      });

      const bad = await rejection(changeMemberRole(p(), actors.admin, m.userId!, "owner"), ValidationError);
      expect(bad.issues).toHaveLength(1);
      await rejection(changeMemberRole(p(), actors.admin, "00000000-0000-4000-8000-000000000000", "viewer"), NotFoundError);
      await rejection(changeMemberRole(p(), actors.admin, "nope", "viewer"), NotFoundError);
      expect(await auditCount()).toBe(audits + 1);
    });

    it("keeps at least one admin: the last admin can be neither demoted nor removed", async () => {
      const admin = actors.admin.userId!;
      const audits = await auditCount();
      const demote = await rejection(changeMemberRole(p(), actors.admin, admin, "editor"), ValidationError);
      expect(demote.issues).toEqual([{ field: "role", message: "The workspace needs at least one admin" }]);
      const remove = await rejection(removeMember(p(), actors.admin, admin), ValidationError);
      expect(remove.issues).toEqual([{ field: "userId", message: "The workspace needs at least one admin" }]);
      expect((await p().membership.findUniqueOrThrow({ where: { workspaceId_userId: { workspaceId, userId: admin } } })).role).toBe("admin");
      expect(await auditCount()).toBe(audits);
      // Re-affirming the last admin's role is not a demotion.
      await changeMemberRole(p(), actors.admin, admin, "admin");

      // With a second admin, one of them may step down; then the other is the last again.
      const second = await plainMember("second-admin@example.com", "admin");
      await changeMemberRole(p(), actors.admin, second.userId!, "editor");
      await rejection(changeMemberRole(p(), actors.admin, admin, "viewer"), ValidationError);
      await changeMemberRole(p(), actors.admin, second.userId!, "admin");
      await removeMember(p(), actors.admin, second.userId!);
      await rejection(removeMember(p(), actors.admin, admin), ValidationError);
      expect(await p().membership.count({ where: { workspaceId, role: "admin" } })).toBe(1);
    });

    it("removeMember deletes the membership and signs the person out everywhere, audited; others' sessions stay", async () => {
      const m = await plainMember("leaver@example.com", "editor");
      const s1 = await createSession(p(), m.userId!, "a");
      await createSession(p(), m.userId!, "b");
      const bystander = await createSession(p(), actors.deployer.userId!, "c");
      for (const role of ["editor", "deployer", "viewer"] as const) await rejection(removeMember(p(), actors[role], m.userId!), ForbiddenError);
      expect(await p().session.count({ where: { userId: m.userId! } })).toBe(2);

      await removeMember(p(), actors.admin, m.userId!);
      expect(await p().membership.count({ where: { userId: m.userId! } })).toBe(0);
      expect(await p().session.count({ where: { userId: m.userId! } })).toBe(0);
      expect(await resolveSession(p(), s1.token)).toBeNull();
      expect(await resolveSession(p(), bystander.token)).not.toBeNull();
      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "member.remove" }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({ entityId: "leaver@example.com", before: { email: "leaver@example.com", role: "editor" }, after: null });
      expect((await listMembers(p(), workspaceId)).map((x) => x.email)).not.toContain("leaver@example.com");
      await rejection(removeMember(p(), actors.admin, m.userId!), NotFoundError);
    });
  });

  describe("account", () => {
    let me: Actor;
    let current: { token: string };
    let currentId: string;
    let otherA: { token: string };
    let otherB: { token: string };
    let bystander: { token: string };

    beforeAll(async () => {
      const user = await p().user.create({ data: { email: "pw@example.com", name: "Pw", passwordHash: await hashPassword("old-password-1") } });
      await p().membership.create({ data: { workspaceId, userId: user.id, role: "editor" } });
      me = { userId: user.id, email: user.email, workspaceId, role: "editor" };
      current = await createSession(p(), user.id, "current browser");
      currentId = (await p().session.findUniqueOrThrow({ where: { tokenHash: hashToken(current.token) } })).id;
      otherA = await createSession(p(), user.id, "laptop");
      otherB = await createSession(p(), user.id, "phone");
      bystander = await createSession(p(), actors.viewer.userId!, "viewer browser");
    });

    it("changePassword refuses a wrong current password or a short new one, changing nothing", async () => {
      const audits = await auditCount();
      const wrong = await rejection(changePassword(p(), me, currentId, { currentPassword: "not-it-at-all", newPassword: "new-password-2" }), ValidationError);
      expect(wrong.issues.map((i) => i.field)).toEqual(["currentPassword"]);
      const short = await rejection(changePassword(p(), me, currentId, { currentPassword: "old-password-1", newPassword: "short" }), ValidationError);
      expect(short.issues.map((i) => i.field)).toEqual(["newPassword"]);
      expect(await p().session.count({ where: { userId: me.userId! } })).toBe(3);
      expect(await auditCount()).toBe(audits);
    });

    it("changePassword signs out the other sessions (not this one, not other people's); the new password signs in, the old does not", async () => {
      const r = await changePassword(p(), me, currentId, { currentPassword: "old-password-1", newPassword: "new-password-2" });
      expect(r).toEqual({ otherSessionsRevoked: 2 });
      expect(await resolveSession(p(), current.token)).toMatchObject({ userId: me.userId });
      expect(await resolveSession(p(), otherA.token)).toBeNull();
      expect(await resolveSession(p(), otherB.token)).toBeNull();
      expect(await resolveSession(p(), bystander.token)).not.toBeNull();

      const audit = await p().auditEvent.findFirstOrThrow({ where: { action: "user.password" }, orderBy: { id: "desc" } });
      expect(audit).toMatchObject({ actorId: me.userId, entityType: "user", entityId: "pw@example.com", before: null, after: null });
      expect(audit.summary).toMatch(/2 other session/);

      const signedIn = await signIn(p(), { email: "PW@example.com", password: "new-password-2" });
      expect(signedIn.userId).toBe(me.userId);
      await rejection(signIn(p(), { email: "pw@example.com", password: "old-password-1" }), SignInError);
    });

    it("listOwnSessions lists only your unexpired sessions", async () => {
      const expired = await p().session.create({ data: { tokenHash: hashToken("expired-one"), userId: me.userId!, expiresAt: new Date(Date.now() - 1000) } });
      const mine = await listOwnSessions(p(), me.userId!);
      expect(mine.length).toBeGreaterThan(0);
      const rows = await p().session.findMany({ where: { id: { in: mine.map((s) => s.id) } } });
      expect(rows.every((s) => s.userId === me.userId && s.expiresAt > new Date())).toBe(true);
      expect(mine.map((s) => s.id)).toContain(currentId);
      expect(mine.map((s) => s.id)).not.toContain(expired.id);
      expect(mine[0]).not.toHaveProperty("tokenHash");
    });

    it("listWorkspaceSessions is for admins, and covers the workspace's members only", async () => {
      for (const role of ["editor", "deployer", "viewer"] as const) await rejection(listWorkspaceSessions(p(), actors[role]), ForbiddenError);
      const outsider = await p().user.create({ data: { email: "outsider@example.com", name: "Out", passwordHash: "unused" } });
      const outsiderSession = await createSession(p(), outsider.id, "outside");
      const all = await listWorkspaceSessions(p(), actors.admin);
      const emails = new Set(all.map((s) => s.user.email));
      expect(emails.has("pw@example.com")).toBe(true);
      expect(emails.has(DEMO_VIEWER_EMAIL)).toBe(true);
      expect(emails.has("outsider@example.com")).toBe(false);
      expect(all.map((s) => s.id)).not.toContain((await p().session.findUniqueOrThrow({ where: { tokenHash: hashToken(outsiderSession.token) } })).id);
      expect(all.map((s) => s.id)).not.toContain((await p().session.findUniqueOrThrow({ where: { tokenHash: hashToken("expired-one") } })).id);
    });

    it("revokeSessionById: own yes; admin on a member's yes; others no; unknown ids not found", async () => {
      const sessionId = async (token: string) => (await p().session.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).id;
      const own = await createSession(p(), me.userId!, "spare");
      const audits = await auditCount();
      await revokeSessionById(p(), me, await sessionId(own.token));
      expect(await resolveSession(p(), own.token)).toBeNull();
      const ownAudit = await p().auditEvent.findFirstOrThrow({ where: { action: "session.revoke" }, orderBy: { id: "desc" } });
      expect(ownAudit).toMatchObject({ actorEmail: "pw@example.com", entityId: "pw@example.com", after: null });
      expect(ownAudit.before).toMatchObject({ userAgent: "spare" });

      // An editor cannot revoke the viewer's session.
      const viewerSessionId = await sessionId(bystander.token);
      const forbidden = await rejection(revokeSessionById(p(), me, viewerSessionId), ForbiddenError);
      expect(forbidden.status).toBe(403);
      expect(await resolveSession(p(), bystander.token)).not.toBeNull();

      // The admin can.
      await revokeSessionById(p(), actors.admin, viewerSessionId);
      expect(await resolveSession(p(), bystander.token)).toBeNull();
      const adminAudit = await p().auditEvent.findFirstOrThrow({ where: { action: "session.revoke" }, orderBy: { id: "desc" } });
      expect(adminAudit).toMatchObject({ actorEmail: DEMO_ADMIN_EMAIL, entityId: DEMO_VIEWER_EMAIL });
      expect(await auditCount()).toBe(audits + 2);

      // Not even an admin reaches a session of someone outside the workspace.
      const outsider = await p().user.findUniqueOrThrow({ where: { email: "outsider@example.com" }, include: { sessions: true } });
      await rejection(revokeSessionById(p(), actors.admin, outsider.sessions[0].id), NotFoundError);
      expect(await p().session.count({ where: { userId: outsider.id } })).toBe(1);

      await rejection(revokeSessionById(p(), actors.admin, "00000000-0000-4000-8000-000000000000"), NotFoundError);
      await rejection(revokeSessionById(p(), me, viewerSessionId), NotFoundError);
      await rejection(revokeSessionById(p(), me, "not-a-uuid"), NotFoundError);
      expect(await auditCount()).toBe(audits + 2);
    });
  });
});

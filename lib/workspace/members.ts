/** Workspace members: invitations with one-time links, roles, removal. */
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/client";
import { mutate, type Actor, type Tx } from "../audit/mutate";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "../auth/password";
import { assertCan, ROLES, type Role } from "../auth/roles";
import { createSession, hashToken } from "../auth/session";
import { ConflictError, GatehouseError, NotFoundError, ValidationError, fromZod } from "../errors";
import { isUuid } from "../model/ids";
import { lockWorkspace } from "../db/locks";
import { mailConfigFromEnv, sendInvitationMail, type MailConfig } from "./mailer";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const roleSchema = z.enum(ROLES);

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw fromZod(r.error);
  return r.data;
}

export async function listMembers(db: Db, workspaceId: string) {
  const rows = await db.membership.findMany({
    where: { workspaceId },
    include: { user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name, role: m.role, since: m.createdAt }));
}

export async function listPendingInvitations(db: Db, workspaceId: string) {
  return db.invitation.findMany({
    where: { workspaceId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
}

/**
 * Invites an email with a role. Returns the one-time link (shown to the inviter once) and
 * whether it was also emailed. A pending invitation for the same email is replaced.
 */
export async function inviteMember(db: Db, actor: Actor, raw: { email: string; role: string }, options: { baseUrl: string; mail?: MailConfig }) {
  assertCan(actor.role, "member.write");
  const input = parseOrThrow(z.object({ email: z.string().trim().toLowerCase().regex(EMAIL, "Enter an email address"), role: roleSchema }), raw);
  const token = randomBytes(32).toString("base64url");
  const link = `${options.baseUrl.replace(/\/$/, "")}/invite/${token}`;
  const invitation = await mutate(db, actor, async (tx) => {
    // Concurrent invitations of one email queue here, so each replaces the one before it.
    await lockWorkspace(tx, actor.workspaceId);
    const member = await tx.membership.findFirst({ where: { workspaceId: actor.workspaceId, user: { email: input.email } } });
    if (member) throw new ValidationError([{ field: "email", message: `${input.email} is already a member` }]);
    await tx.invitation.updateMany({
      where: { workspaceId: actor.workspaceId, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const row = await tx.invitation.create({
      data: {
        workspaceId: actor.workspaceId,
        email: input.email,
        role: input.role,
        tokenHash: hashToken(token),
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
    });
    return {
      result: row,
      audit: {
        action: "member.invite",
        entityType: "member",
        entityId: input.email,
        summary: `Invited ${input.email} as ${input.role}`,
        before: null,
        after: { email: input.email, role: input.role, expiresAt: row.expiresAt },
      },
    };
  });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: actor.workspaceId } });
  let emailed = false;
  let mailError: string | undefined;
  try {
    emailed = await sendInvitationMail(options.mail ?? mailConfigFromEnv(), input.email, link, workspace.name, actor.email);
  } catch (e) {
    mailError = `The invitation was created but could not be emailed (${(e as Error).message}); pass the link on yourself.`;
  }
  return { id: invitation.id, link, emailed, mailError };
}

export async function revokeInvitation(db: Db, actor: Actor, invitationId: string) {
  assertCan(actor.role, "member.write");
  if (!isUuid(invitationId)) throw new NotFoundError("Invitation");
  return mutate(db, actor, async (tx) => {
    const inv = await tx.invitation.findFirst({ where: { id: invitationId, workspaceId: actor.workspaceId, acceptedAt: null, revokedAt: null } });
    if (!inv) throw new NotFoundError("Invitation");
    await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
    return {
      result: null,
      audit: {
        action: "member.invite_revoke",
        entityType: "member",
        entityId: inv.email,
        summary: `Revoked the invitation of ${inv.email}`,
        before: { email: inv.email, role: inv.role },
        after: null,
      },
    };
  });
}

/** A usable invitation for a link, or null: unknown, used, revoked and expired links look the same. */
export async function findInvitation(db: Db, token: string) {
  if (!token || token.length > 200) return null;
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashToken(token) }, include: { workspace: { select: { name: true } } } });
  if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date()) return null;
  const existingUser = await db.user.findUnique({ where: { email: inv.email }, select: { id: true } });
  return { email: inv.email, role: inv.role, workspaceName: inv.workspace.name, existingUser: !!existingUser };
}

/**
 * Accepts an invitation: creates the account (or, for an existing account, checks its
 * password), adds the membership, uses up the link and signs the person in.
 */
export async function acceptInvitation(db: Db, raw: { token: string; name?: string; password: string; userAgent?: string; ip?: string }) {
  const inv = await db.invitation.findUnique({ where: { tokenHash: hashToken(raw.token ?? "") } });
  if (!inv || inv.acceptedAt || inv.revokedAt || inv.expiresAt <= new Date()) {
    throw new GatehouseError("This invitation link is not valid any more. Ask for a new one.", 410, [], "InvitationInvalid");
  }
  const existing = await db.user.findUnique({ where: { email: inv.email } });
  if (existing) {
    if (!(await verifyPassword(raw.password, existing.passwordHash)))
      throw new ValidationError([{ field: "password", message: "Enter the password of your existing account" }]);
  } else {
    const issues = [];
    if (!raw.name?.trim()) issues.push({ field: "name", message: "Name is required" });
    if (raw.password.length < MIN_PASSWORD_LENGTH) issues.push({ field: "password", message: `At least ${MIN_PASSWORD_LENGTH} characters` });
    if (issues.length) throw new ValidationError(issues);
  }
  const passwordHash = existing ? null : await hashPassword(raw.password);
  // The joiner is the actor of their own join; a new account's id is chosen here so the audit row can name it.
  const userId = existing?.id ?? randomUUID();
  const joiner: Actor = { userId, email: inv.email, workspaceId: inv.workspaceId, role: inv.role };
  await mutate(db, joiner, async (tx) => {
    // Use the link up first: a second, concurrent acceptance finds it gone.
    const used = await tx.invitation.updateMany({ where: { id: inv.id, acceptedAt: null, revokedAt: null }, data: { acceptedAt: new Date() } });
    if (used.count !== 1) throw new GatehouseError("This invitation link is not valid any more. Ask for a new one.", 410, [], "InvitationInvalid");
    if (!existing) await tx.user.create({ data: { id: userId, email: inv.email, name: raw.name!.trim(), passwordHash: passwordHash! } });
    if (await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: inv.workspaceId, userId } } })) {
      throw new ConflictError(`${inv.email} is already a member`);
    }
    await tx.membership.create({ data: { workspaceId: inv.workspaceId, userId, role: inv.role } });
    return {
      result: null,
      audit: {
        action: "member.join",
        entityType: "member",
        entityId: inv.email,
        summary: `${inv.email} accepted the invitation and joined as ${inv.role}`,
        after: { email: inv.email, role: inv.role },
      },
    };
  });
  const session = await createSession(db, userId, raw.userAgent, raw.ip);
  return { ...session, email: inv.email };
}

/**
 * Other admins than this user. Callers hold the workspace lock: two admins demoting or removing
 * each other at once then run one after the other, and the second sees the first one's change.
 */
async function adminCountAfter(tx: Tx, workspaceId: string, excludingUserId: string) {
  return tx.membership.count({ where: { workspaceId, role: "admin", userId: { not: excludingUserId } } });
}

export async function changeMemberRole(db: Db, actor: Actor, userId: string, rawRole: string) {
  assertCan(actor.role, "member.write");
  const role = parseOrThrow(roleSchema, rawRole) as Role;
  if (!isUuid(userId)) throw new NotFoundError("Member");
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const m = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } }, include: { user: true } });
    if (!m) throw new NotFoundError("Member");
    if (m.role === "admin" && role !== "admin" && (await adminCountAfter(tx, actor.workspaceId, userId)) === 0) {
      throw new ValidationError([{ field: "role", message: "The workspace needs at least one admin" }]);
    }
    await tx.membership.update({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } }, data: { role } });
    return {
      result: null,
      audit: {
        action: "member.role",
        entityType: "member",
        entityId: m.user.email,
        summary: `Changed ${m.user.email} from ${m.role} to ${role}`,
        before: { role: m.role },
        after: { role },
      },
    };
  });
}

export async function removeMember(db: Db, actor: Actor, userId: string) {
  assertCan(actor.role, "member.write");
  if (!isUuid(userId)) throw new NotFoundError("Member");
  return mutate(db, actor, async (tx) => {
    await lockWorkspace(tx, actor.workspaceId);
    const m = await tx.membership.findUnique({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } }, include: { user: true } });
    if (!m) throw new NotFoundError("Member");
    if (m.role === "admin" && (await adminCountAfter(tx, actor.workspaceId, userId)) === 0) {
      throw new ValidationError([{ field: "userId", message: "The workspace needs at least one admin" }]);
    }
    await tx.membership.delete({ where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } } });
    // Signed-in browsers of a removed member stop working at once.
    await tx.session.deleteMany({ where: { userId } });
    return {
      result: null,
      audit: {
        action: "member.remove",
        entityType: "member",
        entityId: m.user.email,
        summary: `Removed ${m.user.email} (${m.role})`,
        before: { email: m.user.email, role: m.role },
        after: null,
      },
    };
  });
}

/** A person's own account: password and signed-in sessions; admins see and revoke any in the workspace. */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "../auth/password";
import { can } from "../auth/roles";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { isUuid } from "../model/ids";

export async function changePassword(db: Db, actor: Actor, currentSessionId: string, input: { currentPassword: string; newPassword: string }) {
  if (!actor.userId) throw new ForbiddenError();
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.userId } });
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw new ValidationError([{ field: "currentPassword", message: "That is not your current password" }]);
  if (input.newPassword.length < MIN_PASSWORD_LENGTH)
    throw new ValidationError([{ field: "newPassword", message: `At least ${MIN_PASSWORD_LENGTH} characters` }]);
  const passwordHash = await hashPassword(input.newPassword);
  return mutate(db, actor, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    // Other browsers signed in with the old password are signed out.
    const { count } = await tx.session.deleteMany({ where: { userId: user.id, id: { not: currentSessionId } } });
    return {
      result: { otherSessionsRevoked: count },
      audit: {
        action: "user.password",
        entityType: "user",
        entityId: user.email,
        summary: `${user.email} changed their password and signed out ${count} other session(s)`,
      },
    };
  });
}

export async function listOwnSessions(db: Db, userId: string) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true, expiresAt: true },
  });
}

export async function listWorkspaceSessions(db: Db, actor: Actor) {
  if (!can(actor.role, "member.write")) throw new ForbiddenError("Only admins see everyone's sessions");
  return db.session.findMany({
    where: { expiresAt: { gt: new Date() }, user: { memberships: { some: { workspaceId: actor.workspaceId } } } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true, user: { select: { email: true } } },
  });
}

/** Revokes one session: your own, or (admins) any member's in the workspace. */
export async function revokeSessionById(db: Db, actor: Actor, sessionId: string) {
  if (!isUuid(sessionId)) throw new NotFoundError("Session");
  return mutate(db, actor, async (tx) => {
    const s = await tx.session.findUnique({ where: { id: sessionId }, include: { user: { include: { memberships: true } } } });
    if (!s) throw new NotFoundError("Session");
    const own = s.userId === actor.userId;
    const inWorkspace = s.user.memberships.some((m) => m.workspaceId === actor.workspaceId);
    if (!own && !(inWorkspace && can(actor.role, "member.write")))
      throw inWorkspace ? new ForbiddenError("Only admins can revoke other people's sessions") : new NotFoundError("Session");
    await tx.session.delete({ where: { id: s.id } });
    return {
      result: null,
      audit: {
        action: "session.revoke",
        entityType: "session",
        entityId: s.user.email,
        summary: own ? `${actor.email} revoked one of their sessions` : `${actor.email} revoked a session of ${s.user.email}`,
        before: { userAgent: s.userAgent, ip: s.ip, createdAt: s.createdAt },
        after: null,
      },
    };
  });
}

/**
 * Sign-in locks as admins see them: which members are locked out or paused right now, and an
 * unlock that lifts every lock and pause on a member's email (lib/auth/throttle.ts), audited.
 */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { activeLocks, clearEmail } from "../auth/throttle";
import { assertCan } from "../auth/roles";
import { NotFoundError } from "../errors";
import { isUuid } from "../model/ids";

/** Members of the actor's workspace with a sign-in lock or pause in force, and until when. */
export async function listSignInLocks(db: Db, actor: Actor, now = new Date()): Promise<{ userId: string; email: string; lockedUntil: Date }[]> {
  assertCan(actor.role, "member.write");
  const members = await db.membership.findMany({ where: { workspaceId: actor.workspaceId }, select: { userId: true, user: { select: { email: true } } } });
  const locks = await activeLocks(
    db,
    members.map((m) => m.user.email),
    now,
  );
  return members.filter((m) => locks.has(m.user.email)).map((m) => ({ userId: m.userId, email: m.user.email, lockedUntil: locks.get(m.user.email)! }));
}

/** Lifts a member's sign-in locks (every address) and the account-wide pause. */
export async function unlockMemberSignIn(db: Db, actor: Actor, userId: string) {
  assertCan(actor.role, "member.write");
  if (!isUuid(userId)) throw new NotFoundError("Member");
  return mutate(db, actor, async (tx) => {
    const m = await tx.membership.findUnique({
      where: { workspaceId_userId: { workspaceId: actor.workspaceId, userId } },
      include: { user: { select: { email: true } } },
    });
    if (!m) throw new NotFoundError("Member");
    const cleared = await clearEmail(tx, m.user.email);
    return {
      result: { cleared },
      audit: {
        action: "member.unlock",
        entityType: "member",
        entityId: m.user.email,
        summary: `Unlocked sign-in for ${m.user.email}`,
        before: { lockRows: cleared },
        after: { lockRows: 0 },
      },
    };
  });
}

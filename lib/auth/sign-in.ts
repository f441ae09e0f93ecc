/**
 * Email and password sign-in with a generic error and a lockout after repeated failures.
 * The answer never says whether the email or the password was wrong.
 */
import type { Db } from "../db/client";
import { GatehouseError } from "../model/errors";
import { dummyPasswordHash, verifyPassword } from "./password";
import { createSession } from "./session";

export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
/** Failures older than this no longer count toward a lockout. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export const GENERIC_SIGN_IN_ERROR = "Incorrect email or password";

export class SignInError extends GatehouseError {
  constructor(message = GENERIC_SIGN_IN_ERROR, status = 401) {
    super(message, status, [], status === 429 ? "TooManyAttempts" : "InvalidCredentials");
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function signIn(
  db: Db,
  input: { email: string; password: string; userAgent?: string; ip?: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date; userId: string }> {
  const email = normaliseEmail(input.email);
  const throttle = await db.signInThrottle.findUnique({ where: { email } });
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    throw new SignInError("Too many failed sign-in attempts. Try again in a few minutes.", 429);
  }
  const user = await db.user.findUnique({ where: { email } });
  // Verify against a dummy hash for unknown emails: same work, so timing reveals nothing.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) {
    const recent = throttle && now.getTime() - throttle.lastFailure.getTime() < FAILURE_WINDOW_MS ? throttle.failures : 0;
    const failures = recent + 1;
    const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCKOUT_MS) : null;
    await db.signInThrottle.upsert({
      where: { email },
      create: { email, failures, lastFailure: now, lockedUntil },
      update: { failures, lastFailure: now, lockedUntil },
    });
    throw new SignInError();
  }
  if (throttle) await db.signInThrottle.delete({ where: { email } });
  const session = await createSession(db, user.id, input.userAgent, input.ip);
  return { ...session, userId: user.id };
}

/**
 * Email and password sign-in with a generic error, throttled per (email, client address) and
 * slowed down per account (lib/auth/throttle.ts). The answer never says whether the email or the
 * password was wrong; a refusal says how long to wait.
 */
import type { Db } from "../db/client";
import { GatehouseError } from "../errors";
import { passwordSignInEnabled } from "./oidc-config";
import { dummyPasswordHash, verifyPassword } from "./password";
import { createSession } from "./session";
import { describeWait, forgiveSuccess, pruneExpired, reserveAttempt, UNKNOWN_ADDRESS, type Refusal } from "./throttle";

export { FAILURE_WINDOW_MS, LOCKOUT_MS, MAX_FAILURES } from "./throttle";

export const GENERIC_SIGN_IN_ERROR = "Incorrect email or password";
export const PASSWORD_SIGN_IN_OFF = "Password sign-in is turned off on this server: sign in with single sign-on.";

const CODES: Record<number, string> = { 403: "PasswordSignInOff", 429: "TooManyAttempts" };

export class SignInError extends GatehouseError {
  constructor(message = GENERIC_SIGN_IN_ERROR, status = 401) {
    super(message, status, [], CODES[status] ?? "InvalidCredentials");
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function refusalError(refusal: Refusal, now: Date): SignInError {
  const wait = describeWait(refusal.lockedUntil.getTime() - now.getTime());
  return refusal.scope === "address"
    ? new SignInError(`Too many failed sign-in attempts from your address. Try again in ${wait}.`, 429)
    : new SignInError(
        `Too many failed sign-in attempts on this account from several addresses; it accepts one attempt at a time for now. Try again in ${wait}.`,
        429,
      );
}

export async function signIn(
  db: Db,
  input: { email: string; password: string; userAgent?: string; ip?: string },
  now = new Date(),
): Promise<{ token: string; expiresAt: Date; userId: string }> {
  // Refused before anything is counted or checked (GATEHOUSE_PASSWORD_SIGN_IN=off).
  if (!passwordSignInEnabled()) throw new SignInError(PASSWORD_SIGN_IN_OFF, 403);
  const email = normaliseEmail(input.email);
  const address = input.ip || UNKNOWN_ADDRESS;
  // Counted before the password is checked: parallel attempts cannot get past the limit.
  const refusal = await reserveAttempt(db, email, address, now);
  if (refusal) throw refusalError(refusal, now);
  const user = await db.user.findUnique({ where: { email } });
  // Verify against a dummy hash for unknown emails: same work, so timing reveals nothing.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !ok) throw new SignInError();
  await forgiveSuccess(db, email, address);
  await pruneExpired(db, now);
  const session = await createSession(db, user.id, input.userAgent, input.ip);
  return { ...session, userId: user.id };
}

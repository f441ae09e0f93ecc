/**
 * Sign-in attempts allowed per client address in 10 minutes, whatever the email:
 * `GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS` (a positive whole number; for many people behind one NAT
 * address, or a test run signing in all day from loopback), 30 by default. They are counted in the
 * database, shared by every instance (`reserveAddressAttempt` in throttle.ts); the per-email lockout
 * there is the durable guard, this one stops a single address from trying many emails.
 */
export function signInAttemptsPerAddress(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS);
  return Number.isInteger(n) && n > 0 ? n : 30;
}

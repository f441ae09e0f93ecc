/**
 * A sliding-window rate limit kept in memory (per server process), for sign-in attempts per
 * client address. The per-email lockout in sign-in.ts is the durable guard; this one stops a
 * single address from trying many emails.
 */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records an attempt; returns false (and records nothing) when the key is over its limit. */
  attempt(key: string, now = Date.now()): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    if (this.hits.size > 10_000) this.prune(now);
    return true;
  }

  /** How long until the key may try again: 0 when it may now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length < this.limit) return 0;
    // The oldest attempts leave the window first; the one that frees a slot is the (n - limit)-th.
    return recent[recent.length - this.limit] + this.windowMs - now;
  }

  private prune(now: number) {
    for (const [key, times] of this.hits) if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(key);
  }
}

/**
 * Sign-in attempts allowed per client address in 10 minutes: `GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS`
 * (a positive whole number; for many people behind one NAT address, or a test run signing in all
 * day from loopback), 30 by default.
 */
export function signInAttemptsPerAddress(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS);
  return Number.isInteger(n) && n > 0 ? n : 30;
}

export const signInLimiter = new RateLimiter(signInAttemptsPerAddress(), 10 * 60 * 1000);

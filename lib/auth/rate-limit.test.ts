import { describe, expect, it } from "vitest";
import { RateLimiter, signInAttemptsPerAddress, signInLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` attempts in a window, then refuses", () => {
    const limiter = new RateLimiter(3, 1000);
    const t = 1_000_000;
    expect([limiter.attempt("a", t), limiter.attempt("a", t + 1), limiter.attempt("a", t + 2)]).toEqual([true, true, true]);
    expect(limiter.attempt("a", t + 3)).toBe(false);
    expect(limiter.attempt("a", t + 999)).toBe(false);
  });

  it("slides: an attempt frees up exactly when its window has passed, and refused attempts are not recorded", () => {
    const limiter = new RateLimiter(2, 1000);
    expect(limiter.attempt("k", 0)).toBe(true);
    expect(limiter.attempt("k", 500)).toBe(true);
    // Refused attempts during the window must not extend it.
    expect(limiter.attempt("k", 900)).toBe(false);
    expect(limiter.attempt("k", 999)).toBe(false);
    // At 1000 the first attempt (t=0) has left the window; the one at 500 has not.
    expect(limiter.attempt("k", 1000)).toBe(true);
    expect(limiter.attempt("k", 1001)).toBe(false);
    // At 1500 the attempt at 500 leaves; one slot again.
    expect(limiter.attempt("k", 1499)).toBe(false);
    expect(limiter.attempt("k", 1500)).toBe(true);
    expect(limiter.attempt("k", 1500)).toBe(false);
    // Long after, the full limit is back.
    expect(limiter.attempt("k", 10_000)).toBe(true);
    expect(limiter.attempt("k", 10_000)).toBe(true);
    expect(limiter.attempt("k", 10_000)).toBe(false);
  });

  it("keeps keys independent", () => {
    const limiter = new RateLimiter(1, 60_000);
    expect(limiter.attempt("10.0.0.1", 0)).toBe(true);
    expect(limiter.attempt("10.0.0.1", 1)).toBe(false);
    expect(limiter.attempt("10.0.0.2", 2)).toBe(true);
    expect(limiter.attempt("10.0.0.2", 3)).toBe(false);
    expect(limiter.attempt("10.0.0.1", 4)).toBe(false);
  });

  it("keeps counting correctly for a key after many other keys were pruned", () => {
    const limiter = new RateLimiter(2, 1000);
    expect(limiter.attempt("busy", 50_000)).toBe(true);
    expect(limiter.attempt("busy", 50_001)).toBe(true);
    // Enough stale keys to trigger pruning; they must go, and "busy" must keep its hits.
    for (let i = 0; i < 10_001; i++) limiter.attempt(`old-${i}`, 0);
    expect(limiter.attempt("trigger", 50_002)).toBe(true);
    expect(limiter.attempt("busy", 50_003)).toBe(false);
    expect(limiter.attempt("old-1", 50_004)).toBe(true);
  });

  it("signs-in limiter: 30 per 10 minutes", () => {
    expect(signInLimiter.limit).toBe(30);
    expect(signInLimiter.windowMs).toBe(10 * 60 * 1000);
  });

  it("says how long until the next attempt is allowed (the real wait)", () => {
    const limiter = new RateLimiter(2, 1000);
    expect(limiter.retryAfterMs("w", 0)).toBe(0);
    limiter.attempt("w", 100);
    limiter.attempt("w", 400);
    expect(limiter.retryAfterMs("w", 500)).toBe(600);
    expect(limiter.retryAfterMs("w", 1099)).toBe(1);
    expect(limiter.retryAfterMs("w", 1100)).toBe(0);
    expect(limiter.retryAfterMs("other", 500)).toBe(0);
  });
});

describe("sign-in attempts per address", () => {
  it("is 30 unless GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS names another positive whole number", () => {
    expect(signInAttemptsPerAddress({})).toBe(30);
    expect(signInAttemptsPerAddress({ GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS: "500" })).toBe(500);
    for (const bad of ["0", "-3", "2.5", "many", ""]) expect(signInAttemptsPerAddress({ GATEHOUSE_SIGN_IN_ATTEMPTS_PER_ADDRESS: bad })).toBe(30);
  });
});

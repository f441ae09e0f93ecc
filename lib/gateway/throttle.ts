/**
 * Method throttling as API Gateway applies a stage's method settings: one token bucket per
 * stage and method, `burstLimit` deep, refilled at `rateLimit` per second. An empty bucket
 * answers 429 THROTTLED.
 */
import type { ThrottleLimits } from "./settings";

export interface ThrottleClock {
  /** Milliseconds. */
  now(): number;
}

interface Bucket {
  limits: ThrottleLimits;
  tokens: number;
  last: number;
}

export class ThrottleRegistry {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: ThrottleClock = { now: () => Date.now() },
    /** Buckets kept at most; the oldest are dropped (a dropped bucket starts full again). */
    private readonly maxBuckets = 10_000,
  ) {}

  /** Takes a token for `key`; false when the bucket is empty (the request is throttled). */
  take(key: string, limits: ThrottleLimits): boolean {
    const now = this.clock.now();
    let b = this.buckets.get(key);
    // Changed settings take effect at once, with a full bucket, as a redeployed stage would.
    if (!b || b.limits.rateLimit !== limits.rateLimit || b.limits.burstLimit !== limits.burstLimit) {
      if (!b && this.buckets.size >= this.maxBuckets) this.buckets.delete(this.buckets.keys().next().value!);
      b = { limits, tokens: limits.burstLimit, last: now };
      this.buckets.set(key, b);
    } else if (now > b.last) {
      b.tokens = Math.min(limits.burstLimit, b.tokens + ((now - b.last) / 1000) * limits.rateLimit);
      b.last = now;
    }
    if (b.tokens >= 1 - 1e-9) {
      b.tokens -= 1;
      return true;
    }
    return false;
  }

  clear(): void {
    this.buckets.clear();
  }
}

/** The console process's buckets. */
export const defaultThrottles = new ThrottleRegistry();

/**
 * Where the limiter's token buckets live. AWS's control-plane quotas are per account and Region,
 * not per Gatehouse process: with several console instances on one PostgreSQL (issue #15), each
 * with buckets of its own, two instances pushing at once would together send twice the rate AWS
 * allows and be throttled. `PostgresQuotaStore` keeps the buckets in one table, so every instance
 * takes its tokens from the same buckets; `MemoryQuotaStore` is the single-process default.
 *
 * A take is all or nothing: a call needs a token from its operation's bucket and from the total
 * bucket; when either is empty, none is taken and the caller learns how long to wait.
 */
import type { Db } from "../db/client";
import type { Quota } from "./limiter";

export interface BucketSpec {
  /** The operation's name, or `*` for the total. */
  key: string;
  quota: Quota;
}

export interface QuotaStore {
  /**
   * Takes one token from every bucket when all have one and resolves 0; otherwise takes none and
   * resolves the milliseconds until all would have one. `now` is the limiter's clock (ms); a store
   * shared by several processes may use a clock all of them share instead.
   */
  tryTake(scope: string, buckets: BucketSpec[], now: number): Promise<number>;
  /** Empties the buckets (after a 429 the server's are empty, whatever ours say). */
  drain(scope: string, buckets: BucketSpec[], now: number): Promise<void>;
}

/** A bucket's state: tokens at the time `at` (ms). */
export interface BucketState {
  tokens: number;
  at: number;
}

/** The state refilled up to `now` at the quota's rate, never above its burst. */
export function refilled(state: BucketState, quota: Quota, now: number): BucketState {
  if (now <= state.at) return state;
  return { tokens: Math.min(quota.burst, state.tokens + ((now - state.at) / 1000) * quota.ratePerSecond), at: now };
}

/** Ms until the bucket holds a whole token (0 when it does). */
export function waitForToken(state: BucketState, quota: Quota): number {
  if (state.tokens >= 1 - 1e-9) return 0;
  return Math.ceil(((1 - state.tokens) / quota.ratePerSecond) * 1000);
}

/**
 * The decision for one take over the buckets' current states: the new states when every bucket
 * has a token, or the wait. Shared by both stores so they cannot disagree.
 */
export function decideTake(states: BucketState[], specs: BucketSpec[], now: number): { wait: number; next: BucketState[] } {
  const current = states.map((s, i) => refilled(s, specs[i].quota, now));
  const wait = Math.max(0, ...current.map((s, i) => waitForToken(s, specs[i].quota)));
  return { wait, next: wait > 0 ? current : current.map((s) => ({ tokens: s.tokens - 1, at: s.at })) };
}

/** Buckets in this process's memory: right for one console process (the embedded database). */
export class MemoryQuotaStore implements QuotaStore {
  private readonly buckets = new Map<string, BucketState>();

  private statesOf(scope: string, specs: BucketSpec[], now: number): BucketState[] {
    return specs.map((b) => this.buckets.get(`${scope}\u0000${b.key}`) ?? { tokens: b.quota.burst, at: now });
  }

  private save(scope: string, specs: BucketSpec[], states: BucketState[]) {
    specs.forEach((b, i) => this.buckets.set(`${scope}\u0000${b.key}`, states[i]));
  }

  async tryTake(scope: string, specs: BucketSpec[], now: number): Promise<number> {
    const { wait, next } = decideTake(this.statesOf(scope, specs, now), specs, now);
    this.save(scope, specs, next);
    return wait;
  }

  async drain(scope: string, specs: BucketSpec[], now: number): Promise<void> {
    const states = this.statesOf(scope, specs, now).map((s, i) => refilled(s, specs[i].quota, now));
    this.save(
      scope,
      specs,
      states.map((s) => ({ tokens: Math.min(s.tokens, 0), at: s.at })),
    );
  }
}

interface BucketRow {
  key: string;
  tokens: number;
  at_ms: number;
  now_ms: number;
}

/**
 * Buckets in PostgreSQL (`aws_quota_buckets`), shared by every instance on the database. Each take
 * is one short transaction holding the scope's bucket rows `FOR UPDATE` (in key order, so two
 * takes never deadlock); time is the database's clock, so instances whose clocks differ still
 * refill the same buckets at the same rate.
 */
export class PostgresQuotaStore implements QuotaStore {
  constructor(private readonly db: () => Promise<Db>) {}

  tryTake(scope: string, specs: BucketSpec[]): Promise<number> {
    return this.withBuckets(scope, specs, (states, sorted, now) => decideTake(states, sorted, now));
  }

  async drain(scope: string, specs: BucketSpec[]): Promise<void> {
    await this.withBuckets(scope, specs, (states, sorted, now) => ({
      wait: 0,
      next: states.map((s, i) => refilled(s, sorted[i].quota, now)).map((s) => ({ tokens: Math.min(s.tokens, 0), at: s.at })),
    }));
  }

  /**
   * Locks the scope's buckets (creating them full), lets `decide` compute their next states, writes
   * them. `decide` gets the states and the specs in the same (key) order.
   */
  private async withBuckets(
    scope: string,
    unsorted: BucketSpec[],
    decide: (states: BucketState[], specs: BucketSpec[], now: number) => { wait: number; next: BucketState[] },
  ): Promise<number> {
    const specs = [...unsorted].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const keys = specs.map((s) => s.key);
    const bursts = specs.map((s) => s.quota.burst);
    const db = await this.db();
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`
        INSERT INTO "aws_quota_buckets" ("scope", "key", "tokens", "at_ms")
        SELECT ${scope}, k, b, extract(epoch FROM clock_timestamp()) * 1000
        FROM unnest(${keys}::text[], ${bursts}::float8[]) AS t(k, b)
        ORDER BY k
        ON CONFLICT DO NOTHING`;
      const rows = await tx.$queryRaw<BucketRow[]>`
        SELECT "key", "tokens", "at_ms", extract(epoch FROM clock_timestamp())::float8 * 1000 AS now_ms
        FROM "aws_quota_buckets" WHERE "scope" = ${scope} AND "key" = ANY(${keys}::text[])
        ORDER BY "key" FOR UPDATE`;
      const byKey = new Map(rows.map((r) => [r.key, r]));
      const now = Number(rows[0]?.now_ms ?? Date.now());
      const states = specs.map((s) => {
        const row = byKey.get(s.key);
        return row ? { tokens: Number(row.tokens), at: Number(row.at_ms) } : { tokens: s.quota.burst, at: now };
      });
      const { wait, next } = decide(states, specs, now);
      await tx.$executeRaw`
        UPDATE "aws_quota_buckets" AS q SET "tokens" = t.tokens, "at_ms" = t.at_ms
        FROM unnest(${keys}::text[], ${next.map((s) => s.tokens)}::float8[], ${next.map((s) => s.at)}::float8[]) AS t(key, tokens, at_ms)
        WHERE q."scope" = ${scope} AND q."key" = t.key`;
      return wait;
    });
  }
}

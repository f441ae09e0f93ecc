/**
 * AWS's control-plane quotas are per account and Region: two console instances pushing at once
 * must together stay within them (issue #15). Each "instance" here is a limiter with a store of
 * its own over its own connection pool to one database, as two processes would have.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type DbHandle } from "../../lib/db/client";
import { ApiGatewayLimiter, type Quota } from "../../lib/aws/limiter";
import { decideTake, MemoryQuotaStore, PostgresQuotaStore, type QuotaStore } from "../../lib/aws/quota-store";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

const QUOTA: Quota = { burst: 3, ratePerSecond: 20 };
const CALLS = 14;
/** Admission is stamped after the take's transaction returns: a few ms late at most. */
const STAMP_SLACK_MS = 50;

function limiterOn(store: QuotaStore): ApiGatewayLimiter {
  return new ApiGatewayLimiter({ store, scope: "123456789012/us-east-1", quotas: { CreateDeployment: QUOTA }, total: null, safetyMarginMs: 0 });
}

/** Admission times of CALLS acquires spread over the limiters, all requested at once. */
async function admissions(limiters: ApiGatewayLimiter[]): Promise<number[]> {
  const at: number[] = [];
  await Promise.all(Array.from({ length: CALLS }, (_, i) => limiters[i % limiters.length].acquire("CreateDeployment").then(() => at.push(Date.now()))));
  return at.sort((a, b) => a - b);
}

/** The most calls admitted in any window, beyond what the quota allows in it. */
function excessOverQuota(at: number[]): number {
  let worst = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < at.length; i++) {
    for (let j = i; j < at.length; j++) {
      const allowed = QUOTA.burst + ((at[j] - at[i] + STAMP_SLACK_MS) / 1000) * QUOTA.ratePerSecond;
      worst = Math.max(worst, j - i + 1 - Math.floor(allowed));
    }
  }
  return worst;
}

describe("the take decision", () => {
  const specs = [
    { key: "CreateDeployment", quota: { burst: 1, ratePerSecond: 0.2 } },
    { key: "*", quota: { burst: 40, ratePerSecond: 10 } },
  ];

  it("takes from every bucket or from none", () => {
    const empty = { tokens: 0, at: 0 };
    const full = { tokens: 40, at: 0 };
    const refused = decideTake([empty, full], specs, 1000);
    expect(refused.wait).toBe(4000);
    expect(refused.next[1].tokens).toBe(40);
    const taken = decideTake([{ tokens: 1, at: 0 }, full], specs, 0);
    expect(taken).toEqual({
      wait: 0,
      next: [
        { tokens: 0, at: 0 },
        { tokens: 39, at: 0 },
      ],
    });
  });

  it("refills at the quota's rate, never above the burst", () => {
    expect(
      decideTake(
        [
          { tokens: 0, at: 0 },
          { tokens: 0, at: 0 },
        ],
        specs,
        5000,
      ),
    ).toEqual({
      wait: 0,
      next: [
        { tokens: 0, at: 5000 },
        { tokens: 39, at: 5000 },
      ],
    });
  });
});

describe("separate in-memory buckets (one per process) are what goes wrong", () => {
  it("two processes with buckets of their own together exceed the quota", async () => {
    const at = await admissions([limiterOn(new MemoryQuotaStore()), limiterOn(new MemoryQuotaStore())]);
    expect(excessOverQuota(at)).toBeGreaterThan(0);
  });
});

describe.each(DATABASE_KINDS)("buckets shared in the database (%s)", (kind) => {
  let db: TestDatabase;
  let second: DbHandle | undefined;
  beforeAll(async () => {
    db = await openTestDatabase(kind, { migrate: true });
    // A second connection pool to the same database: the second instance (PGlite is one process's).
    if (db.url) second = await openDb({ databaseUrl: db.url });
  });
  afterAll(async () => {
    await second?.close();
    await db.drop();
  });

  it("two instances pushing at once together stay within the quota", async () => {
    const first = limiterOn(new PostgresQuotaStore(async () => db.handle.prisma));
    const other = limiterOn(new PostgresQuotaStore(async () => (second ?? db.handle).prisma));
    const at = await admissions([first, other]);
    expect(at).toHaveLength(CALLS);
    expect(excessOverQuota(at)).toBeLessThanOrEqual(0);
  });

  it("a take needs every bucket: an empty total leaves the operation's bucket untouched", async () => {
    const store = new PostgresQuotaStore(async () => db.handle.prisma);
    const specs = [
      { key: "GetStage", quota: { burst: 2, ratePerSecond: 0.001 } },
      { key: "*", quota: { burst: 1, ratePerSecond: 0.001 } },
    ];
    expect(await store.tryTake("scope-all-or-none", specs)).toBe(0);
    expect(await store.tryTake("scope-all-or-none", specs)).toBeGreaterThan(0);
    // GetStage still holds its second token: only a scope without a total can take it.
    expect(await store.tryTake("scope-all-or-none", [specs[0]])).toBe(0);
    expect(await store.tryTake("scope-all-or-none", [specs[0]])).toBeGreaterThan(0);
  });

  it("a 429 drains the shared buckets for every instance", async () => {
    const store = new PostgresQuotaStore(async () => db.handle.prisma);
    const specs = [{ key: "GetResources", quota: { burst: 5, ratePerSecond: 0.01 } }];
    expect(await store.tryTake("scope-drain", specs)).toBe(0);
    await store.drain("scope-drain", specs);
    const other = new PostgresQuotaStore(async () => (second ?? db.handle).prisma);
    expect(await other.tryTake("scope-drain", specs)).toBeGreaterThan(0);
  });

  it("scopes (accounts and Regions) do not share buckets", async () => {
    const store = new PostgresQuotaStore(async () => db.handle.prisma);
    const specs = [{ key: "CreateRestApi", quota: { burst: 1, ratePerSecond: 0.001 } }];
    expect(await store.tryTake("111111111111/us-east-1", specs)).toBe(0);
    expect(await store.tryTake("111111111111/eu-west-1", specs)).toBe(0);
    expect(await store.tryTake("111111111111/us-east-1", specs)).toBeGreaterThan(0);
  });
});

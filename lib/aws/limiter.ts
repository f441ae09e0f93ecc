/**
 * Client-side pacing for the API Gateway control plane. AWS's quotas are per account and Region
 * and cannot be raised (CreateDeployment 1 per 5 s, GetResources 5 per 2 s, 10 rps burst 40 in
 * total …), and the SDK's own retry gives up after 3 attempts, so every call goes through one
 * limiter: token buckets per operation plus the total, and a bounded retry that honours
 * `retryAfterSeconds` on 429 TooManyRequestsException.
 */

import { type BucketSpec, MemoryQuotaStore, type QuotaStore } from "./quota-store";

export interface Clock {
  /** Milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A virtual clock for tests: `sleep` advances time at once, so waits cost nothing and stay exact. */
export class ManualClock implements Clock {
  constructor(public t = 1_700_000_000_000) {}
  now = () => this.t;
  sleep = async (ms: number) => {
    if (ms > 0) this.t += ms;
    await Promise.resolve();
  };
  advance(ms: number) {
    this.t += ms;
  }
}

export interface Quota {
  /** Calls that may go back to back. */
  burst: number;
  ratePerSecond: number;
}

/** Per-operation control-plane quotas (AWS developer guide, "API Gateway quotas"). */
export const API_GATEWAY_QUOTAS: Readonly<Record<string, Quota>> = {
  CreateDeployment: { burst: 1, ratePerSecond: 1 / 5 },
  GetResources: { burst: 5, ratePerSecond: 5 / 2 },
  CreateResource: { burst: 5, ratePerSecond: 5 },
  DeleteResource: { burst: 5, ratePerSecond: 5 },
  CreateApiKey: { burst: 5, ratePerSecond: 5 },
  DeleteApiKey: { burst: 5, ratePerSecond: 5 },
  PutRestApi: { burst: 1, ratePerSecond: 1 },
  CreateRestApi: { burst: 1, ratePerSecond: 1 / 3 },
  ImportRestApi: { burst: 1, ratePerSecond: 1 / 3 },
  DeleteRestApi: { burst: 1, ratePerSecond: 1 / 30 },
  CreateDomainName: { burst: 1, ratePerSecond: 1 / 30 },
  UpdateDomainName: { burst: 1, ratePerSecond: 1 / 30 },
  DeleteDomainName: { burst: 1, ratePerSecond: 1 / 30 },
  UpdateUsagePlan: { burst: 1, ratePerSecond: 1 / 20 },
  UpdateAccount: { burst: 1, ratePerSecond: 1 / 20 },
  CreateDocumentationVersion: { burst: 1, ratePerSecond: 1 / 20 },
};

/** Every control-plane operation counts toward this. */
export const API_GATEWAY_TOTAL_QUOTA: Quota = { burst: 40, ratePerSecond: 10 };

export interface LimiterOptions {
  clock?: Clock;
  /** Overrides merged over API_GATEWAY_QUOTAS; `null` removes an operation's own quota. */
  quotas?: Record<string, Quota | null>;
  /** Override of the total quota; `null` disables it. */
  total?: Quota | null;
  /** Retries after a 429 before giving up. Default 5. */
  maxRetries?: number;
  /** Wait when a 429 carries no retryAfterSeconds: base × 2^attempt, capped. Default 1000 ms. */
  backoffBaseMs?: number;
  /** Longest single wait the retry accepts; a longer Retry-After fails the call. Default 60 s. */
  maxWaitMs?: number;
  /** Added to every quota wait, to absorb clock skew against the server. Default 25 ms. */
  safetyMarginMs?: number;
  /**
   * Where the buckets live (default: this process's memory). With several console instances on one
   * PostgreSQL, a PostgresQuotaStore makes them pace together (quota-store.ts).
   */
  store?: QuotaStore;
  /** Which buckets of the store are this limiter's: one scope per account and Region. Default "default". */
  scope?: string;
  /** Observes every wait (quota pacing or a 429 retry). */
  onWait?(event: { operation: string; ms: number; reason: "quota" | "throttled"; attempt?: number }): void;
}

type SdkError = { name?: string; message?: string; $metadata?: { httpStatusCode?: number } } | null;

/**
 * A hard limit (429 LimitExceededException: 300 resources, 10 stages, 10 authorizers per API …).
 * It shares throttling's status code, but waiting does not make room: it must fail at once.
 */
export function isLimitExceeded(e: unknown): boolean {
  return (e as SdkError)?.name === "LimitExceededException";
}

/** True for API Gateway's throttling answer (429 TooManyRequestsException); never for a hard limit. */
export function isThrottlingError(e: unknown): boolean {
  const err = e as SdkError;
  if (!err || isLimitExceeded(err)) return false;
  return err.name === "TooManyRequestsException" || err.$metadata?.httpStatusCode === 429;
}

/** A hard limit reached by one call: AWS's code and message kept, with what to do about it. */
export class LimitExceededError extends Error {
  readonly $metadata: { httpStatusCode?: number };
  constructor(
    readonly operation: string,
    readonly cause: unknown,
  ) {
    const err = cause as SdkError;
    super(
      `${operation} reached an API Gateway limit (LimitExceededException: ${err?.message ?? "limit exceeded"}). ` +
        "This is a quota on what the API or account may hold, not throttling, so retrying won't help: remove entities or request a higher quota in Service Quotas.",
    );
    this.name = "LimitExceededException";
    this.$metadata = { ...(err?.$metadata ?? {}) };
  }
}

/** `retryAfterSeconds` of a 429 (from the Retry-After header), in ms, if present. */
export function retryAfterMs(e: unknown): number | undefined {
  const raw = (e as { retryAfterSeconds?: string | number } | null)?.retryAfterSeconds;
  if (raw === undefined || raw === null || raw === "") return undefined;
  const s = Number(raw);
  return Number.isFinite(s) && s >= 0 ? Math.ceil(s * 1000) : undefined;
}

export class ThrottledError extends Error {
  constructor(
    readonly operation: string,
    readonly attempts: number,
    readonly cause: unknown,
  ) {
    super(`API Gateway kept throttling ${operation} (429 Too Many Requests) after ${attempts} attempts; try again in a minute`);
    this.name = "ThrottledError";
  }
}

export class ApiGatewayLimiter {
  readonly clock: Clock;
  private readonly perOp: Record<string, Quota>;
  private readonly total: Quota | null;
  private readonly store: QuotaStore;
  private readonly scope: string;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly opts: LimiterOptions;
  /** Counters for observability and tests. */
  readonly stats = { calls: 0, throttled: 0, waitedMs: 0 };

  constructor(options: LimiterOptions = {}) {
    this.opts = options;
    this.clock = options.clock ?? systemClock;
    const merged: Record<string, Quota> = { ...API_GATEWAY_QUOTAS };
    for (const [op, q] of Object.entries(options.quotas ?? {})) {
      if (q === null) delete merged[op];
      else merged[op] = q;
    }
    this.perOp = merged;
    this.total = options.total === undefined ? API_GATEWAY_TOTAL_QUOTA : options.total;
    this.store = options.store ?? new MemoryQuotaStore();
    this.scope = options.scope ?? "default";
  }

  /** The operation's own bucket (when it has a quota of its own) and the total. */
  private bucketsFor(operation: string): BucketSpec[] {
    const out: BucketSpec[] = [];
    const own = this.perOp[operation];
    if (own) out.push({ key: operation, quota: own });
    if (this.total) out.push({ key: "*", quota: this.total });
    return out;
  }

  /**
   * Waits until the operation's bucket and the total bucket both have a token, then takes them.
   * Calls are admitted one at a time in arrival order. Resolves with the ms waited.
   */
  acquire(operation: string): Promise<number> {
    const run = async () => {
      let waited = 0;
      for (;;) {
        const wait = await this.store.tryTake(this.scope, this.bucketsFor(operation), this.clock.now());
        if (wait === 0) {
          this.stats.calls++;
          return waited;
        }
        const ms = wait + (this.opts.safetyMarginMs ?? 25);
        this.opts.onWait?.({ operation, ms, reason: "quota" });
        this.stats.waitedMs += ms;
        waited += ms;
        await this.clock.sleep(ms);
      }
    };
    const p = this.queue.then(run, run);
    this.queue = p.catch(() => undefined);
    return p;
  }

  /** Runs `fn` under the quotas, retrying 429s (bounded) after the time the service asks for. */
  async run<T>(operation: string, fn: () => Promise<T>, onRetry?: (attempt: number, waitMs: number) => void): Promise<T> {
    const maxRetries = this.opts.maxRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      await this.acquire(operation);
      try {
        return await fn();
      } catch (e) {
        if (isLimitExceeded(e)) throw new LimitExceededError(operation, e);
        if (!isThrottlingError(e)) throw e;
        this.stats.throttled++;
        if (attempt >= maxRetries) throw new ThrottledError(operation, attempt + 1, e);
        const base = this.opts.backoffBaseMs ?? 1000;
        const wait = retryAfterMs(e) ?? Math.min(base * 2 ** attempt, 30_000);
        if (wait > (this.opts.maxWaitMs ?? 60_000)) throw new ThrottledError(operation, attempt + 1, e);
        // The server's buckets are empty: ours should be too, so later calls pace themselves.
        await this.store.drain(this.scope, this.bucketsFor(operation), this.clock.now());
        onRetry?.(attempt + 1, wait);
        this.opts.onWait?.({ operation, ms: wait, reason: "throttled", attempt: attempt + 1 });
        this.stats.waitedMs += wait;
        await this.clock.sleep(wait);
      }
    }
  }
}

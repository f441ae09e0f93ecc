/**
 * FAKE API Gateway: the control-plane quotas AWS documents (per account and Region, not
 * raisable), as token buckets on the fake's own clock. A test double, not product code.
 */

export interface FakeQuota {
  /** Bucket size: how many calls may go through back to back. */
  burst: number;
  /** Tokens added per second. */
  ratePerSecond: number;
}

/** [DG limits]: per-operation quotas. "1 per 5 s" = burst 1, 0.2 tokens/s. */
export const AWS_OPERATION_QUOTAS: Record<string, FakeQuota> = {
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

/** Every control-plane call counts toward 10 requests per second, burst 40. */
export const AWS_TOTAL_QUOTA: FakeQuota = { burst: 40, ratePerSecond: 10 };

class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    readonly quota: FakeQuota,
    now: number,
  ) {
    this.tokens = quota.burst;
    this.last = now;
  }
  private refill(now: number) {
    if (now > this.last) {
      this.tokens = Math.min(this.quota.burst, this.tokens + ((now - this.last) / 1000) * this.quota.ratePerSecond);
      this.last = now;
    }
  }
  /** Milliseconds until one token is available (0 = now). */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1 - 1e-9) return 0;
    return Math.ceil(((1 - this.tokens) / this.quota.ratePerSecond) * 1000);
  }
  take(now: number) {
    this.refill(now);
    this.tokens -= 1;
  }
}

export interface QuotaOptions {
  /** Per-operation overrides merged over AWS's; `null` removes an operation's own quota. `false` disables every quota. */
  quotas?: Record<string, FakeQuota | null> | false;
  /** Override of the 10 rps / burst 40 total; `null` disables it. */
  total?: FakeQuota | null;
}

export class FakeQuotaBook {
  private readonly perOp: Record<string, FakeQuota>;
  private readonly total: FakeQuota | null;
  private readonly buckets = new Map<string, Bucket>();
  private readonly disabled: boolean;

  constructor(
    private readonly now: () => number,
    options: QuotaOptions = {},
  ) {
    this.disabled = options.quotas === false;
    const merged: Record<string, FakeQuota> = { ...AWS_OPERATION_QUOTAS };
    if (options.quotas) {
      for (const [op, q] of Object.entries(options.quotas)) {
        if (q === null) delete merged[op];
        else merged[op] = q;
      }
    }
    this.perOp = merged;
    this.total = options.total === undefined ? AWS_TOTAL_QUOTA : options.total;
  }

  private bucket(key: string, quota: FakeQuota): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = new Bucket(quota, this.now());
      this.buckets.set(key, b);
    }
    return b;
  }

  /** Takes a token for the operation, or returns the milliseconds (fake time) to wait. */
  admit(operation: string): { ok: true } | { ok: false; waitMs: number; quota: string } {
    if (this.disabled) return { ok: true };
    const now = this.now();
    const checks: { key: string; b: Bucket }[] = [];
    const own = this.perOp[operation];
    if (own) checks.push({ key: operation, b: this.bucket(operation, own) });
    if (this.total) checks.push({ key: "total", b: this.bucket("*total*", this.total) });
    let worst = 0;
    let which = "";
    for (const c of checks) {
      const w = c.b.waitMs(now);
      if (w > worst) {
        worst = w;
        which = c.key;
      }
    }
    if (worst > 0) return { ok: false, waitMs: worst, quota: which };
    for (const c of checks) c.b.take(now);
    return { ok: true };
  }

  reset() {
    this.buckets.clear();
  }
}

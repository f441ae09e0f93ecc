import { describe, expect, it } from "vitest";
import { ApiGatewayLimiter, LimitExceededError, ManualClock, ThrottledError, isThrottlingError, retryAfterMs } from "./limiter";

function throttle(retryAfterSeconds?: string) {
  return Object.assign(new Error("Too Many Requests"), { name: "TooManyRequestsException", retryAfterSeconds, $metadata: { httpStatusCode: 429 } });
}

describe("ApiGatewayLimiter quotas (virtual clock, no real waiting)", () => {
  it("spaces CreateDeployment at one per 5 s", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({ clock, safetyMarginMs: 0 });
    const at: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.acquire("CreateDeployment");
      at.push(clock.now());
    }
    expect(at).toEqual([0, 5000, 10000, 15000]);
  });

  it("spaces CreateDeployment even when requested concurrently", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({ clock, safetyMarginMs: 0 });
    const at: number[] = [];
    await Promise.all([0, 1, 2].map(() => limiter.acquire("CreateDeployment").then(() => at.push(clock.now()))));
    expect(at).toEqual([0, 5000, 10000]);
  });

  it("lets GetResources burst 5 and then paces it at 5 per 2 s", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({ clock, safetyMarginMs: 0 });
    const at: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire("GetResources");
      at.push(clock.now());
    }
    expect(at.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(at[5]).toBe(400);
    expect(at[6]).toBe(800);
  });

  it("keeps the 10 rps / burst 40 total across operations", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({ clock, safetyMarginMs: 0 });
    for (let i = 0; i < 40; i++) await limiter.acquire(i % 2 ? "PutMethod" : "GetStage");
    expect(clock.now()).toBe(0);
    await limiter.acquire("PutIntegration");
    expect(clock.now()).toBe(100);
    for (let i = 0; i < 10; i++) await limiter.acquire("PutIntegration");
    expect(clock.now()).toBe(1100);
  });

  it("paces CreateRestApi at 1 per 3 s and CreateResource at 5/s", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({ clock, safetyMarginMs: 0 });
    await limiter.acquire("CreateRestApi");
    await limiter.acquire("CreateRestApi");
    expect(clock.now()).toBe(3000);
    for (let i = 0; i < 6; i++) await limiter.acquire("CreateResource");
    expect(clock.now()).toBe(3200);
  });

  it("accepts quota overrides", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({
      clock,
      safetyMarginMs: 0,
      quotas: { CreateDeployment: null, PutMethod: { burst: 1, ratePerSecond: 1 } },
      total: null,
    });
    for (let i = 0; i < 50; i++) await limiter.acquire("CreateDeployment");
    expect(clock.now()).toBe(0);
    await limiter.acquire("PutMethod");
    await limiter.acquire("PutMethod");
    expect(clock.now()).toBe(1000);
  });
});

describe("ApiGatewayLimiter retry", () => {
  it("retries a 429 after retryAfterSeconds and succeeds", async () => {
    const clock = new ManualClock(0);
    const waits: string[] = [];
    const limiter = new ApiGatewayLimiter({ clock, safetyMarginMs: 0, onWait: (w) => waits.push(`${w.reason}:${w.ms}`) });
    let n = 0;
    const retries: number[] = [];
    const out = await limiter.run(
      "UpdateStage",
      async () => {
        if (n++ < 2) throw throttle("3");
        return "ok";
      },
      (attempt) => retries.push(attempt),
    );
    expect(out).toBe("ok");
    expect(retries).toEqual([1, 2]);
    expect(clock.now()).toBeGreaterThanOrEqual(6000);
    expect(waits.filter((w) => w.startsWith("throttled"))).toEqual(["throttled:3000", "throttled:3000"]);
    expect(limiter.stats.throttled).toBe(2);
  });

  it("backs off exponentially when no Retry-After is given", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({ clock, safetyMarginMs: 0, backoffBaseMs: 100 });
    let n = 0;
    await limiter.run("GetStage", async () => {
      if (n++ < 3) throw throttle();
      return 1;
    });
    expect(clock.now()).toBe(100 + 200 + 400);
  });

  it("gives up after maxRetries with a ThrottledError", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({ clock, maxRetries: 2 });
    let n = 0;
    const err = await limiter
      .run("CreateDeployment", async () => {
        n++;
        throw throttle("5");
      })
      .catch((e) => e);
    expect(err).toBeInstanceOf(ThrottledError);
    expect(n).toBe(3);
    expect(err.message).toMatch(/kept throttling CreateDeployment/);
  });

  it("refuses a Retry-After longer than maxWaitMs", async () => {
    const limiter = new ApiGatewayLimiter({ clock: new ManualClock(0), maxWaitMs: 10_000 });
    const err = await limiter.run("GetStage", async () => Promise.reject(throttle("600"))).catch((e) => e);
    expect(err).toBeInstanceOf(ThrottledError);
  });

  it("does not retry other errors", async () => {
    const limiter = new ApiGatewayLimiter({ clock: new ManualClock(0) });
    let n = 0;
    const err = await limiter
      .run("PutMethod", async () => {
        n++;
        throw Object.assign(new Error("Method already exists for this resource"), { name: "ConflictException" });
      })
      .catch((e) => e);
    expect(err.name).toBe("ConflictException");
    expect(n).toBe(1);
  });

  it("fails at once on a hard limit (429 LimitExceededException), naming the limit AWS named", async () => {
    const clock = new ManualClock(0);
    const limiter = new ApiGatewayLimiter({ clock });
    let n = 0;
    const limit = Object.assign(new Error("Maximum number of Resources for this API has been reached"), {
      name: "LimitExceededException",
      $metadata: { httpStatusCode: 429 },
    });
    const err = await limiter
      .run("CreateResource", async () => {
        n++;
        throw limit;
      })
      .catch((e) => e);
    expect(n).toBe(1);
    expect(clock.now()).toBe(0);
    expect(err).toBeInstanceOf(LimitExceededError);
    expect(err.name).toBe("LimitExceededException");
    expect(err.$metadata.httpStatusCode).toBe(429);
    expect(err.message).toContain(
      "CreateResource reached an API Gateway limit (LimitExceededException: Maximum number of Resources for this API has been reached)",
    );
    expect(err.message).not.toMatch(/kept throttling/);
    expect(isThrottlingError(limit)).toBe(false);
    expect(limiter.stats.throttled).toBe(0);
  });

  it("recognises throttling errors and reads retryAfterSeconds", () => {
    expect(isThrottlingError(throttle("2"))).toBe(true);
    expect(isThrottlingError(new Error("x"))).toBe(false);
    expect(retryAfterMs(throttle("2"))).toBe(2000);
    expect(retryAfterMs(throttle("0.25"))).toBe(250);
    expect(retryAfterMs(throttle())).toBeUndefined();
  });
});

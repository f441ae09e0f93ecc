/**
 * The operations endpoints' route handlers, called as Next calls them: /api/health answers without
 * a database, /api/ready follows the database (unreachable → 503 naming no host; shutting down →
 * 503), /api/metrics answers only the configured bearer token.
 */
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { GET as health } from "../../app/api/health/route";
import { GET as metricsRoute } from "../../app/api/metrics/route";
import { GET as ready } from "../../app/api/ready/route";
import { beginShutdown, resetLifecycleForTests } from "../../lib/ops/lifecycle";
import { recordHttpRequest } from "../../lib/ops/metrics";
import { createEmptyPostgresDatabase } from "../helpers/databases";

const TOKEN = "route-test-metrics-token-0123456789";
const globalForDb = globalThis as unknown as { gatehouseDb?: Promise<{ close(): Promise<void> }> };

function scrape(authorization?: string) {
  return metricsRoute(new Request("http://console/api/metrics", { headers: authorization ? { authorization } : {} }));
}

afterEach(() => {
  vi.unstubAllEnvs();
  resetLifecycleForTests();
});

describe("/api/health", () => {
  it("answers 200 even when no database could be reached", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
    expect(globalForDb.gatehouseDb).toBeUndefined();
  });
});

describe("/api/ready", () => {
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await (await globalForDb.gatehouseDb?.catch(() => undefined))?.close();
    globalForDb.gatehouseDb = undefined;
    await drop?.();
  });

  it("answers 503 when the database is unreachable, without naming the host", async () => {
    vi.stubEnv("DATABASE_URL", "postgres://secret-role@127.0.0.1:1/none");
    const res = await ready();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body).toEqual({ status: "not-ready", ready: false, reason: "database-unreachable", message: "The database is unreachable." });
    expect(JSON.stringify(body)).not.toContain("secret-role");
  });

  it("answers 200 on a migrated database, and 503 once the instance is shutting down", async () => {
    const db = await createEmptyPostgresDatabase();
    drop = db.drop;
    vi.stubEnv("DATABASE_URL", db.url);
    vi.stubEnv("GATEHOUSE_SEED", "off");
    const res = await ready();
    expect(await res.json()).toMatchObject({ status: "ready" });
    expect(res.status).toBe(200);
    beginShutdown();
    const draining = await ready();
    expect(draining.status).toBe(503);
    expect(await draining.json()).toMatchObject({ reason: "shutting-down" });
  }, 60_000);
});

describe("/api/metrics", () => {
  it("answers 404 with how to turn it on when no token is configured", async () => {
    vi.stubEnv("GATEHOUSE_METRICS_TOKEN", "");
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "MetricsDisabled", message: expect.stringContaining("GATEHOUSE_METRICS_TOKEN") });
  });

  it("answers 401 without the token or with a wrong one", async () => {
    vi.stubEnv("GATEHOUSE_METRICS_TOKEN", TOKEN);
    for (const header of [undefined, "Bearer wrong-token-wrong-token", `Basic ${TOKEN}`]) {
      const res = await scrape(header);
      expect(res.status, String(header)).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      const body = await res.text();
      expect(body).not.toContain("gatehouse_");
    }
  });

  it("serves the Prometheus text format to the token", async () => {
    vi.stubEnv("GATEHOUSE_METRICS_TOKEN", TOKEN);
    recordHttpRequest({ method: "GET", route: "page", status: 200, durationMs: 1 });
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await res.text();
    expect(body).toContain("# TYPE gatehouse_http_requests_total counter");
    expect(body).toContain('gatehouse_http_requests_total{method="GET",route="page",status="200"} 1');
    expect(body).toContain("# TYPE process_resident_memory_bytes gauge");
  });
});

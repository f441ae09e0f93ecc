import { Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { requestDone } from "./front-door";
import { createLogger, logLevelFromEnv } from "./logger";
import { renderMetrics } from "./metrics";

const LOGGER = Symbol.for("gatehouse.logger");
const store = globalThis as Record<symbol, unknown>;

/** Points the process logger at an array of parsed JSON lines. */
function captureLog(level = "info"): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  store[LOGGER] = createLogger(sink, level);
  return lines;
}

afterEach(() => {
  delete store[LOGGER];
});

describe("the per-request log line", () => {
  it("is one JSON object with the request id, method, path, status and duration", () => {
    const lines = captureLog();
    requestDone({ requestId: "req-1", method: "GET", url: "/apis/a1?tab=stages", status: 200, durationMs: 12.345 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: "request",
      reqId: "req-1",
      method: "GET",
      path: "/apis/a1",
      status: 200,
      durationMs: 12.3,
      service: "gatehouse",
    });
    expect(lines[0]).not.toHaveProperty("aborted");
  });

  it("says when the client left early, warns on server errors, and keeps probe successes at debug", () => {
    const lines = captureLog();
    requestDone({ requestId: "r2", method: "POST", url: "/invite/tok123", status: 200, durationMs: 1, aborted: true });
    requestDone({ requestId: "r3", method: "GET", url: "/api/history", status: 503, durationMs: 1 });
    requestDone({ requestId: "r4", method: "GET", url: "/api/health", status: 200, durationMs: 1 });
    requestDone({ requestId: "r5", method: "GET", url: "/api/ready", status: 503, durationMs: 1 });
    expect(lines.map((l) => [l.reqId, l.level])).toEqual([
      ["r2", 30],
      ["r3", 40],
      ["r5", 40],
    ]);
    expect(lines[0]).toMatchObject({ path: "/invite/[token]", aborted: true });
  });

  it("counts the request in the HTTP metrics under its route group", async () => {
    captureLog("silent");
    const series = 'gatehouse_http_requests_total{method="OTHER",route="gateway",status="418"}';
    requestDone({ requestId: "r6", method: "BREW", url: "/gw/a/prod/pot", status: 418, durationMs: 3 });
    const line = (await renderMetrics()).body.split("\n").find((l) => l.startsWith(`${series} `));
    expect(line).toBe(`${series} 1`);
  });
});

describe("GATEHOUSE_LOG_LEVEL", () => {
  it("defaults to info, accepts pino's levels in any case, and refuses others by name", () => {
    expect(logLevelFromEnv({})).toBe("info");
    expect(logLevelFromEnv({ GATEHOUSE_LOG_LEVEL: " Debug " })).toBe("debug");
    expect(() => logLevelFromEnv({ GATEHOUSE_LOG_LEVEL: "verbose" })).toThrow(
      'GATEHOUSE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not "verbose"',
    );
  });
});

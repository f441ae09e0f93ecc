import { describe, expect, it } from "vitest";
import { metricsAccess } from "./metrics-access";

const TOKEN = "s3cret-metrics-token-0123456789";

describe("metrics access", () => {
  it("lets in exactly the configured bearer token", () => {
    expect(metricsAccess(TOKEN, `Bearer ${TOKEN}`)).toEqual({ allowed: true });
    expect(metricsAccess(TOKEN, `bearer ${TOKEN}`)).toEqual({ allowed: true });
  });

  it("answers 401 without a token, with a wrong one, or with another scheme", () => {
    for (const header of [null, undefined, "", "Bearer", `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      const access = metricsAccess(TOKEN, header);
      expect(access, String(header)).toMatchObject({ allowed: false, status: 401, code: "Unauthenticated" });
    }
  });

  it("answers 404 when no token is configured, saying how to turn metrics on", () => {
    for (const configured of [undefined, "", "   "]) {
      const access = metricsAccess(configured, "Bearer anything-at-all-here");
      expect(access).toMatchObject({ allowed: false, status: 404, code: "MetricsDisabled" });
      expect(access.allowed === false && access.message).toContain("GATEHOUSE_METRICS_TOKEN");
    }
  });

  it("refuses a guessable configured token rather than serving behind it", () => {
    const access = metricsAccess("short", "Bearer short");
    expect(access).toMatchObject({ allowed: false, status: 404, code: "MetricsDisabled" });
    expect(access.allowed === false && access.message).toContain("at least 16 characters");
  });
});

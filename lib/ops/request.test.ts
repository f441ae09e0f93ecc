import { describe, expect, it } from "vitest";
import { loggedPath, methodLabel, requestIdFrom, routeGroup } from "./request";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("request ids", () => {
  it("keeps a client's sane id, so a caller can find its request in our logs", () => {
    expect(requestIdFrom("3f2c9a1e-7b1d-4c55-9a0e-2f6d1b7c8e90")).toBe("3f2c9a1e-7b1d-4c55-9a0e-2f6d1b7c8e90");
    expect(requestIdFrom("Root=1-5759e988-bd862e3fe1be46a994272793")).toBe("Root=1-5759e988-bd862e3fe1be46a994272793");
    expect(requestIdFrom(["first-id", "second-id"])).toBe("first-id");
  });

  it("replaces a missing, empty, oversized or injecting id with a fresh UUID", () => {
    for (const bad of [undefined, "", "a".repeat(129), 'x" \n{"level":60', "id with spaces", "<script>", "naïve"]) {
      const id = requestIdFrom(bad);
      expect(id, String(bad)).toMatch(UUID);
    }
    expect(requestIdFrom(undefined)).not.toBe(requestIdFrom(undefined));
  });
});

describe("labels and logged paths", () => {
  it("folds every path into a few route groups", () => {
    expect(routeGroup("/api/health")).toBe("health");
    expect(routeGroup("/api/ready?x=1")).toBe("ready");
    expect(routeGroup("/api/metrics")).toBe("metrics");
    expect(routeGroup("/api/history?format=csv")).toBe("api");
    expect(routeGroup("/api/healthz")).toBe("api");
    expect(routeGroup("/gw/petstore/prod/pets/1")).toBe("gateway");
    expect(routeGroup("/gwx/page")).toBe("page");
    expect(routeGroup("/_next/static/chunks/a.js")).toBe("static");
    expect(routeGroup("/sign-in")).toBe("sign-in");
    expect(routeGroup("/apis/c1x9/stages/prod")).toBe("page");
    expect(routeGroup(undefined)).toBe("page");
  });

  it("labels unusual methods OTHER", () => {
    expect(methodLabel("get")).toBe("GET");
    expect(methodLabel("DELETE")).toBe("DELETE");
    expect(methodLabel("CUSTOM")).toBe("OTHER");
    expect(methodLabel(undefined)).toBe("OTHER");
  });

  it("logs paths without their query or an invitation's token", () => {
    expect(loggedPath("/sign-in?next=%2Fapis&token=secret")).toBe("/sign-in");
    expect(loggedPath("/invite/9f8e7d6c5b4a")).toBe("/invite/[token]");
    expect(loggedPath("/invite/9f8e7d6c5b4a/accept")).toBe("/invite/[token]/accept");
    expect(loggedPath(`/${"x".repeat(2000)}`)).toHaveLength(512);
  });
});

import { describe, expect, it } from "vitest";
import { clfTime, parseRequest } from "./parse";
import { contextFor, designOf, FIXED_NOW } from "../../test/helpers/invoke";

describe("parse", () => {
  const design = designOf({});

  it("splits path and query string, keeping the last value of a repeated parameter", () => {
    const ctx = contextFor(design, { pathWithQueryString: "/pets/1?type=dog&type=cat&q=a%20b", httpMethod: "get" });
    parseRequest(ctx);
    expect(ctx.request).toMatchObject({
      httpMethod: "GET",
      path: "/pets/1",
      querystring: { type: "cat", q: "a b" },
      multiValueQuerystring: { type: ["dog", "cat"], q: ["a b"] },
    });
  });

  it("adds a missing leading slash", () => {
    const ctx = contextFor(design, { pathWithQueryString: "pets" });
    parseRequest(ctx);
    expect(ctx.request!.path).toBe("/pets");
  });

  it("fills $context as TestInvokeMethod does for the draft (stage null)", () => {
    const ctx = contextFor(design, { pathWithQueryString: "/a", headers: { "User-Agent": "curl/8" } }, { sourceIp: "10.1.2.3" });
    parseRequest(ctx);
    expect(ctx.contextVariables).toMatchObject({
      apiId: "abc123",
      requestId: "req-1",
      httpMethod: "GET",
      stage: "test-invoke-stage",
      path: "/a",
      requestTimeEpoch: FIXED_NOW.getTime(),
      requestTime: "31/Aug/2017:01:07:25 +0000",
      identity: { sourceIp: "10.1.2.3", userAgent: "curl/8" },
    });
  });

  it("puts the stage in $context.path when a stage is given", () => {
    const ctx = contextFor(design, { pathWithQueryString: "/a", stage: "prod" });
    parseRequest(ctx);
    expect(ctx.contextVariables).toMatchObject({ stage: "prod", path: "/prod/a" });
  });

  it("formats CLF time with zero padding", () => {
    expect(clfTime(new Date(Date.UTC(2024, 1, 3, 4, 5, 6)))).toBe("03/Feb/2024:04:05:06 +0000");
  });
});

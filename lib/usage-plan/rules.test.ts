import { describe, expect, it } from "vitest";
import { parseMethodThrottleKey, usagePlanSchema } from "./rules";

const API = "3f1c2b7e-8d4a-4c1e-9f2a-1b2c3d4e5f60";
const issues = (input: unknown) => {
  const r = usagePlanSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("usage plan rules", () => {
  it("accepts AWS's shapes: throttle, quota with the offset its period allows, stages with method throttles", () => {
    const plan = usagePlanSchema.parse({
      name: " Gold ",
      throttle: { rateLimit: 10.5, burstLimit: 20 },
      quota: { limit: 5000, period: "MONTH", offset: 27 },
      apiStages: [
        {
          apiId: API,
          stage: "prod",
          throttle: { "/pets/GET": { rateLimit: 1, burstLimit: 1 }, "//GET": { rateLimit: 2, burstLimit: 2 }, "/*/*": { rateLimit: 3, burstLimit: 3 } },
        },
      ],
    });
    expect(plan.name).toBe("Gold");
    expect(plan.quota).toEqual({ limit: 5000, period: "MONTH", offset: 27 });
    expect(usagePlanSchema.parse({ name: "x", quota: { limit: 1, period: "WEEK" } }).quota?.offset).toBe(0);
    expect(usagePlanSchema.parse({ name: "x", quota: { limit: 1, period: "WEEK", offset: 6 } }).quota?.offset).toBe(6);
    expect(usagePlanSchema.parse({ name: "x" })).toMatchObject({ throttle: null, quota: null, apiStages: [] });
  });

  it("refuses each period's offset beyond its range", () => {
    expect(issues({ name: "x", quota: { limit: 1, period: "DAY", offset: 1 } })).toEqual(["quota.offset: A DAY quota's offset is 0"]);
    expect(issues({ name: "x", quota: { limit: 1, period: "WEEK", offset: 7 } })).toEqual(["quota.offset: A WEEK quota's offset is 0 to 6"]);
    expect(issues({ name: "x", quota: { limit: 1, period: "MONTH", offset: 28 } })).toEqual(["quota.offset: A MONTH quota's offset is 0 to 27"]);
  });

  it("names every bad field at once", () => {
    expect(
      issues({
        name: "",
        throttle: { rateLimit: -1, burstLimit: 1.5 },
        quota: { limit: -5, period: "YEAR", offset: -1 },
        apiStages: [
          { apiId: "nope", stage: "", throttle: { pets: { rateLimit: 1, burstLimit: 1 }, "/pets/FETCH": { rateLimit: 1, burstLimit: 1 } } },
          { apiId: API, stage: "prod" },
          { apiId: API, stage: "prod" },
        ],
      }),
    ).toEqual([
      "name: Name is required",
      "throttle.rateLimit: The rate cannot be negative",
      "throttle.burstLimit: The burst is a whole number of requests",
      "quota.limit: The quota cannot be negative",
      "quota.period: The period is DAY, WEEK or MONTH",
      "quota.offset: The offset cannot be negative",
      "apiStages.0.apiId: Choose a REST API",
      "apiStages.0.stage: Choose a stage",
      "apiStages.0.throttle.pets: A method throttle is keyed /resource/path/HTTPMETHOD, such as /pets/GET",
      "apiStages.0.throttle./pets/FETCH: A method throttle is keyed /resource/path/HTTPMETHOD, such as /pets/GET",
      "apiStages.2.stage: Stage prod is listed twice",
    ]);
  });

  it("reads method throttle keys as AWS writes them", () => {
    expect(parseMethodThrottleKey("/pets/{petId}/DELETE")).toEqual({ path: "/pets/{petId}", method: "DELETE" });
    expect(parseMethodThrottleKey("//GET")).toEqual({ path: "/", method: "GET" });
    expect(parseMethodThrottleKey("/*/*")).toEqual({ path: "/*", method: "*" });
    for (const bad of ["GET", "/GET", "/pets//GET", "/pets/get", "/my pets/GET", "pets/GET"]) expect(parseMethodThrottleKey(bad)).toBeNull();
  });
});

import { describe, expect, it } from "vitest";
import { normaliseMethodSettingKey, parseStageSettings, throttleFor } from "./settings";

describe("stage method settings", () => {
  it("reads every spelling of a method-setting key to one form", () => {
    expect(normaliseMethodSettingKey("*/*")).toBe("*/*");
    expect(normaliseMethodSettingKey("/pets/get")).toBe("pets/GET");
    expect(normaliseMethodSettingKey("~1pets~1{id}/GET")).toBe("pets/{id}/GET");
    // Root methods: AWS's `//GET` and the patch-path `~1/GET`.
    expect(normaliseMethodSettingKey("//GET")).toBe("/GET");
    expect(normaliseMethodSettingKey("~1/GET")).toBe("/GET");
  });

  it("finds a root method's own throttle, not only the stage default", () => {
    const settings = parseStageSettings({
      methodSettings: {
        "*/*": { throttlingRateLimit: 100, throttlingBurstLimit: 200 },
        "//GET": { throttlingRateLimit: 1, throttlingBurstLimit: 1 },
        "/pets/POST": { throttlingRateLimit: 5, throttlingBurstLimit: 10 },
      },
    });
    expect(throttleFor(settings, "/", "GET")).toEqual({ rateLimit: 1, burstLimit: 1 });
    expect(throttleFor(settings, "/pets", "POST")).toEqual({ rateLimit: 5, burstLimit: 10 });
    expect(throttleFor(settings, "/pets", "GET")).toEqual({ rateLimit: 100, burstLimit: 200 });
    expect(throttleFor(settings, "/", "POST")).toEqual({ rateLimit: 100, burstLimit: 200 });
  });
});

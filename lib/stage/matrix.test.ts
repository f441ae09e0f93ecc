import { describe, expect, it } from "vitest";
import { environmentMatrix } from "./matrix";
import { readStoredSettings } from "./settings";

const stage = (deploymentId: string, variables: Record<string, string>, settings: unknown = {}) => ({
  deploymentId,
  description: "",
  variables,
  protected: false,
  settings: readStoredSettings(settings),
});

describe("environment matrix", () => {
  it("puts stages in columns and flags missing and differing values", () => {
    const m = environmentMatrix([
      { name: "dev", state: stage("aaaaaaaa-1", { url: "https://dev", debug: "1" }, { methodSettings: { "*/*": { throttlingRateLimit: 10 } } }) },
      { name: "prod", state: stage("bbbbbbbb-2", { url: "https://prod" }, { canarySettings: { deploymentId: "cccccccc", percentTraffic: 5 } }) },
    ]);
    expect(m.columns).toEqual(["dev", "prod"]);
    const row = (k: string) => m.rows.find((r) => r.key === k)!;
    expect(row("deployment")).toMatchObject({ values: ["aaaaaaaa", "bbbbbbbb"], differs: true, missing: false });
    expect(row("variables.debug")).toMatchObject({ values: ["1", undefined], missing: true });
    expect(row("variables.url")).toMatchObject({ missing: false, differs: true });
    expect(row("settings.methodSettings.*/*.throttlingRateLimit")).toMatchObject({ values: ["10", undefined], missing: true });
    expect(row("settings.methodSettings.*/*.cacheTtlInSeconds")).toMatchObject({ values: ["300", undefined], missing: true });
    expect(row("settings.tracingEnabled")).toMatchObject({ values: ["false", "false"], missing: false, differs: false });
    expect(row("canary.percentTraffic")).toMatchObject({ values: [undefined, "5"], missing: false });
    expect(m.rows.map((r) => r.key).indexOf("variables.debug")).toBeLessThan(m.rows.map((r) => r.key).indexOf("settings.tracingEnabled"));
  });
});

import { describe, expect, it } from "vitest";
import { canaryPromoteOps, createStageCalls, methodSettingPath, stageUpdateOps, type AwsStageView } from "./stage-sync";

const base: AwsStageView = {
  deploymentId: "dep1",
  description: "",
  variables: { env: "prod", url: "https://a" },
  cacheClusterEnabled: false,
  tracingEnabled: false,
  methodSettings: {},
};

describe("stage patch operations", () => {
  it("escapes the resource path as one segment of the method-setting path", () => {
    expect(methodSettingPath("*/*")).toBe("/*/*");
    expect(methodSettingPath("/pets/{id}/GET")).toBe("/~1pets~1{id}/GET");
    expect(methodSettingPath("//GET")).toBe("/~1/GET");
  });

  it("sends only what changed, with AWS's paths", () => {
    const after: AwsStageView = {
      ...base,
      deploymentId: "dep2",
      description: "Production",
      variables: { env: "prod", url: "https://b", new_one: "x" },
      cacheClusterEnabled: true,
      cacheClusterSize: "1.6",
      tracingEnabled: true,
      accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:g", format: "$context.requestId" },
      webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/a/b",
      methodSettings: {
        "*/*": { loggingLevel: "INFO", metricsEnabled: true },
        "/pets/GET": { throttlingRateLimit: 5.5, throttlingBurstLimit: 2, cachingEnabled: true, cacheTtlInSeconds: 60 },
      },
    };
    expect(stageUpdateOps(base, after)).toEqual([
      { op: "replace", path: "/deploymentId", value: "dep2" },
      { op: "replace", path: "/description", value: "Production" },
      { op: "replace", path: "/variables/url", value: "https://b" },
      { op: "replace", path: "/variables/new_one", value: "x" },
      { op: "replace", path: "/cacheClusterEnabled", value: "true" },
      { op: "replace", path: "/cacheClusterSize", value: "1.6" },
      { op: "replace", path: "/tracingEnabled", value: "true" },
      { op: "replace", path: "/accessLogSettings/destinationArn", value: "arn:aws:logs:us-east-1:123456789012:log-group:g" },
      { op: "replace", path: "/accessLogSettings/format", value: "$context.requestId" },
      { op: "replace", path: "/*/*/metrics/enabled", value: "true" },
      { op: "replace", path: "/*/*/logging/loglevel", value: "INFO" },
      { op: "replace", path: "/~1pets/GET/throttling/rateLimit", value: "5.5" },
      { op: "replace", path: "/~1pets/GET/throttling/burstLimit", value: "2" },
      { op: "replace", path: "/~1pets/GET/caching/enabled", value: "true" },
      { op: "replace", path: "/~1pets/GET/caching/ttlInSeconds", value: "60" },
    ]);
    expect(stageUpdateOps(after, after)).toEqual([]);
    // The web ACL is WAFv2's to attach (updateAwsStage), never an UpdateStage path.
    expect(stageUpdateOps(after, { ...after, webAclArn: undefined }).map((o) => o.path)).not.toContain("/webAclArn");
    expect(stageUpdateOps(after, { ...base, methodSettings: { "*/*": { loggingLevel: "INFO", metricsEnabled: true } } })).toEqual(
      expect.arrayContaining([
        { op: "remove", path: "/variables/new_one" },
        { op: "remove", path: "/accessLogSettings" },
        { op: "remove", path: "/~1pets/GET" },
      ]),
    );
  });

  it("clears access logging only as a whole, never one of its fields", () => {
    const logs = { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:g", format: "$context.requestId" };
    expect(stageUpdateOps({ ...base, accessLogSettings: logs }, base)).toEqual([{ op: "remove", path: "/accessLogSettings" }]);
    expect(stageUpdateOps({ ...base, accessLogSettings: logs }, { ...base, accessLogSettings: { ...logs, format: "" } })).toEqual([
      { op: "remove", path: "/accessLogSettings" },
      { op: "replace", path: "/accessLogSettings/destinationArn", value: logs.destinationArn },
    ]);
    expect(stageUpdateOps({ ...base, accessLogSettings: logs }, { ...base, accessLogSettings: { ...logs, format: "$context.extendedRequestId" } })).toEqual([
      { op: "replace", path: "/accessLogSettings/format", value: "$context.extendedRequestId" },
    ]);
  });

  it("adds, adjusts and removes a canary", () => {
    const canary = { deploymentId: "dep9", percentTraffic: 10, stageVariableOverrides: { url: "https://c" }, useStageCache: false };
    expect(stageUpdateOps(base, { ...base, canarySettings: canary })).toEqual([
      { op: "replace", path: "/canarySettings/deploymentId", value: "dep9" },
      { op: "replace", path: "/canarySettings/percentTraffic", value: "10" },
      { op: "replace", path: "/canarySettings/useStageCache", value: "false" },
      { op: "replace", path: "/canarySettings/stageVariableOverrides/url", value: "https://c" },
    ]);
    expect(stageUpdateOps({ ...base, canarySettings: canary }, { ...base, canarySettings: { ...canary, percentTraffic: 50 } })).toEqual([
      { op: "replace", path: "/canarySettings/percentTraffic", value: "50" },
    ]);
    expect(stageUpdateOps({ ...base, canarySettings: canary }, base)).toEqual([{ op: "remove", path: "/canarySettings" }]);
  });

  it("promotes a canary with AWS's three operations, keeping variables the canary doesn't override", () => {
    const canary = { deploymentId: "dep9", percentTraffic: 10, stageVariableOverrides: { url: "https://c" }, useStageCache: false };
    expect(canaryPromoteOps(base.variables, canary, true)).toEqual([
      { op: "replace", path: "/canarySettings/percentTraffic", value: "0.0" },
      { op: "copy", from: "/canarySettings/stageVariableOverrides", path: "/variables" },
      { op: "copy", from: "/canarySettings/deploymentId", path: "/deploymentId" },
      { op: "replace", path: "/variables/env", value: "prod" },
      { op: "remove", path: "/canarySettings" },
    ]);
  });

  it("creates a stage with what CreateStage takes, the rest as an UpdateStage", () => {
    const view: AwsStageView = { ...base, tracingEnabled: true, methodSettings: { "*/*": { metricsEnabled: true } }, clientCertificateId: "abc123" };
    const { create, afterCreate } = createStageCalls("api1", "qa", view);
    expect(create).toMatchObject({ restApiId: "api1", stageName: "qa", deploymentId: "dep1", variables: base.variables, tracingEnabled: true });
    expect(afterCreate).toEqual([
      { op: "replace", path: "/clientCertificateId", value: "abc123" },
      { op: "replace", path: "/*/*/metrics/enabled", value: "true" },
    ]);
  });
});

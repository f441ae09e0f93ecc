/**
 * Method-setting keys as AWS stores them. GetStage returns `methodSettings` keyed with the
 * resource path escaped as one segment (`~1pets~1{id}/GET`, the root `~1/GET`, all methods
 * `*\/*`) — the form UpdateStage's patch paths use (`/~1pets~1{id}/GET/throttling/rateLimit`).
 * Import, drift and the next UpdateStage must agree on that, or an imported stage shows every
 * method setting as drifted and an edit sends a path escaped twice (`/~01pets…`).
 */
import type { Stage } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { diffStageDrift, gatehouseStageView, liveStageView } from "./stage-drift";
import { stageFromAws } from "./import";
import { methodSettingKeyFromAws, methodSettingPath, stageUpdateOps } from "./stage-sync";

/** A GetStage answer in AWS's shape (keys and value types as AWS returns them). */
const getStage: Stage = {
  stageName: "prod",
  deploymentId: "dep123",
  description: "",
  cacheClusterEnabled: false,
  cacheClusterStatus: "NOT_AVAILABLE",
  tracingEnabled: false,
  methodSettings: {
    "*/*": {
      metricsEnabled: true,
      loggingLevel: "INFO",
      dataTraceEnabled: false,
      throttlingBurstLimit: 100,
      throttlingRateLimit: 50,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    },
    "~1pets~1{id}/GET": {
      metricsEnabled: false,
      loggingLevel: "OFF",
      dataTraceEnabled: false,
      throttlingBurstLimit: 5,
      throttlingRateLimit: 10,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    },
    "~1/GET": {
      metricsEnabled: false,
      loggingLevel: "OFF",
      dataTraceEnabled: false,
      throttlingBurstLimit: 1,
      throttlingRateLimit: 1,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: "SUCCEED_WITH_RESPONSE_HEADER",
    },
  },
  clientCertificateId: "abc123",
  webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/guard/0b3f1c2d-aaaa-bbbb-cccc-1234567890ab",
};

describe("method-setting keys", () => {
  it("reads AWS's keys as Gatehouse keys and writes them back as AWS's patch paths", () => {
    expect(methodSettingKeyFromAws("~1pets~1{id}/GET")).toBe("/pets/{id}/GET");
    expect(methodSettingKeyFromAws("~1/GET")).toBe("//GET");
    expect(methodSettingKeyFromAws("*/*")).toBe("*/*");
    expect(methodSettingKeyFromAws("/pets/GET")).toBe("/pets/GET");
    for (const key of ["~1pets~1{id}/GET", "~1/GET", "~1a~0b/POST"]) expect(methodSettingPath(methodSettingKeyFromAws(key))).toBe(`/${key}`);
  });

  it("an imported stage has no drift and sends nothing until something changes", () => {
    const imported = stageFromAws(getStage);
    expect(Object.keys(imported.settings.methodSettings as object).sort()).toEqual(["*/*", "//GET", "/pets/{id}/GET"]);
    const gatehouse = gatehouseStageView(
      { description: imported.description, variables: imported.variables, settings: imported.settings },
      () => undefined,
      "dep123",
    );
    const live = liveStageView(getStage);
    expect(diffStageDrift(gatehouse, live)).toEqual([]);
    expect(stageUpdateOps(live, gatehouse)).toEqual([]);
  });

  it("editing one imported rate limit sends one patch with AWS's escaping, not escaped twice", () => {
    const imported = stageFromAws(getStage);
    const settings = structuredClone(imported.settings) as { methodSettings: Record<string, { throttlingRateLimit: number }> };
    settings.methodSettings["/pets/{id}/GET"].throttlingRateLimit = 20;
    const after = gatehouseStageView({ description: "", variables: {}, settings }, () => undefined, "dep123");
    expect(stageUpdateOps(liveStageView(getStage), after)).toEqual([{ op: "replace", path: "/~1pets~1{id}/GET/throttling/rateLimit", value: "20" }]);
  });

  it("keeps the client certificate and web ACL of an imported stage, so neither shows as drift", () => {
    const imported = stageFromAws(getStage);
    expect(imported.settings).toMatchObject({ clientCertificateId: "abc123", webAclArn: getStage.webAclArn });
    expect(imported.settings).not.toHaveProperty("cacheClusterStatus");
  });
});

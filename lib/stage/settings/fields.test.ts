/**
 * The settings table drives its four users: every row's value goes to AWS by its patch path (sent
 * by the sync, applied by the fake API Gateway as AWS applies it), reads back with no drift, adopts
 * back into the same stored value, and the local gateway reads the rows it uses, defaults included.
 */
import type { Stage } from "@aws-sdk/client-api-gateway";
import { describe, expect, it } from "vitest";
import { applyStagePatch } from "../../../test/fakes/fake-apigateway/stage-patch";
import type { FakeRestApi, Json, PatchOperation } from "../../../test/fakes/fake-apigateway/state";
import { diffStageDrift, gatehouseStageView, liveStageView, stageSettingsInputFromLive } from "../../aws/stage-drift";
import { methodSettingPath, stageUpdateOps } from "../../aws/stage-sync";
import { parseStageSettings, throttleFor } from "../../gateway/settings";
import { applySettingsInput, parseStageSettingsInput, readStoredSettings, stageSettingsInputSchema } from "../settings";
import { METHOD_SETTING_FIELDS, type MethodFieldName, STAGE_SETTINGS, type StageSettingName } from "./fields";

/** A value other than the default for every row: a new row needs one here (the first test says so). */
const SAMPLES: Record<StageSettingName, unknown> = {
  cacheClusterEnabled: true,
  cacheClusterSize: "1.6",
  tracingEnabled: true,
  accessLogSettings: { destinationArn: "arn:aws:logs:us-east-1:123456789012:log-group:api-logs", format: "$context.requestId" },
  clientCertificateId: "abc123",
  webAclArn: "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/guard/0b3f1c2d-aaaa-bbbb-cccc-1234567890ab",
  methodSettings: { "/pets/GET": { metricsEnabled: true } },
  canarySettings: { deploymentId: "dep9", percentTraffic: 10, stageVariableOverrides: { color: "blue" }, useStageCache: true },
  apiKeys: ["key-1"],
};
const METHOD_SAMPLES: Record<MethodFieldName, unknown> = {
  metricsEnabled: true,
  loggingLevel: "INFO",
  dataTraceEnabled: true,
  throttlingRateLimit: 7.5,
  throttlingBurstLimit: 3,
  cachingEnabled: true,
  cacheTtlInSeconds: 60,
  cacheDataEncrypted: true,
};

const fakeApi = {
  deployments: new Map([
    ["dep1", {}],
    ["dep9", {}],
  ]),
} as unknown as FakeRestApi;
const bareAwsStage = (): Json => ({ stageName: "prod", deploymentId: "dep1", cacheClusterEnabled: false, tracingEnabled: false, methodSettings: {} });

/** Stored settings holding one row's sample (and the flag it needs, if any). */
function storedWith(name: StageSettingName): Record<string, unknown> {
  const row = STAGE_SETTINGS[name] as { requires?: string };
  return { ...(row.requires ? { [row.requires]: true } : {}), [name]: SAMPLES[name] };
}

/** Sends `settings` to a bare AWS stage as the sync would, and returns the operations and the stage AWS then holds. */
function pushToFake(settings: Record<string, unknown>) {
  const want = gatehouseStageView({ description: "", variables: {}, settings }, (id) => id, "dep1");
  const stage = bareAwsStage();
  const ops = stageUpdateOps(liveStageView(stage as Stage), want);
  applyStagePatch(fakeApi, stage, ops as PatchOperation[]);
  return { want, ops, live: liveStageView(stage as Stage) };
}

describe("the stage settings table", () => {
  it("has a sample for every row, and every row the settings form edits has a control and an input field", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(STAGE_SETTINGS).sort());
    expect(Object.keys(METHOD_SAMPLES).sort()).toEqual(Object.keys(METHOD_SETTING_FIELDS).sort());
    for (const [name, row] of Object.entries(STAGE_SETTINGS)) {
      if (row.editedBy !== "settings") continue;
      expect(row.form, name).toBeDefined();
      expect(Object.keys(stageSettingsInputSchema.shape), name).toContain(name);
    }
    for (const [name, row] of Object.entries(METHOD_SETTING_FIELDS)) expect(row.form, name).toBeDefined();
  });

  it("sends each stage row by its patch path, reads it back with no drift, and adopts it back as stored", () => {
    for (const [name, row] of Object.entries(STAGE_SETTINGS) as [StageSettingName, (typeof STAGE_SETTINGS)[StageSettingName]][]) {
      if (!row.aws || row.aws.path === null || name === "methodSettings") continue;
      const { want, ops, live } = pushToFake(storedWith(name));
      expect(
        ops.some((o) => o.path.startsWith(row.aws!.path!)),
        name,
      ).toBe(true);
      expect(diffStageDrift(want, live), name).toEqual([]);
      if (row.editedBy !== "settings") continue;
      const adopted = applySettingsInput(readStoredSettings({}), parseStageSettingsInput(stageSettingsInputFromLive(live, { protected: false })));
      expect((adopted as Record<string, unknown>)[name], name).toEqual(SAMPLES[name]);
    }
  });

  it("sends each method field by its patch path below the method's key, and reads it back with no drift", () => {
    for (const [field, row] of Object.entries(METHOD_SETTING_FIELDS) as [MethodFieldName, { awsPath: string }][]) {
      const { want, ops, live } = pushToFake({ methodSettings: { "/pets/{id}/GET": { [field]: METHOD_SAMPLES[field] } } });
      expect(ops).toContainEqual({ op: "replace", path: `${methodSettingPath("/pets/{id}/GET")}/${row.awsPath}`, value: String(METHOD_SAMPLES[field]) });
      expect(diffStageDrift(want, live), field).toEqual([]);
      expect(live.methodSettings["/pets/{id}/GET"][field], field).toEqual(METHOD_SAMPLES[field]);
    }
  });

  it("leaves a setting AWS can't patch (the web ACL) out of UpdateStage, and still compares it for drift", () => {
    const { ops, want } = pushToFake(storedWith("webAclArn"));
    expect(ops).toEqual([]);
    expect(diffStageDrift(want, liveStageView(bareAwsStage() as Stage)).map((c) => c.path)).toEqual(["webAclArn"]);
  });

  it("reads every row's default from empty settings, and the gateway serves with them", () => {
    const stored = readStoredSettings({}) as Record<string, unknown>;
    for (const [name, row] of Object.entries(STAGE_SETTINGS) as [string, { default?: unknown; requires?: string }][])
      expect(stored[name], name).toEqual(row.requires ? undefined : row.default);
    const method = readStoredSettings({ methodSettings: { "*/*": {} } }).methodSettings["*/*"] as Record<string, unknown>;
    for (const [name, row] of Object.entries(METHOD_SETTING_FIELDS) as [string, { default?: unknown }][]) expect(method[name], name).toEqual(row.default);
    const gateway = parseStageSettings({ methodSettings: { "*/*": {} } });
    expect(gateway).toEqual({ methodSettings: { "*/*": { throttling: undefined } }, canarySettings: null, apiKeys: [] });
  });

  it("the gateway throttles by the method fields the table marks for it, in today's and the older stored shape", () => {
    const marked = Object.entries(METHOD_SETTING_FIELDS).filter(([, f]) => "gateway" in f && f.gateway) as [MethodFieldName, { gateway: string }][];
    expect(marked.map(([name]) => name)).toEqual(["throttlingRateLimit", "throttlingBurstLimit"]);
    const flat = parseStageSettings({ methodSettings: { "/pets/GET": { throttlingRateLimit: 7.5, throttlingBurstLimit: 3 } } });
    const older = parseStageSettings({ methodSettings: { "pets/GET": { throttling: { rateLimit: "7.5", burstLimit: 3 } } } });
    for (const settings of [flat, older]) expect(throttleFor(settings, "/pets", "GET")).toEqual({ rateLimit: 7.5, burstLimit: 3 });
    const canary = parseStageSettings({ canarySettings: SAMPLES.canarySettings, apiKeys: SAMPLES.apiKeys });
    expect(canary.canarySettings).toEqual({ deploymentId: "dep9", percentTraffic: 10, stageVariableOverrides: { color: "blue" } });
    expect(canary.apiKeys).toEqual(["key-1"]);
  });
});

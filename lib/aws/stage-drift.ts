/**
 * Stage drift: a stage's settings on AWS (GetStage) against what Gatehouse's stage holds.
 */
import type { Stage as AwsStage } from "@aws-sdk/client-api-gateway";
import { compareObjects, type FieldChange } from "../snapshot/diff-fields";
import { methodSettingSchema, readStoredSettings } from "../stage/settings";
import { type AwsMethodSetting, type AwsStageView, METHOD_SETTING_PATHS, methodSettingKeyFromAws } from "./stage-sync";

/** One stage setting that differs: `field` is dotted (`variables.backend`, `methodSettings.*\/*.loggingLevel`). */
export type StageDriftChange = FieldChange;

/**
 * What AWS stores for a method-setting field nobody set: a new key holds every field, throttling
 * at the account defaults (AWS CLI reference, update-stage examples: burstLimit 5000, rateLimit
 * 10000). Without these, every override Gatehouse writes would show as drifted once read back.
 */
const AWS_METHOD_SETTING_DEFAULTS: Partial<AwsMethodSetting> = { throttlingBurstLimit: 5000, throttlingRateLimit: 10000 };

/** A method setting with AWS's defaults filled in and fields Gatehouse doesn't manage dropped, so only real differences show. */
function normalMethodSetting(v: unknown): AwsMethodSetting {
  // Values are kept as AWS holds them (not validated here: an adopt validates them and names what it refuses).
  const out: Record<string, unknown> = { ...methodSettingSchema.parse({}), ...AWS_METHOD_SETTING_DEFAULTS };
  const raw = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
  for (const k of Object.keys(METHOD_SETTING_PATHS)) if (raw[k] !== undefined && raw[k] !== null) out[k] = raw[k];
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out as AwsMethodSetting;
}

/**
 * GetStage's answer as an AwsStageView. AWS writes method-setting keys with the resource path
 * escaped (`~1pets/GET`); they are read back as Gatehouse keys (`/pets/GET`).
 */
export function liveStageView(stage: AwsStage): AwsStageView {
  const methodSettings: Record<string, AwsMethodSetting> = {};
  for (const [key, v] of Object.entries(stage.methodSettings ?? {})) methodSettings[methodSettingKeyFromAws(key)] = normalMethodSetting(v);
  const c = stage.canarySettings;
  return {
    deploymentId: stage.deploymentId ?? "",
    description: stage.description ?? "",
    variables: { ...(stage.variables ?? {}) },
    cacheClusterEnabled: stage.cacheClusterEnabled ?? false,
    cacheClusterSize: stage.cacheClusterEnabled ? stage.cacheClusterSize : undefined,
    tracingEnabled: stage.tracingEnabled ?? false,
    accessLogSettings: stage.accessLogSettings?.destinationArn
      ? { destinationArn: stage.accessLogSettings.destinationArn, format: stage.accessLogSettings.format ?? "" }
      : undefined,
    clientCertificateId: stage.clientCertificateId || undefined,
    webAclArn: stage.webAclArn || undefined,
    methodSettings,
    canarySettings: c
      ? {
          deploymentId: c.deploymentId ?? "",
          percentTraffic: c.percentTraffic ?? 0,
          stageVariableOverrides: { ...(c.stageVariableOverrides ?? {}) },
          useStageCache: c.useStageCache ?? false,
        }
      : undefined,
  };
}

/** What Gatehouse's stage row holds, as AWS would show it; `awsDeploymentOf` maps Gatehouse deployment ids to AWS's. */
export function gatehouseStageView(
  stage: { description: string; variables: unknown; settings: unknown },
  awsDeploymentOf: (gatehouseDeploymentId: string) => string | undefined,
  deploymentId: string,
): AwsStageView {
  const s = readStoredSettings(stage.settings);
  const methodSettings: Record<string, AwsMethodSetting> = {};
  for (const [k, v] of Object.entries(s.methodSettings)) methodSettings[k] = normalMethodSetting(v);
  const variables = (stage.variables && typeof stage.variables === "object" ? stage.variables : {}) as Record<string, string>;
  return {
    deploymentId,
    description: stage.description,
    variables: { ...variables },
    cacheClusterEnabled: s.cacheClusterEnabled,
    cacheClusterSize: s.cacheClusterEnabled ? s.cacheClusterSize : undefined,
    tracingEnabled: s.tracingEnabled,
    accessLogSettings: s.accessLogSettings,
    clientCertificateId: s.clientCertificateId,
    webAclArn: s.webAclArn,
    methodSettings,
    canarySettings: s.canarySettings
      ? { ...s.canarySettings, deploymentId: awsDeploymentOf(s.canarySettings.deploymentId) ?? `(not on AWS: ${s.canarySettings.deploymentId})` }
      : undefined,
  };
}

/**
 * Stage settings that differ, from Gatehouse's stage (`before`) to AWS's (`after`). The deployment
 * the stage runs is left out: pushing is how that changes, and the push plan shows it.
 */
export function diffStageDrift(gatehouse: AwsStageView, live: AwsStageView): StageDriftChange[] {
  const strip = ({ deploymentId: _d, ...rest }: AwsStageView) => rest;
  return compareObjects(strip(gatehouse), strip(live));
}

/** Gatehouse's stage-settings input (lib/stage/settings.ts shape) holding the live values, for `updateStageSettings`. */
export function stageSettingsInputFromLive(live: AwsStageView, keep: { protected: boolean }): Record<string, unknown> {
  return {
    description: live.description,
    variables: live.variables,
    protected: keep.protected,
    cacheClusterEnabled: live.cacheClusterEnabled,
    cacheClusterSize: live.cacheClusterEnabled ? live.cacheClusterSize : undefined,
    tracingEnabled: live.tracingEnabled,
    accessLogSettings: live.accessLogSettings ?? null,
    clientCertificateId: live.clientCertificateId ?? null,
    webAclArn: live.webAclArn ?? null,
    methodSettings: live.methodSettings,
  };
}

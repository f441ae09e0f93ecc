/**
 * Stage drift: a stage's settings on AWS (GetStage) against what Gatehouse's stage holds.
 */
import type { Stage as AwsStage } from "@aws-sdk/client-api-gateway";
import { compareObjects, type FieldChange } from "../snapshot/diff-fields";
import { readStoredSettings } from "../stage/settings";
import { methodFieldEntries } from "../stage/settings/fields";
import { type AwsMethodSetting, type AwsStageView, awsSettingRows, awsSettingsView, methodSettingKeyFromAws, switchedOff } from "./stage-sync";

/** One stage setting that differs: `field` is dotted (`variables.backend`, `methodSettings.*\/*.loggingLevel`). */
export type StageDriftChange = FieldChange;

/**
 * A method setting as AWS reports it, so only real differences show: a key AWS holds has every
 * field, an unset one at AWS's default (the row's `awsDefault`, e.g. throttling at the account
 * limits) or else Gatehouse's default; fields Gatehouse doesn't manage are dropped.
 */
function normalMethodSetting(v: unknown): AwsMethodSetting {
  // Values are kept as AWS holds them (not validated here: an adopt validates them and names what it refuses).
  const raw = (v && typeof v === "object" ? v : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, field] of methodFieldEntries()) {
    const value = raw[name] ?? field.awsDefault ?? field.default;
    if (value !== undefined) out[name] = value;
  }
  return out as AwsMethodSetting;
}

const normalMethodSettings = (settings: Record<string, unknown>, key: (k: string) => string = (k) => k) =>
  Object.fromEntries(Object.entries(settings).map(([k, v]) => [key(k), normalMethodSetting(v)]));

/** GetStage's value of a plain setting: as AWS holds it, a missing or empty one read as the row's default. */
const liveValue = (raw: unknown, fallback: unknown) => (raw === undefined || raw === null || raw === "" ? fallback : raw);

/**
 * GetStage's answer as an AwsStageView, row by row. AWS writes method-setting keys with the
 * resource path escaped (`~1pets/GET`); they are read back as Gatehouse keys (`/pets/GET`).
 */
export function liveStageView(stage: AwsStage): AwsStageView {
  const raw = stage as Record<string, unknown>;
  const view: Record<string, unknown> = {
    deploymentId: stage.deploymentId ?? "",
    description: stage.description ?? "",
    variables: { ...(stage.variables ?? {}) },
  };
  for (const [name, row] of awsSettingRows()) {
    if (switchedOff(row, view)) view[name] = undefined;
    else if (row.aws.patch === "methodSettings") view[name] = normalMethodSettings(stage.methodSettings ?? {}, methodSettingKeyFromAws);
    else view[name] = row.aws.live ? row.aws.live(raw[name]) : liveValue(raw[name], row.requires ? undefined : row.default);
  }
  return view as AwsStageView;
}

/** What Gatehouse's stage row holds, as AWS would show it; `awsDeploymentOf` maps Gatehouse deployment ids to AWS's. */
export function gatehouseStageView(
  stage: { description: string; variables: unknown; settings: unknown },
  awsDeploymentOf: (gatehouseDeploymentId: string) => string | undefined,
  deploymentId: string,
): AwsStageView {
  const settings = awsSettingsView(readStoredSettings(stage.settings), (id) => awsDeploymentOf(id) ?? `(not on AWS: ${id})`);
  const variables = (stage.variables && typeof stage.variables === "object" ? stage.variables : {}) as Record<string, string>;
  return {
    deploymentId,
    description: stage.description,
    variables: { ...variables },
    ...settings,
    methodSettings: normalMethodSettings(settings.methodSettings),
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

/**
 * Gatehouse's stage-settings input (lib/stage/settings.ts) holding the live values, for
 * `updateStageSettings`: every setting the settings form edits that lives on AWS (an unset one as
 * null, so it is cleared). The canary is not among them: it changes through its own actions.
 */
export function stageSettingsInputFromLive(live: AwsStageView, keep: { protected: boolean }): Record<string, unknown> {
  const input: Record<string, unknown> = { description: live.description, variables: live.variables, protected: keep.protected };
  const values = live as unknown as Record<string, unknown>;
  for (const [name, row] of awsSettingRows()) if (row.editedBy === "settings") input[name] = values[name] ?? null;
  return input;
}

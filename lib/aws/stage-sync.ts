/**
 * Stage actions on AWS: the difference between a stage before and after an action, as the
 * UpdateStage patch operations AWS documents (variables `/variables/NAME`, method settings
 * `/{resourcePath~1escaped}/{VERB}/{area}/{setting}` or `/*\/*\/…`, canary `/canarySettings/…`,
 * `/deploymentId`), canary promotion as AWS's three operations, and CreateStage for a stage that
 * AWS doesn't have yet. Deployment ids here are AWS's (the caller maps Gatehouse's to the ones its
 * pushes created). Every call goes through the limiter (callApiGateway).
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { StoredStageSettings } from "../stage/settings";
import {
  type AwsPatchKind,
  type CanaryValue,
  type MethodFieldName,
  type MethodSetting,
  methodFieldEntries,
  type SettingRow,
  type StageSettingName,
  type StageSettingValues,
  settingEntries,
} from "../stage/settings/fields";
import { type AwsConnection, callApiGateway } from "./client";
import { escapeKey, type PatchOp } from "./diff";
import { setStageWebAcl, type WebAclCall } from "./waf";

/** One method setting in AWS's MethodSetting field names (any of them may be unset). */
export type AwsMethodSetting = { [K in MethodFieldName]?: MethodSetting[K] };

export type AwsCanary = CanaryValue;

/**
 * A stage as AWS sees it, with AWS deployment ids: its own fields, and the settings that live on
 * AWS (the rows of lib/stage/settings/fields.ts with an `aws` side).
 */
export type AwsStageView = { deploymentId: string; description: string; variables: Record<string, string> } & Omit<
  StageSettingValues,
  "methodSettings" | "canarySettings"
> & { methodSettings: Record<string, AwsMethodSetting>; canarySettings?: AwsCanary };

type AwsRow = SettingRow<unknown> & { aws: NonNullable<SettingRow<unknown>["aws"]> };

/** The settings rows that live on AWS, in the table's order (the order their operations are sent in). */
export const awsSettingRows = () => settingEntries().filter((e): e is [StageSettingName, AwsRow] => !!e[1].aws);

/** A row that exists only with a flag, while that flag is off in `values`. */
export const switchedOff = (row: SettingRow<unknown>, values: object) => !!row.requires && (values as Record<string, unknown>)[row.requires] !== true;

/**
 * Gatehouse's stored settings as AWS would hold them: the rows that live on AWS (a row whose flag
 * is off left out), the canary's deployment given as AWS's (`awsDeploymentOf` names an unpushed one).
 */
export function awsSettingsView(settings: StoredStageSettings, awsDeploymentOf: (gatehouseDeploymentId: string) => string) {
  const out: Record<string, unknown> = {};
  for (const [name, row] of awsSettingRows()) out[name] = switchedOff(row, settings) ? undefined : settings[name];
  const canary = settings.canarySettings;
  if (canary) out.canarySettings = { ...canary, deploymentId: awsDeploymentOf(canary.deploymentId) };
  return out as Omit<AwsStageView, "deploymentId" | "description" | "variables">;
}

/** `*\/*` → `/*\/*`; `/pets/{id}/GET` → `/~1pets~1{id}/GET` (the resource path escaped as one segment). */
export function methodSettingPath(key: string): string {
  if (key === "*/*") return "/*/*";
  const slash = key.lastIndexOf("/");
  return `/${escapeKey(key.slice(0, slash))}/${key.slice(slash + 1)}`;
}

const unescapeSegment = (s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~");

/**
 * A `methodSettings` key as GetStage returns it → Gatehouse's key. AWS stores the resource path
 * escaped as one segment (`~1pets~1{id}/GET`, the root as `~1/GET`, all methods as `*\/*`);
 * Gatehouse keys are `/pets/{id}/GET`. A key already in Gatehouse's form is returned as is.
 */
export function methodSettingKeyFromAws(key: string): string {
  if (key === "*/*") return key;
  const slash = key.lastIndexOf("/");
  const path = unescapeSegment(key.slice(0, slash));
  return `${path.startsWith("/") ? path : `/${path}`}/${key.slice(slash + 1)}`;
}

const str = (v: unknown) => String(v);

function mapDiff(prefix: string, before: Record<string, string>, after: Record<string, string>): PatchOp[] {
  const ops: PatchOp[] = [];
  for (const [k, v] of Object.entries(after)) if (before[k] !== v) ops.push({ op: "replace", path: `${prefix}/${escapeKey(k)}`, value: v });
  for (const k of Object.keys(before)) if (!(k in after)) ops.push({ op: "remove", path: `${prefix}/${escapeKey(k)}` });
  return ops;
}

function scalar(path: string, before: unknown, after: unknown): PatchOp[] {
  if (before === after) return [];
  if (after === undefined || after === null || after === "") return before === undefined ? [] : [{ op: "remove", path }];
  return [{ op: "replace", path, value: str(after) }];
}

function methodSettingOps(before: Record<string, AwsMethodSetting>, after: Record<string, AwsMethodSetting>): PatchOp[] {
  const ops: PatchOp[] = [];
  for (const key of Object.keys(before)) if (!(key in after)) ops.push({ op: "remove", path: methodSettingPath(key) });
  for (const [key, want] of Object.entries(after)) {
    const had = before[key] ?? {};
    for (const [field, { awsPath }] of methodFieldEntries()) {
      const path = `${methodSettingPath(key)}/${awsPath}`;
      if (want[field] === undefined) {
        if (had[field] !== undefined) ops.push({ op: "remove", path });
      } else if (had[field] !== want[field] || !(key in before)) ops.push({ op: "replace", path, value: str(want[field]) });
    }
  }
  return ops;
}

function canaryOps(before: AwsCanary | undefined, after: AwsCanary | undefined): PatchOp[] {
  if (!after) return before ? [{ op: "remove", path: "/canarySettings" }] : [];
  const b: Partial<AwsCanary> = before ?? {};
  const ops: PatchOp[] = [];
  if (b.deploymentId !== after.deploymentId) ops.push({ op: "replace", path: "/canarySettings/deploymentId", value: after.deploymentId });
  if (b.percentTraffic !== after.percentTraffic) ops.push({ op: "replace", path: "/canarySettings/percentTraffic", value: str(after.percentTraffic) });
  if (b.useStageCache !== after.useStageCache) ops.push({ op: "replace", path: "/canarySettings/useStageCache", value: str(after.useStageCache) });
  ops.push(...mapDiff("/canarySettings/stageVariableOverrides", b.stageVariableOverrides ?? {}, after.stageVariableOverrides));
  return ops;
}

type Fields = Record<string, string> | undefined;

/**
 * An object AWS clears only as a whole (`remove /accessLogSettings`); a remove of one of its
 * fields is refused (read as a method-setting path). So a field that goes away clears the object,
 * and what stays is set again.
 */
function clearedWholeOps(prefix: string, before: Fields, after: Fields): PatchOp[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  if (!after || !fields.some((f) => after[f])) return before ? [{ op: "remove", path: prefix }] : [];
  const losesOne = !!before && fields.some((f) => before[f] && !after[f]);
  const from = losesOne ? undefined : before;
  return [
    ...(losesOne ? [{ op: "remove" as const, path: prefix }] : []),
    ...fields.flatMap((f) => (after[f] && after[f] !== from?.[f] ? [{ op: "replace" as const, path: `${prefix}/${f}`, value: after[f] }] : [])),
  ];
}

/** How each kind of setting becomes patch operations (a row's `aws.patch`, lib/stage/settings/fields.ts). */
const PATCHERS: Record<AwsPatchKind, (path: string, before: never, after: never) => PatchOp[]> = {
  value: scalar,
  clearedWhole: clearedWholeOps,
  methodSettings: (_path, before: Record<string, AwsMethodSetting> | undefined, after: Record<string, AwsMethodSetting> | undefined) =>
    methodSettingOps(before ?? {}, after ?? {}),
  canary: (_path, before: AwsCanary | undefined, after: AwsCanary | undefined) => canaryOps(before, after),
};

/** The operations for every setting UpdateStage can set, row by row. */
function settingOps(before: AwsStageView, after: AwsStageView): PatchOp[] {
  const had = before as unknown as Record<string, never>;
  const want = after as unknown as Record<string, never>;
  return awsSettingRows().flatMap(([name, row]) => {
    // No path: not an UpdateStage path (the web ACL goes through WAFv2, see waf.ts). A row whose flag is off sends nothing.
    if (row.aws.path === null || switchedOff(row, after)) return [];
    return PATCHERS[row.aws.patch ?? "value"](row.aws.path, had[name], want[name]);
  });
}

/** UpdateStage patch operations taking AWS's stage from `before` to `after` (only what changed; the web ACL goes through `updateAwsStage`). */
export function stageUpdateOps(before: AwsStageView, after: AwsStageView): PatchOp[] {
  const ops: PatchOp[] = [];
  ops.push(...scalar("/deploymentId", before.deploymentId, after.deploymentId));
  ops.push(...scalar("/description", before.description, after.description));
  ops.push(...mapDiff("/variables", before.variables, after.variables));
  ops.push(...settingOps(before, after));
  return ops;
}

/**
 * Canary promotion as AWS documents it: traffic to 0, the overrides copied onto the variables, the
 * canary's deployment copied onto the stage. Variables the canary does not override are restated
 * after the copy so the stage ends with base ∪ overrides whether AWS merges or replaces on copy;
 * `removeCanary` then drops the canary settings.
 */
export function canaryPromoteOps(baseVariables: Record<string, string>, canary: AwsCanary, removeCanary: boolean): PatchOp[] {
  const ops: PatchOp[] = [
    { op: "replace", path: "/canarySettings/percentTraffic", value: "0.0" },
    { op: "copy", from: "/canarySettings/stageVariableOverrides", path: "/variables" },
    { op: "copy", from: "/canarySettings/deploymentId", path: "/deploymentId" },
  ];
  for (const [k, v] of Object.entries(baseVariables))
    if (!(k in canary.stageVariableOverrides)) ops.push({ op: "replace", path: `/variables/${escapeKey(k)}`, value: v });
  if (removeCanary) ops.push({ op: "remove", path: "/canarySettings" });
  return ops;
}

/** CreateStage input for a stage AWS doesn't have; what CreateStage can't set follows as UpdateStage operations. */
export function createStageCalls(restApiId: string, stageName: string, view: AwsStageView): { create: Record<string, unknown>; afterCreate: PatchOp[] } {
  const create: Record<string, unknown> = {
    restApiId,
    stageName,
    deploymentId: view.deploymentId,
    description: view.description || undefined,
    variables: Object.keys(view.variables).length ? view.variables : undefined,
  };
  // What CreateStage can't take starts out unset, so the UpdateStage after it sets exactly that.
  const bare: Record<string, unknown> = { ...view, methodSettings: {} };
  for (const [name, row] of awsSettingRows()) {
    const value = switchedOff(row, view) ? undefined : (view as unknown as Record<string, unknown>)[name];
    if (row.aws.create) create[name] = value;
    else if (name !== "methodSettings") bare[name] = undefined;
  }
  return { create, afterCreate: stageUpdateOps(bare as AwsStageView, view) };
}

export interface AwsStageCall {
  operation: "UpdateStage" | "CreateStage" | WebAclCall["operation"];
  patchOperations?: PatchOp[];
  webAclArn?: string;
}

/** Where a stage action goes: the API Gateway client, and the connection it came from (WAFv2 needs its own client). */
export interface StageTarget {
  client: APIGatewayClient;
  connection: AwsConnection;
  restApiId: string;
  stageName: string;
}

/**
 * Sends UpdateStage (nothing when there are no operations) and, when the web ACL changes, the
 * WAFv2 call for it. WAF goes first, so its refusal leaves the stage as it was; if UpdateStage
 * then fails, the web ACL is put back before the error is passed on.
 */
export async function updateAwsStage(t: StageTarget, patchOperations: PatchOp[], webAcl: { had?: string; want?: string } = {}): Promise<AwsStageCall[]> {
  const waf = await setStageWebAcl(t.connection, t, webAcl.had, webAcl.want);
  if (patchOperations.length === 0) return waf;
  try {
    await callApiGateway(t.client, "UpdateStage", { restApiId: t.restApiId, stageName: t.stageName, patchOperations });
  } catch (e) {
    if (waf.length) await setStageWebAcl(t.connection, t, webAcl.want, webAcl.had).catch(() => undefined);
    throw e;
  }
  return [...waf, { operation: "UpdateStage", patchOperations }];
}

/** CreateStage, then the UpdateStage for method settings, access logs and certificate, then the web ACL (WAFv2 needs the stage to exist). */
export async function createAwsStage(t: StageTarget, view: AwsStageView): Promise<AwsStageCall[]> {
  const { create, afterCreate } = createStageCalls(t.restApiId, t.stageName, view);
  await callApiGateway(t.client, "CreateStage", create);
  const rest = await updateAwsStage(t, afterCreate);
  return [{ operation: "CreateStage" }, ...rest, ...(await setStageWebAcl(t.connection, t, undefined, view.webAclArn))];
}

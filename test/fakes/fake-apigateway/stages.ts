/**
 * FAKE API Gateway: deployments and stages (CreateDeployment, GetDeployment(s), DeleteDeployment,
 * CreateStage, GetStage(s), UpdateStage, DeleteStage), answering as AWS answered — the facts and
 * their sources are in test/contract/facts/{stage,canary,deployment}.ts. UpdateStage's patch
 * operations are in stage-patch.ts. A test double, not product code.
 *
 * handlers.ts spreads `stageHandlers` into its map and this file uses handlers.ts's helpers; the
 * helpers are only called inside handler bodies, so the import cycle is safe (handlers.ts is always
 * loaded first, through server.ts).
 */
import { type Handler, api, badRequest, conflict, FakeApiError, notFound, paginate, pick, secs } from "./handlers";
import type { FakeRestApi, Json, PatchOperation } from "./state";
import { CACHE_SIZES, NO_DEPLOYMENT, applyStagePatch, checkPercentTraffic } from "./stage-patch";

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const VAR_NAME = /^[A-Za-z0-9_]{1,64}$/;
const VAR_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;
/** AWS's default quota (Service Quotas: "Stages per API", 10); the message is ours, AWS's is not recorded. */
const MAX_STAGES = 10;

function checkVariables(vars: Json | undefined) {
  for (const [k, v] of Object.entries(vars ?? {})) {
    if (!VAR_NAME.test(k)) throw badRequest("Stage variable names may only contain alphanumeric characters and underscores and must be 1-64 characters long");
    if (!VAR_VALUE.test(String(v))) throw badRequest("Stage variable value '" + v + "' contains invalid characters");
  }
}

const stageNotFound = () => notFound("Invalid Stage identifier specified");
const deploymentNotFound = () => notFound("Invalid Deployment identifier specified");

/** Stage JSON as AWS returns it: numbers as numbers, empty maps left out, `methodSettings` always there. */
function canaryJson(c: Json, deploymentId: string): Json {
  const out: Json = { deploymentId, percentTraffic: Number(c.percentTraffic ?? 0), useStageCache: c.useStageCache ?? false };
  if (c.stageVariableOverrides && Object.keys(c.stageVariableOverrides).length) out.stageVariableOverrides = { ...c.stageVariableOverrides };
  return out;
}

function newStage(name: string, deploymentId: string, b: Json, now: number): Json {
  const st: Json = {
    stageName: name,
    deploymentId,
    ...pick(b, ["description", "cacheClusterSize", "tags", "documentationVersion"]),
    cacheClusterEnabled: b.cacheClusterEnabled ?? false,
    cacheClusterStatus: "NOT_AVAILABLE",
    tracingEnabled: b.tracingEnabled ?? false,
    methodSettings: {},
    createdDate: secs(now),
    lastUpdatedDate: secs(now),
  };
  if (b.variables && Object.keys(b.variables).length) st.variables = { ...b.variables };
  if (b.canarySettings) st.canarySettings = canaryJson(b.canarySettings, b.canarySettings.deploymentId ?? deploymentId);
  return st;
}

function deploymentJson(d: { id: string; description?: string; createdDate: number; apiSummary: Json }, withSummary: boolean): Json {
  const out: Json = { id: d.id, createdDate: secs(d.createdDate) };
  if (d.description !== undefined) out.description = d.description;
  if (withSummary) out.apiSummary = d.apiSummary;
  return out;
}

/** AWS refuses to deploy an API with no method, or with a method that has no integration. */
function checkDeployable(a: FakeRestApi) {
  const all = [...a.resources.values()];
  if (!all.some((x) => Object.keys(x.resourceMethods).length)) throw badRequest("The REST API doesn't contain any methods");
  for (const x of all) for (const m of Object.values(x.resourceMethods)) if (!m.methodIntegration) throw badRequest("No integration defined for method");
}

/** A canary deployment needs a named, existing stage (recorded messages, run-together text included). */
function checkCanaryTarget(a: FakeRestApi, stageName: string | undefined) {
  const prefix = "Invalid deployment content specified.";
  if (stageName === undefined || stageName === null || stageName === "")
    throw badRequest(`${prefix}Non null and non empty stageName must be provided for canary deployment. Provided value is ${stageName ?? "null"}`);
  if (!a.stages.has(stageName)) throw badRequest(`${prefix}Stage ${stageName} must already be created before making a canary release deployment`);
}

function apiSummary(a: FakeRestApi): Json {
  const out: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>> = {};
  for (const x of a.resources.values())
    for (const [verb, m] of Object.entries(x.resourceMethods))
      (out[x.path] ??= {})[verb] = { authorizationType: m.authorizationType, apiKeyRequired: !!m.apiKeyRequired };
  return out;
}

/** Points (or, for a new name, creates) the stage a CreateDeployment names. */
function deployToStage(a: FakeRestApi, body: Json, deploymentId: string, now: number) {
  const existing = a.stages.get(body.stageName);
  if (!existing) {
    a.stages.set(body.stageName, newStage(body.stageName, deploymentId, { description: body.stageDescription, variables: body.variables }, now));
    return;
  }
  // A canary deployment leaves the stage on its deployment and replaces the canary with the new one.
  if (body.canarySettings) existing.canarySettings = canaryJson(body.canarySettings, deploymentId);
  else existing.deploymentId = deploymentId;
  if (body.variables) existing.variables = { ...existing.variables, ...body.variables };
  existing.lastUpdatedDate = secs(now);
}

export const stageHandlers: Record<string, Handler> = {
  CreateDeployment: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (r.body.canarySettings) checkCanaryTarget(a, r.body.stageName);
    if (r.body.canarySettings) checkPercentTraffic(r.body.canarySettings.percentTraffic);
    checkDeployable(a);
    if (r.body.stageName !== undefined && !STAGE_NAME.test(r.body.stageName)) throw badRequest("Stage name only allows a-zA-Z0-9_-");
    checkVariables(r.body.variables);
    const d = {
      id: s.newId(6),
      description: r.body.description,
      createdDate: r.now,
      apiSummary: apiSummary(a),
      snapshot: structuredClone([...a.resources.values()]),
    };
    a.deployments.set(d.id, d);
    if (r.body.stageName) deployToStage(a, r.body, d.id, r.now);
    return { status: 201, body: deploymentJson(d, false) };
  },
  GetDeployments: (s, r) => ({
    status: 200,
    body: paginate(
      [...api(s, r.params.restApiId).deployments.values()].map((d) => deploymentJson(d, false)),
      r.query,
    ),
  }),
  GetDeployment: (s, r) => {
    const d = api(s, r.params.restApiId).deployments.get(r.params.deploymentId);
    if (!d) throw deploymentNotFound();
    return { status: 200, body: deploymentJson(d, r.query.getAll("embed").includes("apisummary")) };
  },
  DeleteDeployment: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (!a.deployments.has(r.params.deploymentId)) throw deploymentNotFound();
    if ([...a.stages.values()].some((st) => st.deploymentId === r.params.deploymentId))
      throw badRequest("Active stages pointing to this deployment must be moved or deleted");
    a.deployments.delete(r.params.deploymentId);
    return { status: 202 };
  },

  CreateStage: (s, r) => {
    const a = api(s, r.params.restApiId);
    const name = String(r.body.stageName ?? "");
    if (!STAGE_NAME.test(name)) throw badRequest("Stage name only allows a-zA-Z0-9_-");
    if (!a.deployments.has(r.body.deploymentId)) throw badRequest(NO_DEPLOYMENT);
    const canaryDeployment = r.body.canarySettings?.deploymentId;
    if (canaryDeployment !== undefined && !a.deployments.has(canaryDeployment)) throw badRequest(NO_DEPLOYMENT);
    if (r.body.canarySettings) checkPercentTraffic(r.body.canarySettings.percentTraffic);
    const size = r.body.cacheClusterSize;
    if (size !== undefined && !(CACHE_SIZES as readonly string[]).includes(size))
      throw badRequest(`Invalid cache cluster size '${size}'. Must be one of: [${CACHE_SIZES.join(", ")}]`);
    if (a.stages.has(name)) throw conflict("Stage already exists");
    if (a.stages.size >= MAX_STAGES) throw new FakeApiError(429, "LimitExceededException", "Maximum number of Stages for this API has been reached");
    checkVariables(r.body.variables);
    const st = newStage(name, r.body.deploymentId, r.body, r.now);
    a.stages.set(name, st);
    return { status: 201, body: st };
  },
  GetStages: (s, r) => {
    const a = api(s, r.params.restApiId);
    const dep = r.query.get("deploymentId");
    return { status: 200, body: { item: [...a.stages.values()].filter((st) => !dep || st.deploymentId === dep) } };
  },
  GetStage: (s, r) => {
    const st = api(s, r.params.restApiId).stages.get(r.params.stageName);
    if (!st) throw stageNotFound();
    return { status: 200, body: st };
  },
  UpdateStage: (s, r) => {
    const a = api(s, r.params.restApiId);
    const st = a.stages.get(r.params.stageName);
    if (!st) throw stageNotFound();
    const copy = structuredClone(st);
    applyStagePatch(a, copy, (r.body.patchOperations ?? []) as PatchOperation[]);
    checkVariables(copy.variables);
    copy.lastUpdatedDate = secs(r.now);
    Object.keys(st).forEach((k) => delete st[k]);
    Object.assign(st, copy);
    return { status: 200, body: st };
  },
  DeleteStage: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (!a.stages.has(r.params.stageName)) throw stageNotFound();
    a.stages.delete(r.params.stageName);
    return { status: 202 };
  },
};

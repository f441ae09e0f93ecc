/**
 * FAKE API Gateway: deployments and stages (CreateDeployment, GetDeployment(s), DeleteDeployment,
 * CreateStage, GetStage(s), UpdateStage, DeleteStage). A test double, not product code.
 *
 * handlers.ts spreads `stageHandlers` into its map and this file uses handlers.ts's helpers; the
 * helpers are only called inside handler bodies, so the import cycle is safe (handlers.ts is always
 * loaded first, through server.ts).
 */
import { type Handler, api, badRequest, conflict, FakeApiError, notFound, paginate, patch, pick, secs } from "./handlers";
import { type FakeRestApi, type FieldKind, type Json, type PatchOperation, applyPatch, decodePointer } from "./state";

const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;
const VAR_NAME = /^[A-Za-z0-9_]{1,64}$/;
const VAR_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/;

function checkVariables(vars: Json | undefined) {
  for (const [k, v] of Object.entries(vars ?? {})) {
    if (!VAR_NAME.test(k)) throw badRequest("Stage variable names may only contain alphanumeric characters and underscores and must be 1-64 characters long");
    if (!VAR_VALUE.test(String(v))) throw badRequest("Stage variable value '" + v + "' contains invalid characters");
  }
}

const STAGE_FIELDS: Record<string, FieldKind> = {
  deploymentId: "string",
  description: "string",
  cacheClusterEnabled: "bool",
  cacheClusterSize: "string",
  tracingEnabled: "bool",
  variables: "stringMap",
  accessLogSettings: "string",
  canarySettings: "string",
  clientCertificateId: "string",
  webAclArn: "string",
  documentationVersion: "string",
};

const METHOD_SETTING_PATHS: Record<string, [string, FieldKind]> = {
  "metrics/enabled": ["metricsEnabled", "bool"],
  "logging/loglevel": ["loggingLevel", "string"],
  "logging/dataTrace": ["dataTraceEnabled", "bool"],
  "throttling/burstLimit": ["throttlingBurstLimit", "int"],
  "throttling/rateLimit": ["throttlingRateLimit", "number"],
  "caching/enabled": ["cachingEnabled", "bool"],
  "caching/ttlInSeconds": ["cacheTtlInSeconds", "int"],
  "caching/dataEncrypted": ["cacheDataEncrypted", "bool"],
  "caching/requireAuthorizationForCacheControl": ["requireAuthorizationForCacheControl", "bool"],
  "caching/unauthorizedCacheControlHeaderStrategy": ["unauthorizedCacheControlHeaderStrategy", "string"],
};

function applyStagePatch(a: FakeRestApi, stage: Json, body: Json) {
  const rest: PatchOperation[] = [];
  for (const op of (body.patchOperations ?? []) as PatchOperation[]) {
    const segs = decodePointer(op.path);
    // method settings: /{resourcePath}/{VERB}/{area}/{setting}, e.g. /*/*/metrics/enabled, /~1pets/GET/logging/loglevel
    if (segs.length >= 2 && !(segs[0] in STAGE_FIELDS)) {
      const key = `${segs[0]}/${segs[1]}`;
      stage.methodSettings ??= {};
      if (segs.length === 2 && op.op === "remove") {
        delete stage.methodSettings[key];
        continue;
      }
      const setting = METHOD_SETTING_PATHS[segs.slice(2).join("/")];
      if (!setting) throw badRequest(`Invalid method setting path: ${op.path}`);
      const ms: Json = (stage.methodSettings[key] ??= {});
      if (op.op === "remove") delete ms[setting[0]];
      else {
        const t: Json = {};
        applyPatch(t, [{ op: "replace", path: "/x", value: op.value }], { x: setting[1] }, "stage");
        ms[setting[0]] = t.x;
      }
      continue;
    }
    if (segs[0] === "deploymentId" && op.op !== "remove" && op.value && !a.deployments.has(op.value)) throw badRequest("Invalid deployment id specified");
    if (segs[0] === "canarySettings" && segs.length === 1 && op.op === "remove") {
      // In order: a promotion copies from the canary before removing it in the same call.
      patch(stage, { patchOperations: rest.splice(0) }, STAGE_FIELDS, "stage");
      delete stage.canarySettings;
      continue;
    }
    rest.push(op);
  }
  patch(stage, { patchOperations: rest }, STAGE_FIELDS, "stage");
  checkVariables(stage.variables);
}

export const stageHandlers: Record<string, Handler> = {
  // ---- Deployments
  CreateDeployment: (s, r) => {
    const a = api(s, r.params.restApiId);
    const all = [...a.resources.values()];
    if (!all.some((x) => Object.keys(x.resourceMethods).length)) throw badRequest("The REST API doesn't contain any methods");
    for (const x of all) for (const m of Object.values(x.resourceMethods)) if (!m.methodIntegration) throw badRequest("No integration defined for method");
    if (r.body.stageName !== undefined && !STAGE_NAME.test(r.body.stageName)) throw badRequest("Stage name only allows a-zA-Z0-9_-");
    checkVariables(r.body.variables);
    const apiSummary: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>> = {};
    for (const x of all)
      for (const [verb, m] of Object.entries(x.resourceMethods))
        (apiSummary[x.path] ??= {})[verb] = { authorizationType: m.authorizationType, apiKeyRequired: !!m.apiKeyRequired };
    const d = { id: s.newId(6), description: r.body.description, createdDate: r.now, apiSummary, snapshot: structuredClone(all) };
    a.deployments.set(d.id, d);
    if (r.body.stageName) {
      const existing = a.stages.get(r.body.stageName);
      if (existing) {
        existing.deploymentId = d.id;
        if (r.body.variables) existing.variables = { ...existing.variables, ...r.body.variables };
        existing.lastUpdatedDate = secs(r.now);
      } else {
        a.stages.set(r.body.stageName, newStage(r.body.stageName, d.id, { description: r.body.stageDescription, variables: r.body.variables }, r.now));
      }
    }
    return { status: 201, body: deploymentJson(d, false) };
  },
  GetDeployments: (s, r) => ({ status: 200, body: paginate([...api(s, r.params.restApiId).deployments.values()].map((d) => deploymentJson(d, false)), r.query) }),
  GetDeployment: (s, r) => {
    const d = api(s, r.params.restApiId).deployments.get(r.params.deploymentId);
    if (!d) throw notFound("Invalid Deployment identifier specified");
    return { status: 200, body: deploymentJson(d, r.query.getAll("embed").includes("apisummary")) };
  },
  DeleteDeployment: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (!a.deployments.has(r.params.deploymentId)) throw notFound("Invalid Deployment identifier specified");
    if ([...a.stages.values()].some((st) => st.deploymentId === r.params.deploymentId))
      throw badRequest("Active stages pointing to this deployment must be moved or deleted");
    a.deployments.delete(r.params.deploymentId);
    return { status: 202 };
  },

  // ---- Stages
  CreateStage: (s, r) => {
    const a = api(s, r.params.restApiId);
    const name = String(r.body.stageName ?? "");
    if (!STAGE_NAME.test(name)) throw badRequest("Stage name only allows a-zA-Z0-9_-");
    if (!a.deployments.has(r.body.deploymentId)) throw badRequest("Invalid deployment id specified");
    if (a.stages.has(name)) throw conflict("Stage already exists");
    if (a.stages.size >= 10) throw new FakeApiError(429, "LimitExceededException", "Maximum number of Stages for this API has been reached");
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
    if (!st) throw notFound("Invalid Stage identifier specified");
    return { status: 200, body: st };
  },
  UpdateStage: (s, r) => {
    const a = api(s, r.params.restApiId);
    const st = a.stages.get(r.params.stageName);
    if (!st) throw notFound("Invalid Stage identifier specified");
    const copy = structuredClone(st);
    applyStagePatch(a, copy, r.body);
    copy.lastUpdatedDate = secs(r.now);
    Object.keys(st).forEach((k) => delete st[k]);
    Object.assign(st, copy);
    return { status: 200, body: st };
  },
  DeleteStage: (s, r) => {
    const a = api(s, r.params.restApiId);
    if (!a.stages.has(r.params.stageName)) throw notFound("Invalid Stage identifier specified");
    a.stages.delete(r.params.stageName);
    return { status: 202 };
  },
};

function newStage(name: string, deploymentId: string, b: Json, now: number): Json {
  return {
    stageName: name,
    deploymentId,
    ...pick(b, ["description", "variables", "cacheClusterSize", "canarySettings", "tags", "documentationVersion"]),
    cacheClusterEnabled: b.cacheClusterEnabled ?? false,
    cacheClusterStatus: "NOT_AVAILABLE",
    tracingEnabled: b.tracingEnabled ?? false,
    methodSettings: {},
    createdDate: secs(now),
    lastUpdatedDate: secs(now),
  };
}

function deploymentJson(d: { id: string; description?: string; createdDate: number; apiSummary: Json }, withSummary: boolean): Json {
  const out: Json = { id: d.id, createdDate: secs(d.createdDate) };
  if (d.description !== undefined) out.description = d.description;
  if (withSummary) out.apiSummary = d.apiSummary;
  return out;
}

/**
 * Push a Gatehouse design to API Gateway: `planPush` reads what is live and lists the calls
 * that make it match the design (nothing when it already does); `executePush` runs them through
 * the limiter in dependency order, then deploys and points the stage at the new deployment.
 *
 * Gatehouse's entity ids are not AWS ids: resources are matched by full path, models,
 * validators and authorizers by name, gateway responses by type. Ids that only exist once an
 * earlier call has run are written as Refs (`{ ref: "resource:/pets" }`) and bound at run time,
 * so a plan is plain JSON that can be shown, stored and executed later.
 */
import type {
  APIGatewayClient,
  Integration as AwsIntegration,
  IntegrationResponse as AwsIntegrationResponse,
  Method as AwsMethod,
  MethodResponse as AwsMethodResponse,
  Resource as AwsResource,
} from "@aws-sdk/client-api-gateway";
import { type ApiDesign, HTTP_METHODS, type Integration, type IntegrationResponse, type Method, type MethodResponse } from "../model/design";
import { resourcePath, resourcesInTreeOrder } from "../model/tree";
import { callApiGateway } from "./client";
import { type AwsErrorInfo, describeAwsError, formatAwsError } from "./errors";
import { plannedCallCount } from "./push-counts";
import {
  type PatchOp,
  type Ref,
  compact,
  listOps,
  mapOps,
  resolveRefs,
  sameJsonText,
  withModelRefPlaceholder,
  sameList,
  sameMap,
  scalarOps,
  unset,
} from "./diff";
import { API_GATEWAY_TOTAL_QUOTA, type ApiGatewayLimiter } from "./limiter";
import { BUILT_IN_MODEL_DESCRIPTIONS, BUILT_IN_MODEL_SCHEMAS } from "./import";
import { type LiveApi, isNotFound, readLiveApi, readStage } from "./live";
import { formatBytes, putRestApiDocument, redactPutRestApiParams } from "./put-rest-api";

export type CallKind = "create" | "update" | "delete" | "deploy";

export interface PlannedCall {
  /** SDK operation name: "CreateResource", "PutMethod", "UpdateIntegration" … */
  operation: string;
  /** What it acts on, in words a user knows: "/pets", "GET /pets/{id}", "model Pet". */
  target: string;
  /** One line for a progress list: "Create method GET /pets". */
  description: string;
  kind: CallKind;
  /** The SDK command input; may hold Refs to ids created by earlier calls. */
  params: Record<string, unknown>;
  /** Name under which the id this call creates is bound ("resource:/pets"). */
  binds?: string;
}

export interface PushPlan {
  /** null: the plan starts by creating the REST API. */
  restApiId: string | null;
  apiName: string;
  stageName: string;
  /** AWS ids already known: "restApi", "resource:/pets", "validator:NAME", "authorizer:NAME". */
  bindings: Record<string, string>;
  /** Entity calls, in the order they must run (empty when the API already matches the design). */
  calls: PlannedCall[];
  deployment: {
    description?: string;
    stageExists: boolean;
    /** Variables for CreateStage. */
    variables: Record<string, string>;
    /** Variable changes for UpdateStage (the /deploymentId replace is added at run time). */
    stagePatchOperations: PatchOp[];
    /** Nothing to send: the stage already runs an AWS deployment of this very design (`deployedDeploymentId`). */
    upToDate?: { deploymentId: string };
    /** Point the stage at this existing deployment instead of calling CreateDeployment. */
    reuse?: { deploymentId: string };
  };
  summary: { creates: number; updates: number; deletes: number };
  /** How the entity calls were chosen: one call per entity, or one PutRestApi when that is fewer calls. */
  strategy: PushStrategy;
  /** Things the user should know about the plan (API not found, built-in models kept …). */
  notes: string[];
}

export interface PushStrategy {
  kind: "per-entity" | "put-rest-api";
  /** Entity calls a per-entity push needs. */
  perEntityCalls: number;
  /** Entity calls the PutRestApi plan needs (CreateRestApi if new, PutRestApi, UpdateRestApi for what it can't carry); absent when not weighed. */
  putRestApiCalls?: number;
  /** PutRestApi's mode and body size, when chosen. */
  mode?: "overwrite";
  bodyBytes?: number;
  /** One line for people: "PutRestApi: 2 calls instead of 9,412" / why PutRestApi was not used. */
  reason: string;
}

export interface PlanPushInput {
  design: ApiDesign;
  restApiId?: string | null;
  stageName: string;
  /** Desired stage variables; when given, variables not listed are removed from the stage. */
  stageVariables?: Record<string, string>;
  deploymentDescription?: string;
  /**
   * An AWS deployment known to hold exactly this design (the one Gatehouse last pushed to this
   * stage from the same snapshot). When the entity calls are empty, the stage runs it and its
   * variables already match, the push makes no call at all instead of redeploying the same thing.
   */
  deployedDeploymentId?: string | null;
  /**
   * An AWS deployment an earlier, failed run of this push created from this same design before
   * it stopped (at CreateStage / UpdateStage): when there is no entity call to make, the stage is
   * pointed at it instead of deploying the same content a second time.
   */
  reuseDeploymentId?: string | null;
  /** The live API if the caller already read it (undefined: read it here; null: there is none). */
  live?: LiveApi | null;
  /**
   * "auto" (default): PutRestApi when it is fewer calls and the API is new or empty, or the
   * per-entity calls exceed the account's burst. "per-entity": never PutRestApi.
   * "put-rest-api": PutRestApi whenever it is fewer calls.
   */
  strategy?: "auto" | "per-entity" | "put-rest-api";
}

export interface CallRecord {
  operation: string;
  target: string;
  description: string;
  kind: CallKind;
  /** The input actually sent (Refs resolved). */
  params: Record<string, unknown>;
  ok: boolean;
  /** Id of what the call created (resource, model, deployment …). */
  createdId?: string;
  error?: { name: string; message: string; status?: number };
  /** 429 retries this call needed. */
  retries: number;
  startedAt: string;
  durationMs: number;
}

export interface PushResult {
  restApiId: string;
  deploymentId: string;
  stageName: string;
  calls: CallRecord[];
}

export class PushError extends Error {
  constructor(
    message: string,
    /** Calls that succeeded before the failure, in order. */
    readonly completed: CallRecord[],
    /** The call that failed. */
    readonly failed: CallRecord,
    /** The REST API being pushed to (also when this push created it): plan the retry against it. */
    readonly restApiId: string | null,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = "PushError";
  }
}

/** Models API Gateway adds to every new REST API; a push never deletes them. */
export const BUILT_IN_MODELS = ["Empty", "Error"];
const STAGE_NAME = /^[A-Za-z0-9_-]{1,128}$/;

type Opts = { limiter?: ApiGatewayLimiter };

const METHOD_ORDER = new Map<string, number>(HTTP_METHODS.map((m, i) => [m, i]));
const byVerb = (a: string, b: string) => (METHOD_ORDER.get(a) ?? 99) - (METHOD_ORDER.get(b) ?? 99) || a.localeCompare(b);

function fieldsOf(ops: PatchOp[]): string {
  return [...new Set(ops.map((o) => o.path.split("/")[1]))].join(", ");
}

export async function planPush(client: APIGatewayClient, input: PlanPushInput, opts: Opts = {}): Promise<PushPlan> {
  const { design, stageName } = input;
  if (!STAGE_NAME.test(stageName)) throw new Error("Stage name only allows a-zA-Z0-9_- (1 to 128 characters)");
  const notes: string[] = [];
  let live: LiveApi | null = null;
  if (input.restApiId) {
    live = input.live !== undefined ? input.live : await readLiveApi(client, input.restApiId, opts);
    if (!live) notes.push(`REST API ${input.restApiId} was not found in this account and Region; the push creates a new one.`);
  }
  const bindings: Record<string, string> = {};
  const calls: PlannedCall[] = [];
  const idOf = (key: string): string | Ref => bindings[key] ?? { ref: key };
  const add = (c: PlannedCall) => calls.push(c);

  // ---- 1. The REST API itself
  if (!live) {
    add({
      operation: "CreateRestApi",
      target: `API ${design.name}`,
      description: `Create REST API ${design.name}`,
      kind: "create",
      binds: "restApi",
      params: compact({
        name: design.name,
        description: design.description || undefined,
        binaryMediaTypes: design.binaryMediaTypes,
        minimumCompressionSize: design.minimumCompressionSize ?? undefined,
        apiKeySource: design.apiKeySource,
        endpointConfiguration: { types: [design.endpointType] },
        policy: design.policy ?? undefined,
        disableExecuteApiEndpoint: design.disableExecuteApiEndpoint || undefined,
      }),
    });
  } else {
    const a = live.restApi;
    bindings.restApi = a.id!;
    const ops: PatchOp[] = [
      ...scalarOps("/name", a.name, design.name),
      ...scalarOps("/description", a.description, design.description),
      ...listOps("/binaryMediaTypes", a.binaryMediaTypes, design.binaryMediaTypes, "path"),
      ...scalarOps(
        "/minimumCompressionSize",
        a.minimumCompressionSize === undefined ? undefined : String(a.minimumCompressionSize),
        design.minimumCompressionSize === null ? undefined : String(design.minimumCompressionSize),
      ),
      ...scalarOps("/apiKeySource", a.apiKeySource ?? "HEADER", design.apiKeySource),
      ...(sameJsonText(a.policy, design.policy) ? [] : [{ op: "replace" as const, path: "/policy", value: design.policy ?? undefined }]),
      ...scalarOps("/disableExecuteApiEndpoint", String(a.disableExecuteApiEndpoint ?? false), String(design.disableExecuteApiEndpoint)),
    ];
    const liveType = a.endpointConfiguration?.types?.[0];
    if (liveType && liveType !== design.endpointType) ops.push({ op: "replace", path: `/endpointConfiguration/types/${liveType}`, value: design.endpointType });
    if (ops.length)
      add({
        operation: "UpdateRestApi",
        target: `API ${design.name}`,
        description: `Update API settings (${fieldsOf(ops)})`,
        kind: "update",
        params: { restApiId: a.id, patchOperations: ops },
      });
  }
  const restApiId = idOf("restApi");

  // ---- 2. Models, request validators, authorizers, gateway responses (methods refer to them)
  // A new REST API comes with Empty and Error: a design that has them updates those rather than creating them again.
  const liveModels = new Map(
    (
      live?.models ??
      Object.entries(BUILT_IN_MODEL_SCHEMAS).map(([name, schema]) => ({
        name,
        schema,
        contentType: "application/json",
        description: BUILT_IN_MODEL_DESCRIPTIONS[name],
      }))
    ).map((m) => [m.name!, m]),
  );
  for (const m of modelsInDependencyOrder(design.models)) {
    const l = liveModels.get(m.name);
    const create = (): PlannedCall => ({
      operation: "CreateModel",
      target: `model ${m.name}`,
      description: `Create model ${m.name}`,
      kind: "create",
      params: compact({ restApiId, name: m.name, contentType: m.contentType, schema: m.schema, description: m.description }),
    });
    if (!l) add(create());
    else if ((l.contentType ?? "application/json") !== m.contentType) {
      notes.push(`Model ${m.name} changes content type: it is deleted and created again.`);
      add({
        operation: "DeleteModel",
        target: `model ${m.name}`,
        description: `Delete model ${m.name} (content type changes)`,
        kind: "delete",
        params: { restApiId, modelName: m.name },
      });
      add(create());
    } else {
      const ops: PatchOp[] = [
        ...(sameJsonText(withModelRefPlaceholder(l.schema ?? "", live?.restApi.id), m.schema)
          ? []
          : [{ op: "replace" as const, path: "/schema", value: m.schema }]),
        ...scalarOps("/description", l.description, m.description),
      ];
      if (ops.length)
        add({
          operation: "UpdateModel",
          target: `model ${m.name}`,
          description: `Update model ${m.name} (${fieldsOf(ops)})`,
          kind: "update",
          params: { restApiId, modelName: m.name, patchOperations: ops },
        });
    }
  }

  const validatorName = new Map(design.requestValidators.map((v) => [v.id, v.name]));
  const liveValidators = new Map<string, NonNullable<LiveApi["requestValidators"]>[number]>();
  for (const v of live?.requestValidators ?? []) if (v.name && !liveValidators.has(v.name)) liveValidators.set(v.name, v);
  for (const v of design.requestValidators) {
    const l = liveValidators.get(v.name);
    const key = `validator:${v.name}`;
    if (!l) {
      add({
        operation: "CreateRequestValidator",
        target: `validator ${v.name}`,
        description: `Create request validator ${v.name}`,
        kind: "create",
        binds: key,
        params: { restApiId, name: v.name, validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters },
      });
      continue;
    }
    bindings[key] = l.id!;
    const ops = [
      ...scalarOps("/validateRequestBody", String(l.validateRequestBody ?? false), String(v.validateRequestBody)),
      ...scalarOps("/validateRequestParameters", String(l.validateRequestParameters ?? false), String(v.validateRequestParameters)),
    ];
    if (ops.length)
      add({
        operation: "UpdateRequestValidator",
        target: `validator ${v.name}`,
        description: `Update request validator ${v.name}`,
        kind: "update",
        params: { restApiId, requestValidatorId: l.id, patchOperations: ops },
      });
  }

  const authorizerName = new Map(design.authorizers.map((a) => [a.id, a.name]));
  const liveAuthorizers = new Map<string, NonNullable<LiveApi["authorizers"]>[number]>();
  for (const a of live?.authorizers ?? []) if (a.name && !liveAuthorizers.has(a.name)) liveAuthorizers.set(a.name, a);
  for (const a of design.authorizers) {
    const l = liveAuthorizers.get(a.name);
    const key = `authorizer:${a.name}`;
    if (!l) {
      add({
        operation: "CreateAuthorizer",
        target: `authorizer ${a.name}`,
        description: `Create ${a.type} authorizer ${a.name}`,
        kind: "create",
        binds: key,
        params: compact({
          restApiId,
          name: a.name,
          type: a.type,
          authorizerUri: a.authorizerUri,
          authorizerCredentials: a.authorizerCredentials,
          identitySource: a.identitySource,
          identityValidationExpression: a.identityValidationExpression,
          authorizerResultTtlInSeconds: a.authorizerResultTtlInSeconds,
          providerARNs: a.providerARNs,
        }),
      });
      continue;
    }
    bindings[key] = l.id!;
    const ops: PatchOp[] = [
      ...scalarOps("/type", l.type, a.type),
      ...scalarOps("/authorizerUri", l.authorizerUri, a.authorizerUri),
      ...scalarOps("/authorizerCredentials", l.authorizerCredentials, a.authorizerCredentials),
      ...scalarOps("/identitySource", l.identitySource, a.identitySource),
      ...scalarOps("/identityValidationExpression", l.identityValidationExpression, a.identityValidationExpression),
      ...(a.authorizerResultTtlInSeconds === undefined
        ? []
        : scalarOps("/authorizerResultTtlInSeconds", String(l.authorizerResultTtlInSeconds ?? 300), String(a.authorizerResultTtlInSeconds))),
      ...listOps("/providerARNs", l.providerARNs, a.providerARNs, "value"),
    ];
    if (ops.length)
      add({
        operation: "UpdateAuthorizer",
        target: `authorizer ${a.name}`,
        description: `Update authorizer ${a.name} (${fieldsOf(ops)})`,
        kind: "update",
        params: { restApiId, authorizerId: l.id, patchOperations: ops },
      });
  }

  const liveGateway = new Map((live?.gatewayResponses ?? []).map((g) => [g.responseType as string, g]));
  for (const g of design.gatewayResponses) {
    const l = liveGateway.get(g.responseType);
    if (
      l &&
      sameScalarText(l.statusCode, g.statusCode) &&
      sameMap(l.responseParameters, g.responseParameters) &&
      sameMap(l.responseTemplates, templatesAwsKeeps(g))
    )
      continue;
    add({
      operation: "PutGatewayResponse",
      target: `gateway response ${g.responseType}`,
      description: `${l ? "Update" : "Customise"} gateway response ${g.responseType}`,
      kind: l ? "update" : "create",
      params: compact({
        restApiId,
        responseType: g.responseType,
        statusCode: g.statusCode,
        responseParameters: g.responseParameters,
        responseTemplates: g.responseTemplates,
      }),
    });
  }

  // ---- 3. Resources, parents first
  const liveByPath = new Map<string, AwsResource>();
  for (const r of live?.resources ?? []) if (r.path) liveByPath.set(r.path, r);
  const ordered = resourcesInTreeOrder(design);
  const designPaths = new Map(ordered.map((r) => [r.id, resourcePath(design, r)]));
  for (const r of ordered) {
    const path = designPaths.get(r.id)!;
    const l = liveByPath.get(path);
    if (l) {
      bindings[`resource:${path}`] = l.id!;
      continue;
    }
    if (r.parentId === null) continue; // the root comes with CreateRestApi
    const parentPath = designPaths.get(r.parentId)!;
    add({
      operation: "CreateResource",
      target: path,
      description: `Create resource ${path}`,
      kind: "create",
      binds: `resource:${path}`,
      params: { restApiId, parentId: idOf(`resource:${parentPath}`), pathPart: r.pathPart },
    });
  }

  // ---- 4. Methods, method responses, integrations, integration responses
  const refs = {
    authorizer: (m: Method): string | Ref | undefined => {
      if (m.authorizationType !== "CUSTOM" && m.authorizationType !== "COGNITO_USER_POOLS") return undefined;
      const name = m.authorizerId ? authorizerName.get(m.authorizerId) : undefined;
      if (!name) throw new Error(`Method uses authorizer ${m.authorizerId ?? "(none)"}, which is not in the design`);
      return idOf(`authorizer:${name}`);
    },
    validator: (m: Method): string | Ref | undefined => {
      if (!m.requestValidatorId) return undefined;
      const name = validatorName.get(m.requestValidatorId);
      if (!name) throw new Error(`Method uses request validator ${m.requestValidatorId}, which is not in the design`);
      return idOf(`validator:${name}`);
    },
  };
  const deleteMethods: PlannedCall[] = [];
  for (const r of ordered) {
    const path = designPaths.get(r.id)!;
    const liveRes = liveByPath.get(path);
    const resourceId = idOf(`resource:${path}`);
    const base = { restApiId, resourceId };
    const liveMethods = liveRes?.resourceMethods ?? {};
    for (const verb of Object.keys(r.methods).sort(byVerb)) {
      const want = r.methods[verb];
      const target = `${verb} ${path}`;
      const m = { ...base, httpMethod: verb };
      const l = liveMethods[verb] as AwsMethod | undefined;
      if (!l) {
        add({
          operation: "PutMethod",
          target,
          description: `Create method ${target}`,
          kind: "create",
          params: putMethodParams(m, want, refs.authorizer(want), refs.validator(want)),
        });
        for (const code of Object.keys(want.methodResponses).sort()) add(putMethodResponse(m, target, want.methodResponses[code], false));
        if (want.integration) for (const c of putIntegrationWithResponses(m, target, want.integration, false)) add(c);
        continue;
      }
      // Integration responses that go away are removed first (before their method responses).
      const liveInt = l.methodIntegration;
      const wantInt = want.integration;
      if (liveInt && wantInt)
        for (const code of Object.keys(liveInt.integrationResponses ?? {}).sort())
          if (!(code in wantInt.integrationResponses))
            add({
              operation: "DeleteIntegrationResponse",
              target,
              description: `Delete integration response ${code} of ${target}`,
              kind: "delete",
              params: { ...m, statusCode: code },
            });

      const methodOps = diffMethod(l, want, refs.authorizer(want), refs.validator(want), bindings);
      if (methodOps.length)
        add({
          operation: "UpdateMethod",
          target,
          description: `Update method ${target} (${fieldsOf(methodOps)})`,
          kind: "update",
          params: { ...m, patchOperations: methodOps },
        });

      const liveMr = l.methodResponses ?? {};
      for (const code of Object.keys(want.methodResponses).sort()) {
        const wmr = want.methodResponses[code];
        const lmr = liveMr[code];
        if (!lmr) {
          add(putMethodResponse(m, target, wmr, false));
          continue;
        }
        const ops = diffMethodResponse(lmr, wmr);
        if (ops.length)
          add({
            operation: "UpdateMethodResponse",
            target,
            description: `Update method response ${code} of ${target} (${fieldsOf(ops)})`,
            kind: "update",
            params: { ...m, statusCode: code, patchOperations: ops },
          });
      }
      for (const code of Object.keys(liveMr).sort())
        if (!(code in want.methodResponses))
          add({
            operation: "DeleteMethodResponse",
            target,
            description: `Delete method response ${code} of ${target}`,
            kind: "delete",
            params: { ...m, statusCode: code },
          });

      if (!wantInt) {
        if (liveInt) add({ operation: "DeleteIntegration", target, description: `Delete integration of ${target}`, kind: "delete", params: m });
      } else if (!liveInt || liveInt.type !== wantInt.type) {
        for (const c of putIntegrationWithResponses(m, target, wantInt, !!liveInt)) add(c);
      } else {
        const ops = diffIntegration(liveInt, wantInt);
        if (ops.length)
          add({
            operation: "UpdateIntegration",
            target,
            description: `Update ${wantInt.type} integration of ${target} (${fieldsOf(ops)})`,
            kind: "update",
            params: { ...m, patchOperations: ops },
          });
        for (const code of Object.keys(wantInt.integrationResponses).sort()) {
          const w = wantInt.integrationResponses[code];
          const li = liveInt.integrationResponses?.[code];
          if (li && sameIntegrationResponse(li, w)) continue;
          add(putIntegrationResponse(m, target, w, !!li));
        }
      }
    }
    for (const verb of Object.keys(liveMethods).sort(byVerb))
      if (!(verb in r.methods))
        deleteMethods.push({
          operation: "DeleteMethod",
          target: `${verb} ${path}`,
          description: `Delete method ${verb} ${path}`,
          kind: "delete",
          params: { ...base, httpMethod: verb },
        });
  }

  // ---- 5. Deletions: methods, then resources (the topmost removed one takes its subtree with it)
  calls.push(...deleteMethods);
  const wanted = new Set(designPaths.values());
  const removed = [...liveByPath.keys()].filter((p) => !wanted.has(p));
  const removedSet = new Set(removed);
  const parentOf = (p: string) => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));
  for (const p of removed.sort((a, b) => b.split("/").length - a.split("/").length || a.localeCompare(b))) {
    if (removedSet.has(parentOf(p))) continue;
    const below = removed.filter((q) => q.startsWith(p + "/")).length;
    add({
      operation: "DeleteResource",
      target: p,
      description: below ? `Delete resource ${p} and the ${below} resource${below > 1 ? "s" : ""} below it` : `Delete resource ${p}`,
      kind: "delete",
      params: { restApiId, resourceId: liveByPath.get(p)!.id },
    });
  }

  // ---- 6. Deletions of API-level entities nothing refers to any more
  const designGateway = new Set<string>(design.gatewayResponses.map((g) => g.responseType));
  for (const g of liveGateway.keys())
    if (!designGateway.has(g as string))
      add({
        operation: "DeleteGatewayResponse",
        target: `gateway response ${g}`,
        description: `Reset gateway response ${g} to its default`,
        kind: "delete",
        params: { restApiId, responseType: g },
      });
  const designAuthorizers = new Set(design.authorizers.map((a) => a.name));
  for (const a of live?.authorizers ?? [])
    if (!designAuthorizers.has(a.name!))
      add({
        operation: "DeleteAuthorizer",
        target: `authorizer ${a.name}`,
        description: `Delete authorizer ${a.name}`,
        kind: "delete",
        params: { restApiId, authorizerId: a.id },
      });
  const designValidators = new Set(design.requestValidators.map((v) => v.name));
  for (const v of live?.requestValidators ?? [])
    if (!designValidators.has(v.name ?? ""))
      add({
        operation: "DeleteRequestValidator",
        target: `validator ${v.name}`,
        description: `Delete request validator ${v.name}`,
        kind: "delete",
        params: { restApiId, requestValidatorId: v.id },
      });
  const designModels = new Set(design.models.map((m) => m.name));
  for (const m of live?.models ?? [])
    if (!designModels.has(m.name!) && !BUILT_IN_MODELS.includes(m.name!))
      add({
        operation: "DeleteModel",
        target: `model ${m.name}`,
        description: `Delete model ${m.name}`,
        kind: "delete",
        params: { restApiId, modelName: m.name },
      });

  // ---- 7. One PutRestApi (overwrite) instead, when that is fewer calls
  let strategy: PushStrategy = { kind: "per-entity", perEntityCalls: calls.length, reason: `${calls.length} per-entity call${calls.length === 1 ? "" : "s"}` };
  // On an API that already has content, an overwrite re-creates every resource (new ids in AWS's
  // console and logs, the whole API rewritten for a small edit), so it is only worth it when the
  // per-entity calls would outrun the account's burst and wait on the quota. A new or empty API
  // has nothing to lose: there, fewer calls wins.
  const liveHasContent = live !== null && live.resources.length > 1;
  const changeInPlace = input.strategy !== "put-rest-api" && liveHasContent && calls.length <= API_GATEWAY_TOTAL_QUOTA.burst;
  if (calls.length > 0 && input.strategy !== "per-entity") {
    const alternative = putRestApiCalls(design, live, calls[0]?.operation === "CreateRestApi" ? calls[0] : null, restApiId);
    strategy.putRestApiCalls = alternative.length;
    if (changeInPlace) {
      if (alternative.length < calls.length)
        strategy.reason = `${calls.length} per-entity calls: within the ${API_GATEWAY_TOTAL_QUOTA.burst}-request burst the live API is changed in place rather than overwritten`;
    } else if (alternative.length < calls.length) {
      const check = putRestApiDocument(design);
      if (check.ok)
        for (const fix of check.modelDescriptions)
          alternative.push({
            operation: "UpdateModel",
            target: `model ${fix.model}`,
            description: `Set the description of model ${fix.model} (an OpenAPI schema has none)`,
            kind: "update",
            params: { restApiId, modelName: fix.model, patchOperations: [{ op: "replace", path: "/description", value: fix.description }] },
          });
      if (check.ok && alternative.length < calls.length) {
        const put = alternative.find((c) => c.operation === "PutRestApi")!;
        put.params.body = check.document.text;
        put.description = `Overwrite the API with its OpenAPI document (${formatBytes(check.document.bytes)})`;
        strategy = {
          kind: "put-rest-api",
          perEntityCalls: calls.length,
          putRestApiCalls: alternative.length,
          mode: "overwrite",
          bodyBytes: check.document.bytes,
          reason: `PutRestApi: ${alternative.length} call${alternative.length === 1 ? "" : "s"} instead of ${calls.length.toLocaleString("en-US")}`,
        };
        calls.splice(0, calls.length, ...alternative);
        // Overwrite gives every resource a new id: only the API's own id stays valid.
        for (const k of Object.keys(bindings)) if (k !== "restApi") delete bindings[k];
        notes.push(
          `${strategy.reason} (mode=overwrite, ${formatBytes(check.document.bytes)} document, failOnWarnings): the API is replaced by the design as a whole; running it again gives the same API.`,
        );
      } else if (!check.ok) {
        strategy.reason = `${calls.length} per-entity calls: PutRestApi (${alternative.length} calls) not used because ${check.reason}`;
        notes.push(strategy.reason);
      } else strategy.putRestApiCalls = alternative.length;
    }
  }

  // ---- Stage
  const stage = live ? await readStage(client, live.restApi.id!, stageName, opts) : null;
  const variables = input.stageVariables ?? {};
  const stagePatchOperations: PatchOp[] = [];
  if (stage && input.stageVariables)
    stagePatchOperations.push(
      ...mapOps("/variables", stage.variables, input.stageVariables).map((o) => (o.op === "add" ? { ...o, op: "replace" as const } : o)),
    );

  const summary = { creates: 0, updates: 0, deletes: 0 };
  for (const c of calls) {
    if (c.kind === "create") summary.creates++;
    else if (c.kind === "update") summary.updates++;
    else if (c.kind === "delete") summary.deletes++;
  }
  const upToDate =
    calls.length === 0 &&
    stage?.deploymentId &&
    input.deployedDeploymentId &&
    stage.deploymentId === input.deployedDeploymentId &&
    stagePatchOperations.length === 0
      ? { deploymentId: stage.deploymentId }
      : undefined;
  if (upToDate) notes.push(`Stage ${stageName} already runs deployment ${upToDate.deploymentId} of this design: nothing to send.`);
  const reuse = !upToDate && calls.length === 0 && live && input.reuseDeploymentId ? { deploymentId: input.reuseDeploymentId } : undefined;
  if (reuse) notes.push(`Deployment ${reuse.deploymentId}, made by the push that stopped before pointing the stage at it, is used again.`);
  return {
    restApiId: live ? live.restApi.id! : null,
    apiName: design.name,
    stageName,
    bindings,
    calls,
    deployment: { description: input.deploymentDescription, stageExists: !!stage, variables, stagePatchOperations, upToDate, reuse },
    summary,
    strategy,
    notes,
  };
}

/**
 * The entity calls of the PutRestApi strategy (the body is filled in once the plan picks it):
 * CreateRestApi for a new API (it sets the endpoint configuration, which an import never changes),
 * PutRestApi overwrite, then UpdateRestApi for the endpoint type and disableExecuteApiEndpoint when
 * the live API has others.
 */
function putRestApiCalls(design: ApiDesign, live: LiveApi | null, create: PlannedCall | null, restApiId: string | Ref): PlannedCall[] {
  const out: PlannedCall[] = [];
  if (create) out.push(create);
  out.push({
    operation: "PutRestApi",
    target: `API ${design.name}`,
    description: "Overwrite the API with its OpenAPI document",
    kind: live ? "update" : "create",
    params: { restApiId, mode: "overwrite", failOnWarnings: true, body: "" },
  });
  if (live) {
    const a = live.restApi;
    const ops: PatchOp[] = [...scalarOps("/disableExecuteApiEndpoint", String(a.disableExecuteApiEndpoint ?? false), String(design.disableExecuteApiEndpoint))];
    const liveType = a.endpointConfiguration?.types?.[0];
    if (liveType && liveType !== design.endpointType)
      ops.unshift({ op: "replace", path: `/endpointConfiguration/types/${liveType}`, value: design.endpointType });
    if (ops.length)
      out.push({
        operation: "UpdateRestApi",
        target: `API ${design.name}`,
        description: `Update API settings PutRestApi leaves alone (${fieldsOf(ops)})`,
        kind: "update",
        params: { restApiId, patchOperations: ops },
      });
  }
  return out;
}

/**
 * Models whose schema refers to another model (`"$ref": "https://apigateway.amazonaws.com/restapis/{id}/models/Other"`)
 * must be created after it: referenced models first, otherwise design order.
 */
export function modelsInDependencyOrder<T extends { name: string; schema: string }>(models: T[]): T[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const out: T[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (m: T) => {
    if (state.get(m.name)) return; // done, or a cycle (AWS rejects those itself)
    state.set(m.name, "visiting");
    for (const match of m.schema.matchAll(/\/models\/([A-Za-z0-9]+)/g)) {
      const dep = byName.get(match[1]);
      if (dep && dep !== m) visit(dep);
    }
    state.set(m.name, "done");
    out.push(m);
  };
  models.forEach(visit);
  return out;
}

/** AWS's template for a gateway response put without one (rec test_gateway_response_put/put-gateway-response-status-only). */
const DEFAULT_GATEWAY_TEMPLATES = { "application/json": '{"message":$context.error.messageString}' };

/** The templates AWS stores for a customised gateway response: a Put without any gets AWS's default. */
function templatesAwsKeeps(g: { responseTemplates?: Record<string, string> }): Record<string, string> {
  return Object.keys(g.responseTemplates ?? {}).length ? (g.responseTemplates as Record<string, string>) : DEFAULT_GATEWAY_TEMPLATES;
}

function sameScalarText(a: unknown, b: unknown): boolean {
  return (unset(a) && unset(b)) || a === b;
}

// ---------------------------------------------------------------------------------------------
// Per-entity builders and diffs

type MethodKey = { restApiId: string | Ref; resourceId: string | Ref; httpMethod: string };

function putMethodParams(m: MethodKey, want: Method, authorizerId: string | Ref | undefined, requestValidatorId: string | Ref | undefined) {
  return compact({
    ...m,
    authorizationType: want.authorizationType,
    authorizerId,
    apiKeyRequired: want.apiKeyRequired,
    operationName: want.operationName,
    requestParameters: want.requestParameters,
    requestModels: want.requestModels,
    requestValidatorId,
    authorizationScopes: want.authorizationType === "COGNITO_USER_POOLS" ? want.authorizationScopes : undefined,
  });
}

function diffMethod(
  l: AwsMethod,
  want: Method,
  authorizerId: string | Ref | undefined,
  validatorId: string | Ref | undefined,
  bindings: Record<string, string>,
): PatchOp[] {
  return [
    ...scalarOps("/authorizationType", l.authorizationType ?? "NONE", want.authorizationType),
    ...scalarOps("/authorizerId", l.authorizerId, authorizerId, bindings),
    ...scalarOps("/apiKeyRequired", String(l.apiKeyRequired ?? false), String(want.apiKeyRequired)),
    ...scalarOps("/operationName", l.operationName, want.operationName),
    ...mapOps("/requestParameters", l.requestParameters, want.requestParameters),
    ...mapOps("/requestModels", l.requestModels, want.requestModels),
    ...scalarOps("/requestValidatorId", l.requestValidatorId, validatorId, bindings),
    ...(want.authorizationType === "COGNITO_USER_POOLS" || (l.authorizationScopes ?? []).length
      ? listOps("/authorizationScopes", l.authorizationScopes, want.authorizationType === "COGNITO_USER_POOLS" ? want.authorizationScopes : [], "value")
      : []),
  ];
}

function putMethodResponse(m: MethodKey, target: string, mr: MethodResponse, replacing: boolean): PlannedCall {
  return {
    operation: "PutMethodResponse",
    target,
    description: `${replacing ? "Replace" : "Add"} method response ${mr.statusCode} of ${target}`,
    kind: replacing ? "update" : "create",
    params: compact({ ...m, statusCode: mr.statusCode, responseParameters: mr.responseParameters, responseModels: mr.responseModels }),
  };
}

function diffMethodResponse(l: AwsMethodResponse, want: MethodResponse): PatchOp[] {
  return [...mapOps("/responseParameters", l.responseParameters, want.responseParameters), ...mapOps("/responseModels", l.responseModels, want.responseModels)];
}

function putIntegrationWithResponses(m: MethodKey, target: string, i: Integration, replacing: boolean): PlannedCall[] {
  const calls: PlannedCall[] = [
    {
      operation: "PutIntegration",
      target,
      description: `${replacing ? "Replace" : "Set"} ${i.type} integration of ${target}${i.uri ? ` → ${i.uri}` : ""}`,
      kind: replacing ? "update" : "create",
      params: compact({
        ...m,
        type: i.type,
        integrationHttpMethod: i.type === "MOCK" ? undefined : i.httpMethod,
        uri: i.type === "MOCK" ? undefined : i.uri,
        connectionType: i.connectionType,
        connectionId: i.connectionId,
        credentials: i.credentials,
        requestParameters: i.requestParameters,
        requestTemplates: i.requestTemplates,
        passthroughBehavior: i.passthroughBehavior,
        contentHandling: i.contentHandling,
        timeoutInMillis: i.timeoutInMillis,
        cacheNamespace: i.cacheNamespace,
        cacheKeyParameters: i.cacheKeyParameters,
        tlsConfig: i.tlsConfig,
      }),
    },
  ];
  for (const code of Object.keys(i.integrationResponses).sort()) calls.push(putIntegrationResponse(m, target, i.integrationResponses[code], false));
  return calls;
}

function putIntegrationResponse(m: MethodKey, target: string, ir: IntegrationResponse, replacing: boolean): PlannedCall {
  return {
    operation: "PutIntegrationResponse",
    target,
    description: `${replacing ? "Update" : "Add"} integration response ${ir.statusCode}${ir.selectionPattern ? ` (pattern ${ir.selectionPattern})` : ""} of ${target}`,
    kind: replacing ? "update" : "create",
    params: compact({
      ...m,
      statusCode: ir.statusCode,
      selectionPattern: ir.selectionPattern,
      responseParameters: ir.responseParameters,
      responseTemplates: ir.responseTemplates,
      contentHandling: ir.contentHandling,
    }),
  };
}

function sameIntegrationResponse(l: AwsIntegrationResponse, w: IntegrationResponse): boolean {
  return (
    sameScalarText(l.selectionPattern, w.selectionPattern) &&
    sameMap(l.responseParameters, w.responseParameters) &&
    sameMap(l.responseTemplates, w.responseTemplates) &&
    sameScalarText(l.contentHandling, w.contentHandling)
  );
}

function diffIntegration(l: AwsIntegration, w: Integration): PatchOp[] {
  const mock = w.type === "MOCK";
  const ops: PatchOp[] = [];
  if (!mock) {
    // On the wire, the integration's own HTTP method is `httpMethod` (the SDK input calls it integrationHttpMethod).
    ops.push(...scalarOps("/httpMethod", l.httpMethod, w.httpMethod));
    ops.push(...scalarOps("/uri", l.uri, w.uri));
    if (w.connectionType !== undefined || (l.connectionType && l.connectionType !== "INTERNET"))
      ops.push(...scalarOps("/connectionType", l.connectionType ?? "INTERNET", w.connectionType ?? "INTERNET"));
    ops.push(...scalarOps("/connectionId", l.connectionId, w.connectionId));
    ops.push(...scalarOps("/credentials", l.credentials, w.credentials));
  }
  ops.push(...mapOps("/requestParameters", l.requestParameters, w.requestParameters));
  ops.push(...mapOps("/requestTemplates", l.requestTemplates, w.requestTemplates));
  ops.push(...scalarOps("/passthroughBehavior", l.passthroughBehavior ?? "WHEN_NO_MATCH", w.passthroughBehavior));
  ops.push(...scalarOps("/contentHandling", l.contentHandling, w.contentHandling));
  ops.push(...scalarOps("/timeoutInMillis", String(l.timeoutInMillis ?? 29000), String(w.timeoutInMillis)));
  if (w.cacheNamespace !== undefined) ops.push(...scalarOps("/cacheNamespace", l.cacheNamespace, w.cacheNamespace));
  if (!sameList(l.cacheKeyParameters, w.cacheKeyParameters)) ops.push(...listOps("/cacheKeyParameters", l.cacheKeyParameters, w.cacheKeyParameters, "path"));
  const lt = String(l.tlsConfig?.insecureSkipVerification ?? false);
  const wt = String(w.tlsConfig?.insecureSkipVerification ?? false);
  if (lt !== wt) ops.push({ op: "replace", path: "/tlsConfig/insecureSkipVerification", value: wt });
  return ops;
}

// ---------------------------------------------------------------------------------------------
// Execution

export interface ExecuteOptions {
  onProgress?(done: number, total: number, call: CallRecord): void;
  limiter?: ApiGatewayLimiter;
}

/** What the record keeps of a failed call: AWS's code and message (or a readable account of what went wrong). */
function errorInfo(info: AwsErrorInfo): CallRecord["error"] {
  return { name: info.code, message: info.message, status: info.status };
}

export async function executePush(client: APIGatewayClient, plan: PushPlan, options: ExecuteOptions = {}): Promise<PushResult> {
  const bindings: Record<string, string> = { ...plan.bindings };
  const completed: CallRecord[] = [];
  if (plan.deployment.upToDate && plan.calls.length === 0 && plan.restApiId)
    return { restApiId: plan.restApiId, deploymentId: plan.deployment.upToDate.deploymentId, stageName: plan.stageName, calls: [] };
  const total = plannedCallCount(plan);
  const clock = () => Date.now();

  // biome-ignore lint/suspicious/noExplicitAny: each operation answers its own shape; only ids are read from it
  async function run(call: PlannedCall): Promise<any> {
    const started = clock();
    let params: Record<string, unknown> = call.params;
    const record: CallRecord = {
      operation: call.operation,
      target: call.target,
      description: call.description,
      kind: call.kind,
      params: redactPutRestApiParams(params),
      ok: false,
      retries: 0,
      startedAt: new Date(started).toISOString(),
      durationMs: 0,
    };
    try {
      params = resolveRefs(call.params, bindings);
      record.params = redactPutRestApiParams(params);
      // PutRestApi's body is a blob on the wire: the OpenAPI document's UTF-8 bytes.
      if (call.operation === "PutRestApi" && typeof params.body === "string") params = { ...params, body: new TextEncoder().encode(params.body) };
      // biome-ignore lint/suspicious/noExplicitAny: as for run(): only ids are read from the answer
      const out = await callApiGateway<any>(client, call.operation, params, {
        limiter: options.limiter,
        onRetry: () => {
          record.retries++;
        },
      });
      record.ok = true;
      record.durationMs = clock() - started;
      if (out && typeof out.id === "string") record.createdId = out.id;
      if (call.binds && out?.id) bindings[call.binds] = out.id;
      if (call.operation === "CreateRestApi" && out?.rootResourceId) bindings["resource:/"] = out.rootResourceId;
      completed.push(record);
      options.onProgress?.(completed.length, total, record);
      return out;
    } catch (e) {
      record.durationMs = clock() - started;
      const info = describeAwsError(e, { operation: call.operation, target: call.target });
      record.error = errorInfo(info);
      throw new PushError(
        `Push stopped at "${call.description}": ${formatAwsError(info)} (${completed.length + 1} of ${total} calls made)`,
        [...completed],
        record,
        bindings.restApi ?? plan.restApiId,
        e,
      );
    }
  }

  for (const call of plan.calls) await run(call);

  const restApiId = bindings.restApi;
  if (!restApiId) throw new Error("Push plan has no REST API to deploy");
  const reused = plan.deployment.reuse?.deploymentId;
  const dep = reused
    ? { id: reused }
    : await run({
        operation: "CreateDeployment",
        target: `API ${plan.apiName}`,
        description: `Deploy ${plan.apiName}`,
        kind: "deploy",
        params: compact({ restApiId, description: plan.deployment.description }),
      });
  const deploymentId: string = dep.id;
  const createStage: PlannedCall = {
    operation: "CreateStage",
    target: `stage ${plan.stageName}`,
    description: `Create stage ${plan.stageName} on the new deployment`,
    kind: "deploy",
    params: compact({ restApiId, stageName: plan.stageName, deploymentId, variables: plan.deployment.variables }),
  };
  const updateStage: PlannedCall = {
    operation: "UpdateStage",
    target: `stage ${plan.stageName}`,
    description: `Point stage ${plan.stageName} at the new deployment`,
    kind: "deploy",
    params: {
      restApiId,
      stageName: plan.stageName,
      patchOperations: [{ op: "replace", path: "/deploymentId", value: deploymentId }, ...plan.deployment.stagePatchOperations],
    },
  };
  // The stage may have appeared or gone since planning (another push, a console edit): fall back once.
  const first = plan.deployment.stageExists ? updateStage : createStage;
  const second = plan.deployment.stageExists ? createStage : updateStage;
  try {
    await run(first);
  } catch (e) {
    const cause = (e as PushError).cause;
    const retry = plan.deployment.stageExists ? isNotFound(cause) : (cause as { name?: string })?.name === "ConflictException";
    if (!retry) throw e;
    await run(second);
  }
  return { restApiId, deploymentId, stageName: plan.stageName, calls: completed };
}

/** Plan and execute in one go. */
export async function push(client: APIGatewayClient, input: PlanPushInput, options: ExecuteOptions = {}): Promise<PushResult & { plan: PushPlan }> {
  const plan = await planPush(client, input, { limiter: options.limiter });
  const result = await executePush(client, plan, options);
  return { ...result, plan };
}

/**
 * Methods, resource by resource in tree order and verb by verb: a new method is put with its
 * responses and integration; a live one is patched, its parts planned by method-responses.ts and
 * integrations.ts. Methods the design drops are deleted after every other method change (and
 * before resources go), so they are returned apart.
 */
import type { Method as AwsMethod } from "@aws-sdk/client-api-gateway";
import { HTTP_METHODS, type Method } from "../../model/design";
import { type PatchOp, type Ref, compact, listOps, mapOps, scalarOps } from "../diff";
import { authorizerIdFor } from "./authorizers";
import { type MethodKey, type PlanContext, fieldsOf, idOf } from "./context";
import { planIntegration, planIntegrationResponseDeletes, putIntegrationWithResponses } from "./integrations";
import { planMethodResponses, putMethodResponses } from "./method-responses";
import type { ResourceTree } from "./resources";
import type { PlannedCall } from "./types";
import { validatorIdFor } from "./validators";

const METHOD_ORDER = new Map<string, number>(HTTP_METHODS.map((m, i) => [m, i]));
/** GET, POST, PUT … as the console lists them; anything else after, alphabetically. */
const byVerb = (a: string, b: string) => (METHOD_ORDER.get(a) ?? 99) - (METHOD_ORDER.get(b) ?? 99) || a.localeCompare(b);

export interface MethodCalls {
  /** Puts and patches of methods the design has, with their responses and integrations. */
  changes: PlannedCall[];
  /** DeleteMethod for live methods the design no longer has. */
  deletes: PlannedCall[];
}

export function planMethods(ctx: PlanContext, tree: ResourceTree): MethodCalls {
  const out: MethodCalls = { changes: [], deletes: [] };
  for (const r of tree.ordered) {
    const path = tree.pathOf.get(r.id)!;
    const base = { restApiId: ctx.restApiId, resourceId: idOf(ctx, `resource:${path}`) };
    const liveMethods = (tree.liveByPath.get(path)?.resourceMethods ?? {}) as Record<string, AwsMethod>;
    for (const verb of Object.keys(r.methods).sort(byVerb)) {
      const key = { ...base, httpMethod: verb };
      const live = liveMethods[verb];
      out.changes.push(
        ...(live ? updateMethod(ctx, key, `${verb} ${path}`, live, r.methods[verb]) : createMethod(ctx, key, `${verb} ${path}`, r.methods[verb])),
      );
    }
    for (const verb of Object.keys(liveMethods).sort(byVerb))
      if (!(verb in r.methods))
        out.deletes.push({
          operation: "DeleteMethod",
          target: `${verb} ${path}`,
          description: `Delete method ${verb} ${path}`,
          kind: "delete",
          params: { ...base, httpMethod: verb },
        });
  }
  return out;
}

function createMethod(ctx: PlanContext, m: MethodKey, target: string, want: Method): PlannedCall[] {
  const calls: PlannedCall[] = [
    {
      operation: "PutMethod",
      target,
      description: `Create method ${target}`,
      kind: "create",
      params: putMethodParams(m, want, authorizerIdFor(ctx, want), validatorIdFor(ctx, want)),
    },
    ...putMethodResponses(m, target, want.methodResponses),
  ];
  if (want.integration) calls.push(...putIntegrationWithResponses(m, target, want.integration, false));
  return calls;
}

/** A live method to the design's: integration responses going away first (before their method responses), then the method, its responses, its integration. */
function updateMethod(ctx: PlanContext, m: MethodKey, target: string, live: AwsMethod, want: Method): PlannedCall[] {
  const calls = planIntegrationResponseDeletes(m, target, live.methodIntegration, want.integration);
  const ops = diffMethod(live, want, authorizerIdFor(ctx, want), validatorIdFor(ctx, want), ctx.bindings);
  if (ops.length)
    calls.push({
      operation: "UpdateMethod",
      target,
      description: `Update method ${target} (${fieldsOf(ops)})`,
      kind: "update",
      params: { ...m, patchOperations: ops },
    });
  calls.push(...planMethodResponses(m, target, live.methodResponses ?? {}, want.methodResponses));
  calls.push(...planIntegration(m, target, live.methodIntegration, want.integration));
  return calls;
}

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
    // Scopes only mean something to a Cognito authorizer; AWS refuses them elsewhere.
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
  const cognito = want.authorizationType === "COGNITO_USER_POOLS";
  return [
    ...scalarOps("/authorizationType", l.authorizationType ?? "NONE", want.authorizationType),
    ...scalarOps("/authorizerId", l.authorizerId, authorizerId, bindings),
    ...scalarOps("/apiKeyRequired", String(l.apiKeyRequired ?? false), String(want.apiKeyRequired)),
    ...scalarOps("/operationName", l.operationName, want.operationName),
    ...mapOps("/requestParameters", l.requestParameters, want.requestParameters),
    ...mapOps("/requestModels", l.requestModels, want.requestModels),
    ...scalarOps("/requestValidatorId", l.requestValidatorId, validatorId, bindings),
    ...(cognito || (l.authorizationScopes ?? []).length
      ? listOps("/authorizationScopes", l.authorizationScopes, cognito ? want.authorizationScopes : [], "value")
      : []),
  ];
}

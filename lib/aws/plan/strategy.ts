/**
 * One PutRestApi (overwrite with the design's OpenAPI document) instead of the per-entity calls,
 * when that is worth it. On an API that already has content, an overwrite re-creates every
 * resource (new ids in AWS's console and logs, the whole API rewritten for a small edit), so it is
 * only chosen when the per-entity calls would outrun the account's burst and wait on the quota. A
 * new or empty API has nothing to lose: there, fewer calls wins.
 */
import { type PatchOp, scalarOps } from "../diff";
import { API_GATEWAY_TOTAL_QUOTA } from "../limiter";
import { formatBytes, putRestApiDocument } from "../put-rest-api";
import { type PlanContext, fieldsOf } from "./context";
import { endpointTypeOp } from "./rest-api";
import type { PlanPushInput, PlannedCall, PushStrategy } from "./types";

const plural = (n: number) => (n === 1 ? "" : "s");

/** The calls the plan makes and why: the per-entity calls given, or the PutRestApi ones replacing them (the context's bindings and notes follow). */
export function chooseStrategy(
  ctx: PlanContext,
  perEntity: PlannedCall[],
  wanted: PlanPushInput["strategy"],
): { calls: PlannedCall[]; strategy: PushStrategy } {
  const n = perEntity.length;
  const perEntityOnly: PushStrategy = { kind: "per-entity", perEntityCalls: n, reason: `${n} per-entity call${plural(n)}` };
  if (n === 0 || wanted === "per-entity") return { calls: perEntity, strategy: perEntityOnly };
  const alternative = putRestApiCalls(ctx, perEntity[0]?.operation === "CreateRestApi" ? perEntity[0] : null);
  perEntityOnly.putRestApiCalls = alternative.length;
  const liveHasContent = ctx.live !== null && ctx.live.resources.length > 1;
  if (wanted !== "put-rest-api" && liveHasContent && n <= API_GATEWAY_TOTAL_QUOTA.burst) {
    if (alternative.length < n)
      perEntityOnly.reason = `${n} per-entity calls: within the ${API_GATEWAY_TOTAL_QUOTA.burst}-request burst the live API is changed in place rather than overwritten`;
    return { calls: perEntity, strategy: perEntityOnly };
  }
  if (alternative.length >= n) return { calls: perEntity, strategy: perEntityOnly };
  return overwriteIfFewer(ctx, perEntity, alternative, perEntityOnly);
}

/** With the OpenAPI document built: PutRestApi when it still is fewer calls (model descriptions it can't carry cost one call each). */
function overwriteIfFewer(ctx: PlanContext, perEntity: PlannedCall[], alternative: PlannedCall[], perEntityOnly: PushStrategy) {
  const n = perEntity.length;
  const check = putRestApiDocument(ctx.design);
  if (!check.ok) {
    perEntityOnly.reason = `${n} per-entity calls: PutRestApi (${alternative.length} calls) not used because ${check.reason}`;
    ctx.notes.push(perEntityOnly.reason);
    return { calls: perEntity, strategy: perEntityOnly };
  }
  for (const fix of check.modelDescriptions)
    alternative.push({
      operation: "UpdateModel",
      target: `model ${fix.model}`,
      description: `Set the description of model ${fix.model} (an OpenAPI schema has none)`,
      kind: "update",
      params: { restApiId: ctx.restApiId, modelName: fix.model, patchOperations: [{ op: "replace", path: "/description", value: fix.description }] },
    });
  if (alternative.length >= n) {
    perEntityOnly.putRestApiCalls = alternative.length;
    return { calls: perEntity, strategy: perEntityOnly };
  }
  const put = alternative.find((c) => c.operation === "PutRestApi")!;
  put.params.body = check.document.text;
  put.description = `Overwrite the API with its OpenAPI document (${formatBytes(check.document.bytes)})`;
  const strategy: PushStrategy = {
    kind: "put-rest-api",
    perEntityCalls: n,
    putRestApiCalls: alternative.length,
    mode: "overwrite",
    bodyBytes: check.document.bytes,
    reason: `PutRestApi: ${alternative.length} call${plural(alternative.length)} instead of ${n.toLocaleString("en-US")}`,
  };
  // Overwrite gives every resource a new id: only the API's own id stays valid.
  for (const k of Object.keys(ctx.bindings)) if (k !== "restApi") delete ctx.bindings[k];
  ctx.notes.push(
    `${strategy.reason} (mode=overwrite, ${formatBytes(check.document.bytes)} document, failOnWarnings): the API is replaced by the design as a whole; running it again gives the same API.`,
  );
  return { calls: alternative, strategy };
}

/**
 * The entity calls of the PutRestApi strategy (the body is filled in once the plan picks it):
 * CreateRestApi for a new API (it sets the endpoint configuration, which an import never changes),
 * PutRestApi overwrite, then UpdateRestApi for the endpoint type and disableExecuteApiEndpoint when
 * the live API has others.
 */
function putRestApiCalls(ctx: PlanContext, create: PlannedCall | null): PlannedCall[] {
  const { design, live, restApiId } = ctx;
  const out: PlannedCall[] = [];
  if (create) out.push(create);
  out.push({
    operation: "PutRestApi",
    target: `API ${design.name}`,
    description: "Overwrite the API with its OpenAPI document",
    kind: live ? "update" : "create",
    params: { restApiId, mode: "overwrite", failOnWarnings: true, body: "" },
  });
  if (!live) return out;
  const a = live.restApi;
  const endpointType = endpointTypeOp(a, design);
  const ops: PatchOp[] = [
    ...(endpointType ? [endpointType] : []),
    ...scalarOps("/disableExecuteApiEndpoint", String(a.disableExecuteApiEndpoint ?? false), String(design.disableExecuteApiEndpoint)),
  ];
  if (ops.length)
    out.push({
      operation: "UpdateRestApi",
      target: `API ${design.name}`,
      description: `Update API settings PutRestApi leaves alone (${fieldsOf(ops)})`,
      kind: "update",
      params: { restApiId, patchOperations: ops },
    });
  return out;
}

/** Request validators, matched by name: created (binding their new id), updated, or deleted once no method design names them. */
import type { RequestValidator as AwsRequestValidator } from "@aws-sdk/client-api-gateway";
import type { Method, RequestValidator } from "../../model/design";
import { type Ref, scalarOps } from "../diff";
import { type PlanContext, idOf } from "./context";
import type { PlannedCall } from "./types";

const bindingKey = (name: string) => `validator:${name}`;

export function planValidators(ctx: PlanContext): PlannedCall[] {
  const liveValidators = new Map<string, AwsRequestValidator>();
  for (const v of ctx.live?.requestValidators ?? []) if (v.name && !liveValidators.has(v.name)) liveValidators.set(v.name, v);
  const calls: PlannedCall[] = [];
  for (const v of ctx.design.requestValidators) {
    const l = liveValidators.get(v.name);
    if (!l) {
      calls.push(createValidator(ctx, v));
      continue;
    }
    ctx.bindings[bindingKey(v.name)] = l.id!;
    const ops = [
      ...scalarOps("/validateRequestBody", String(l.validateRequestBody ?? false), String(v.validateRequestBody)),
      ...scalarOps("/validateRequestParameters", String(l.validateRequestParameters ?? false), String(v.validateRequestParameters)),
    ];
    if (ops.length)
      calls.push({
        operation: "UpdateRequestValidator",
        target: `validator ${v.name}`,
        description: `Update request validator ${v.name}`,
        kind: "update",
        params: { restApiId: ctx.restApiId, requestValidatorId: l.id, patchOperations: ops },
      });
  }
  return calls;
}

function createValidator(ctx: PlanContext, v: RequestValidator): PlannedCall {
  return {
    operation: "CreateRequestValidator",
    target: `validator ${v.name}`,
    description: `Create request validator ${v.name}`,
    kind: "create",
    binds: bindingKey(v.name),
    params: { restApiId: ctx.restApiId, name: v.name, validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters },
  };
}

/** Live validators the design no longer has. */
export function planValidatorDeletes(ctx: PlanContext): PlannedCall[] {
  const designValidators = new Set(ctx.design.requestValidators.map((v) => v.name));
  return (ctx.live?.requestValidators ?? [])
    .filter((v) => !designValidators.has(v.name ?? ""))
    .map((v) => ({
      operation: "DeleteRequestValidator",
      target: `validator ${v.name}`,
      description: `Delete request validator ${v.name}`,
      kind: "delete" as const,
      params: { restApiId: ctx.restApiId, requestValidatorId: v.id },
    }));
}

/** The AWS id (or Ref) of the validator a method uses; the design refers to it by Gatehouse id, AWS by its own. */
export function validatorIdFor(ctx: PlanContext, m: Method): string | Ref | undefined {
  if (!m.requestValidatorId) return undefined;
  const name = new Map(ctx.design.requestValidators.map((v) => [v.id, v.name])).get(m.requestValidatorId);
  if (!name) throw new Error(`Method uses request validator ${m.requestValidatorId}, which is not in the design`);
  return idOf(ctx, bindingKey(name));
}

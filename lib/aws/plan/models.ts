/**
 * Models: created in dependency order (a schema that `$ref`s another model comes after it),
 * updated in place, or deleted and created again when the content type changes (AWS can't patch
 * it). Methods refer to models by name, so models are planned before methods and deleted after.
 */
import type { Model as AwsModel } from "@aws-sdk/client-api-gateway";
import type { Model } from "../../model/design";
import { type PatchOp, compact, sameJsonText, scalarOps, withModelRefPlaceholder } from "../diff";
import { BUILT_IN_MODEL_DESCRIPTIONS, BUILT_IN_MODEL_SCHEMAS } from "../import";
import { type PlanContext, fieldsOf } from "./context";
import type { PlannedCall } from "./types";

/** Models API Gateway adds to every new REST API; a push never deletes them. */
export const BUILT_IN_MODELS = ["Empty", "Error"];

export function planModels(ctx: PlanContext): PlannedCall[] {
  const liveModels = liveModelsByName(ctx);
  const calls: PlannedCall[] = [];
  for (const m of modelsInDependencyOrder(ctx.design.models)) {
    const l = liveModels.get(m.name);
    if (!l) calls.push(createModel(ctx, m));
    else if ((l.contentType ?? "application/json") !== m.contentType) {
      ctx.notes.push(`Model ${m.name} changes content type: it is deleted and created again.`);
      calls.push(deleteModel(ctx, m.name, `Delete model ${m.name} (content type changes)`), createModel(ctx, m));
    } else calls.push(...updateModel(ctx, l, m));
  }
  return calls;
}

/** Live models nothing in the design names any more (the built-in ones stay). */
export function planModelDeletes(ctx: PlanContext): PlannedCall[] {
  const designModels = new Set(ctx.design.models.map((m) => m.name));
  return (ctx.live?.models ?? [])
    .filter((m) => !designModels.has(m.name!) && !BUILT_IN_MODELS.includes(m.name!))
    .map((m) => deleteModel(ctx, m.name!, `Delete model ${m.name}`));
}

/** What is live by name; a new REST API comes with Empty and Error, so a design that has them updates those rather than creating them again. */
function liveModelsByName(ctx: PlanContext): Map<string, AwsModel> {
  const models: AwsModel[] =
    ctx.live?.models ??
    Object.entries(BUILT_IN_MODEL_SCHEMAS).map(([name, schema]) => ({
      name,
      schema,
      contentType: "application/json",
      description: BUILT_IN_MODEL_DESCRIPTIONS[name],
    }));
  return new Map(models.map((m) => [m.name!, m]));
}

function createModel(ctx: PlanContext, m: Model): PlannedCall {
  return {
    operation: "CreateModel",
    target: `model ${m.name}`,
    description: `Create model ${m.name}`,
    kind: "create",
    params: compact({ restApiId: ctx.restApiId, name: m.name, contentType: m.contentType, schema: m.schema, description: m.description }),
  };
}

function deleteModel(ctx: PlanContext, name: string, description: string): PlannedCall {
  return { operation: "DeleteModel", target: `model ${name}`, description, kind: "delete", params: { restApiId: ctx.restApiId, modelName: name } };
}

function updateModel(ctx: PlanContext, l: AwsModel, m: Model): PlannedCall[] {
  // AWS stores `$ref`s to the API's own models with its real id; the design keeps the placeholder.
  const sameSchema = sameJsonText(withModelRefPlaceholder(l.schema ?? "", ctx.live?.restApi.id), m.schema);
  const ops: PatchOp[] = [
    ...(sameSchema ? [] : [{ op: "replace" as const, path: "/schema", value: m.schema }]),
    ...scalarOps("/description", l.description, m.description),
  ];
  if (!ops.length) return [];
  return [
    {
      operation: "UpdateModel",
      target: `model ${m.name}`,
      description: `Update model ${m.name} (${fieldsOf(ops)})`,
      kind: "update",
      params: { restApiId: ctx.restApiId, modelName: m.name, patchOperations: ops },
    },
  ];
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

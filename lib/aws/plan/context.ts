/**
 * What the per-entity planners share. Gatehouse's entity ids are not AWS ids: resources are
 * matched by full path, models, validators and authorizers by name, gateway responses by type.
 * Each planner compares the design with what is live, returns the calls that close the gap, and
 * records in `bindings` the AWS ids it found live, so later planners (methods refer to resources,
 * validators and authorizers) use real ids where they exist and Refs where an earlier call creates them.
 */
import type { ApiDesign } from "../../model/design";
import { type PatchOp, type Ref, unset } from "../diff";
import type { LiveApi } from "../live";

export interface PlanContext {
  design: ApiDesign;
  /** null: there is no REST API on AWS yet; the plan creates it. */
  live: LiveApi | null;
  /** AWS ids known before any call runs: "restApi", "resource:/pets", "validator:NAME", "authorizer:NAME". */
  bindings: Record<string, string>;
  /** The REST API's id, or a Ref to the one CreateRestApi makes. */
  restApiId: string | Ref;
  /** Things the user should know about the plan. */
  notes: string[];
}

export function planContext(design: ApiDesign, live: LiveApi | null): PlanContext {
  const bindings: Record<string, string> = {};
  if (live) bindings.restApi = live.restApi.id!;
  return { design, live, bindings, restApiId: bindings.restApi ?? { ref: "restApi" }, notes: [] };
}

/** The AWS id bound to `key` if it is known now, else a Ref the executor binds once the call creating it has run. */
export function idOf(ctx: PlanContext, key: string): string | Ref {
  return ctx.bindings[key] ?? { ref: key };
}

/** Where a method lives, as every method-level call names it. */
export type MethodKey = { restApiId: string | Ref; resourceId: string | Ref; httpMethod: string };

/** The top-level fields a set of patch operations touches, for a call's one-line description. */
export function fieldsOf(ops: PatchOp[]): string {
  return [...new Set(ops.map((o) => o.path.split("/")[1]))].join(", ");
}

/** Equal as API Gateway sees them: empty, null and missing are all "not set". */
export function sameScalarText(a: unknown, b: unknown): boolean {
  return (unset(a) && unset(b)) || a === b;
}

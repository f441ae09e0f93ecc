/**
 * Resources, matched by full path: created parents first (a child's parentId may be a Ref to its
 * parent's CreateResource), and deleted topmost first, since deleting a resource takes its whole
 * subtree with it.
 */
import type { Resource as AwsResource } from "@aws-sdk/client-api-gateway";
import type { ApiDesign, Resource } from "../../model/design";
import { resourcePath, resourcesInTreeOrder } from "../../model/tree";
import type { LiveApi } from "../live";
import { type PlanContext, idOf } from "./context";
import type { PlannedCall } from "./types";

/** The design's resources and the live ones, both by path: what the resource and method planners walk. */
export interface ResourceTree {
  /** Design resources, parents before children. */
  ordered: Resource[];
  /** Design resource id → its full path ("/pets/{id}"). */
  pathOf: Map<string, string>;
  liveByPath: Map<string, AwsResource>;
}

export function resourceTree(design: ApiDesign, live: LiveApi | null): ResourceTree {
  const liveByPath = new Map<string, AwsResource>();
  for (const r of live?.resources ?? []) if (r.path) liveByPath.set(r.path, r);
  const ordered = resourcesInTreeOrder(design);
  return { ordered, pathOf: new Map(ordered.map((r) => [r.id, resourcePath(design, r)])), liveByPath };
}

/** CreateResource for each design path not live; the live ones' ids are bound for the method calls. */
export function planResourceCreates(ctx: PlanContext, tree: ResourceTree): PlannedCall[] {
  const calls: PlannedCall[] = [];
  for (const r of tree.ordered) {
    const path = tree.pathOf.get(r.id)!;
    const l = tree.liveByPath.get(path);
    if (l) {
      ctx.bindings[`resource:${path}`] = l.id!;
      continue;
    }
    if (r.parentId === null) continue; // the root comes with CreateRestApi
    calls.push({
      operation: "CreateResource",
      target: path,
      description: `Create resource ${path}`,
      kind: "create",
      binds: `resource:${path}`,
      params: { restApiId: ctx.restApiId, parentId: idOf(ctx, `resource:${tree.pathOf.get(r.parentId)!}`), pathPart: r.pathPart },
    });
  }
  return calls;
}

const parentOf = (p: string) => (p.lastIndexOf("/") <= 0 ? "/" : p.slice(0, p.lastIndexOf("/")));

/** DeleteResource for the topmost of each removed subtree only; deepest first, then by path. */
export function planResourceDeletes(ctx: PlanContext, tree: ResourceTree): PlannedCall[] {
  const wanted = new Set(tree.pathOf.values());
  const removed = [...tree.liveByPath.keys()].filter((p) => !wanted.has(p));
  const removedSet = new Set(removed);
  const calls: PlannedCall[] = [];
  for (const p of removed.sort((a, b) => b.split("/").length - a.split("/").length || a.localeCompare(b))) {
    if (removedSet.has(parentOf(p))) continue;
    const below = removed.filter((q) => q.startsWith(`${p}/`)).length;
    calls.push({
      operation: "DeleteResource",
      target: p,
      description: below ? `Delete resource ${p} and the ${below} resource${below > 1 ? "s" : ""} below it` : `Delete resource ${p}`,
      kind: "delete",
      params: { restApiId: ctx.restApiId, resourceId: tree.liveByPath.get(p)!.id },
    });
  }
  return calls;
}

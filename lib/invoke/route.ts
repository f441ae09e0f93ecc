/**
 * Route: finds the resource and method for a path the way API Gateway does. At each level a
 * literal child wins over a `{param}` child, which wins over a `{proxy+}` child; a resource
 * without the verb falls back to its `ANY` method. No match → 403 Missing Authentication Token.
 */
import type { ApiDesign, Method, Resource } from "../model/design";
import { isGreedyPart, isParamPart } from "../model/rules";
import { resourcePath, rootResource } from "../model/tree";
import type { InvocationContext } from "./context";
import { missingAuthenticationToken } from "./errors";

export interface RouteMatch {
  resource: Resource;
  method: Method;
  pathParameters: Record<string, string>;
}

function safeDecode(s: string): string {
  if (!s.includes("%")) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function methodFor(resource: Resource, verb: string): Method | undefined {
  return resource.methods[verb] ?? resource.methods.ANY;
}

const rank = (r: Resource) => (isGreedyPart(r.pathPart) ? 2 : isParamPart(r.pathPart) ? 1 : 0);

/** The tree as routing walks it: children by parent, literal children first, then `{param}`, then greedy. */
interface RouteIndex {
  root: Resource;
  children: Map<string, Resource[]>;
  /** Full resource paths, filled as resources are matched. */
  paths: Map<Resource, string>;
}

function buildIndex(design: ApiDesign): RouteIndex {
  const children = new Map<string, Resource[]>();
  for (const r of design.resources) {
    if (r.parentId === null) continue;
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  for (const list of children.values()) list.sort((a, b) => rank(a) - rank(b));
  return { root: rootResource(design), children, paths: new Map() };
}

/**
 * A frozen design (a deployment's snapshot, see lib/gateway/target.ts) cannot change, so its index
 * is built once; a draft may be edited in place between invocations, so it gets a fresh one.
 */
const indexes = new WeakMap<ApiDesign, RouteIndex>();
function routeIndex(design: ApiDesign): RouteIndex {
  if (!Object.isFrozen(design)) return buildIndex(design);
  let index = indexes.get(design);
  if (!index) indexes.set(design, (index = buildIndex(design)));
  return index;
}

/** Matches a request path and verb against the design; undefined when nothing matches. */
export function matchRoute(design: ApiDesign, path: string, verb: string): RouteMatch | undefined {
  return matchIn(routeIndex(design), path, verb);
}

function matchIn(index: RouteIndex, path: string, verb: string): RouteMatch | undefined {
  const decoded: string[] = [];
  for (const s of path.split("/")) if (s !== "") decoded.push(safeDecode(s));
  return visit(index, decoded, verb, index.root, 0, {});
}

/** Depth-first with backtracking: a literal branch that dead-ends lets the variable branch try. */
function visit(index: RouteIndex, decoded: string[], verb: string, resource: Resource, i: number, params: Record<string, string>): RouteMatch | undefined {
  if (i === decoded.length) {
    const method = methodFor(resource, verb);
    return method ? { resource, method, pathParameters: params } : undefined;
  }
  for (const child of index.children.get(resource.id) ?? []) {
    if (isGreedyPart(child.pathPart)) {
      const name = child.pathPart.slice(1, -2);
      const method = methodFor(child, verb);
      if (method) return { resource: child, method, pathParameters: { ...params, [name]: decoded.slice(i).join("/") } };
    } else if (isParamPart(child.pathPart)) {
      const found = visit(index, decoded, verb, child, i + 1, { ...params, [child.pathPart.slice(1, -1)]: decoded[i] });
      if (found) return found;
    } else if (child.pathPart === decoded[i]) {
      const found = visit(index, decoded, verb, child, i + 1, params);
      if (found) return found;
    }
  }
  return undefined;
}

/** A matched resource's full path, remembered in the index. */
function pathOf(design: ApiDesign, index: RouteIndex | undefined, resource: Resource): string {
  let path = index?.paths.get(resource);
  if (path === undefined) {
    path = resourcePath(design, resource);
    index?.paths.set(resource, path);
  }
  return path;
}

export function routeRequest(ctx: InvocationContext): void {
  const request = ctx.request!;
  const index = routeIndex(ctx.design);
  const match = matchIn(index, request.path, request.httpMethod);
  if (!match) {
    // AWS writes no execution log for an unmatched route; this line says why the 403 came.
    ctx.log.add(`Execution failed: no resource and method match ${request.httpMethod} ${request.path}`);
    throw missingAuthenticationToken();
  }
  ctx.resource = match.resource;
  ctx.method = match.method;
  ctx.integration = match.method.integration;
  ctx.pathParameters = match.pathParameters;
  ctx.resourcePath = pathOf(ctx.design, index, match.resource);
  // parse made this object for this request alone: add to it rather than copy it.
  ctx.contextVariables.resourceId = match.resource.id;
  ctx.contextVariables.resourcePath = ctx.resourcePath;
}

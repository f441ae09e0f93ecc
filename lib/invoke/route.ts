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
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function methodFor(resource: Resource, verb: string): Method | undefined {
  return resource.methods[verb] ?? resource.methods.ANY;
}

/** Literal children first, then the `{param}` child, then the greedy child (siblings allow one variable). */
function rankedChildren(children: Resource[]): Resource[] {
  const rank = (r: Resource) => (isGreedyPart(r.pathPart) ? 2 : isParamPart(r.pathPart) ? 1 : 0);
  return [...children].sort((a, b) => rank(a) - rank(b));
}

/** Matches a request path and verb against the design; undefined when nothing matches. */
export function matchRoute(design: ApiDesign, path: string, verb: string): RouteMatch | undefined {
  const segments = path.split("/").filter((s) => s !== "");
  const children = new Map<string, Resource[]>();
  for (const r of design.resources) {
    if (r.parentId === null) continue;
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }

  // Depth-first with backtracking: a literal branch that dead-ends lets the variable branch try.
  const visit = (resource: Resource, i: number, params: Record<string, string>): RouteMatch | undefined => {
    if (i === segments.length) {
      const method = methodFor(resource, verb);
      return method ? { resource, method, pathParameters: params } : undefined;
    }
    for (const child of rankedChildren(children.get(resource.id) ?? [])) {
      if (isGreedyPart(child.pathPart)) {
        const name = child.pathPart.slice(1, -2);
        const method = methodFor(child, verb);
        if (method) {
          const value = segments.slice(i).map(safeDecode).join("/");
          return { resource: child, method, pathParameters: { ...params, [name]: value } };
        }
      } else if (isParamPart(child.pathPart)) {
        const found = visit(child, i + 1, { ...params, [child.pathPart.slice(1, -1)]: safeDecode(segments[i]) });
        if (found) return found;
      } else if (child.pathPart === safeDecode(segments[i])) {
        const found = visit(child, i + 1, params);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(rootResource(design), 0, {});
}

export function routeRequest(ctx: InvocationContext): void {
  const request = ctx.request!;
  const match = matchRoute(ctx.design, request.path, request.httpMethod);
  if (!match) {
    // AWS writes no execution log for an unmatched route; this line says why the 403 came.
    ctx.log.add(`Execution failed: no resource and method match ${request.httpMethod} ${request.path}`);
    throw missingAuthenticationToken();
  }
  ctx.resource = match.resource;
  ctx.method = match.method;
  ctx.integration = match.method.integration;
  ctx.pathParameters = match.pathParameters;
  ctx.resourcePath = resourcePath(ctx.design, match.resource);
  ctx.contextVariables = {
    ...ctx.contextVariables,
    resourceId: match.resource.id,
    resourcePath: ctx.resourcePath,
  };
}

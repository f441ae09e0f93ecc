/**
 * The designer's view in its URL: `/apis/<apiId>?resource=<resourceId>&method=<VERB>&tab=<panel>`.
 * Parsing never throws: a value that cannot be a resource id, a verb or a panel is dropped (the
 * default view), and an id that is well formed but not in this API is reported by resolveDesignerView
 * so the page can say so and fall back. Other links (the command palette) build the same format.
 */
import { HTTP_METHODS, type ApiDesign, type HttpMethod, type Method, type Resource } from "@/lib/model/design";
import { findResource, resourcePath, resourcesInTreeOrder } from "@/lib/model/tree";

/** The designer's panels a link can open, in page order (`tab=`). */
export const DESIGNER_TABS = ["settings", "resource", "method", "cors", "gateway-responses", "models", "validators", "authorizers"] as const;
export type DesignerTab = (typeof DESIGNER_TABS)[number];

export interface DesignerView {
  resource?: string;
  method?: HttpMethod;
  tab?: DesignerTab;
}

export type SearchParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

/** Ids are generated (uuid-like); anything long or with control characters is not one. */
const RESOURCE_ID = /^[A-Za-z0-9_-]{1,100}$/;

/** The first value of a parameter, from URLSearchParams (client) or Next's searchParams object (server). */
export function firstParam(params: SearchParamsLike, name: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(name) ?? undefined;
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

const oneOf = <T extends string>(allowed: readonly T[], value: string | undefined): T | undefined =>
  value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;

export function parseDesignerView(params: SearchParamsLike): DesignerView {
  const resource = firstParam(params, "resource")?.trim();
  const view: DesignerView = {
    resource: resource && RESOURCE_ID.test(resource) ? resource : undefined,
    method: oneOf(HTTP_METHODS, firstParam(params, "method")?.trim().toUpperCase()),
    tab: oneOf(DESIGNER_TABS, firstParam(params, "tab")?.trim().toLowerCase()),
  };
  // A method means nothing without its resource.
  if (!view.resource) view.method = undefined;
  return view;
}

/** The query string of a view ("" for the default view), parameters in a fixed order so equal views have equal URLs. */
export function designerSearch(view: DesignerView): string {
  const params = new URLSearchParams();
  if (view.resource) params.set("resource", view.resource);
  if (view.resource && view.method) params.set("method", view.method);
  if (view.tab) params.set("tab", view.tab);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export const designerHref = (apiId: string, view: DesignerView = {}) => `/apis/${apiId}${designerSearch(view)}`;

export interface ResolvedView {
  resource: Resource;
  method?: Method;
  /** When the URL names what this API does not have: a sentence saying so and what is shown instead. */
  missing?: string;
}

/** The resource and method a view shows in this design: an unknown resource falls back to the root, an unknown method to its resource. */
export function resolveDesignerView(design: ApiDesign, view: DesignerView): ResolvedView {
  const root = resourcesInTreeOrder(design)[0];
  if (!view.resource) return { resource: root };
  const resource = findResource(design, view.resource);
  if (!resource) return { resource: root, missing: `Resource ${view.resource} was not found in this API; showing / instead.` };
  if (!view.method) return { resource };
  const method = resource.methods[view.method];
  if (!method) {
    const path = resourcePath(design, resource);
    return { resource, missing: `${view.method} ${path} was not found in this API; showing ${path} instead.` };
  }
  return { resource, method };
}

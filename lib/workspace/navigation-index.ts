/**
 * The command palette's index: every API, resource, method and stage of a workspace, each with the
 * console URL that shows it (the search over them is navigation-search.ts, light enough for the browser).
 * The URL formats are the console's own: the designer keeps the selected resource and method in
 * `?resource=<resourceId>&method=<HTTP_VERB>` on `/apis/<apiId>`; a stage is `/apis/<apiId>/stages/<name>`.
 */
import type { Db } from "../db/client";
import { type ApiDesign, parseDesign } from "../model/design";
import { resourcePath, resourcesInTreeOrder } from "../model/tree";

export type NavigationKind = "api" | "resource" | "method" | "stage";

export interface NavigationEntry {
  kind: NavigationKind;
  /** What the user types to find it: the API's name, `/pets/{id}`, `GET /pets/{id}`, `prod`. */
  label: string;
  /** The API it belongs to (the API itself for kind "api"). */
  apiName: string;
  url: string;
}

export interface NavigationSource {
  id: string;
  name: string;
  design: ApiDesign;
  stageNames: string[];
}

const apiUrl = (apiId: string) => `/apis/${encodeURIComponent(apiId)}`;

function designerUrl(apiId: string, resourceId: string, httpMethod?: string): string {
  const params = new URLSearchParams({ resource: resourceId });
  if (httpMethod) params.set("method", httpMethod);
  return `${apiUrl(apiId)}?${params}`;
}

/** One API's entries: the API, then its resources in tree order each followed by its methods, then its stages. */
function entriesOf(api: NavigationSource): NavigationEntry[] {
  const entry = (kind: NavigationKind, label: string, url: string): NavigationEntry => ({ kind, label, apiName: api.name, url });
  const out = [entry("api", api.name, apiUrl(api.id))];
  for (const resource of resourcesInTreeOrder(api.design)) {
    const path = resourcePath(api.design, resource);
    out.push(entry("resource", path, designerUrl(api.id, resource.id)));
    for (const verb of Object.keys(resource.methods).sort()) {
      out.push(entry("method", `${verb} ${path}`, designerUrl(api.id, resource.id, verb)));
    }
  }
  for (const stage of [...api.stageNames].sort()) {
    out.push(entry("stage", stage, `${apiUrl(api.id)}/stages/${encodeURIComponent(stage)}`));
  }
  return out;
}

export function buildNavigationIndex(apis: NavigationSource[]): NavigationEntry[] {
  return [...apis].sort((a, b) => a.name.localeCompare(b.name)).flatMap(entriesOf);
}

/** The workspace's APIs with their drafts and stage names, as the index is built from. */
export async function loadNavigationIndex(db: Db, workspaceId: string): Promise<NavigationEntry[]> {
  const rows = await db.restApi.findMany({
    where: { workspaceId },
    select: { id: true, name: true, design: true, stages: { select: { name: true } } },
  });
  return buildNavigationIndex(rows.map((r) => ({ id: r.id, name: r.name, design: parseDesign(r.design), stageNames: r.stages.map((s) => s.name) })));
}

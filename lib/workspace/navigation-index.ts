/**
 * The command palette's index: every API, resource, method and stage of a workspace, each with the
 * console URL that shows it, and the search that ranks them as the user types.
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

/**
 * How well an entry matches: lower is better, null when it does not match.
 * Tiers: the label equals the query, starts with it, contains it; "API name + label" contains it;
 * every word of the query is in "API name + kind + label"; the query's letters appear in order
 * (fuzzy, ranked by how spread out they are).
 */
export function matchScore(entry: NavigationEntry, query: string): number | null {
  const q = query.trim().toLowerCase();
  if (!q) return 0;
  const label = entry.label.toLowerCase();
  const full = `${entry.apiName} ${entry.kind} ${entry.label}`.toLowerCase();
  if (label === q) return 0;
  if (label.startsWith(q)) return 1;
  if (label.includes(q)) return 2;
  if (`${entry.apiName} ${entry.label}`.toLowerCase().includes(q)) return 3;
  const words = q.split(/\s+/);
  if (words.every((w) => full.includes(w))) return 4;
  const span = subsequenceSpan(q.replace(/\s+/g, ""), label) ?? subsequenceSpan(q.replace(/\s+/g, ""), full);
  return span === null ? null : 5 + span / (span + 1);
}

/** Length of the shortest-from-the-first-hit stretch of `text` holding `letters` in order; null if they are not all there. */
function subsequenceSpan(letters: string, text: string): number | null {
  let start = -1;
  let at = 0;
  for (const letter of letters) {
    const found = text.indexOf(letter, at);
    if (found < 0) return null;
    if (start < 0) start = found;
    at = found + 1;
  }
  return at - start;
}

/** The entries matching the query, best first (ties keep the index's order), at most `limit`. */
export function searchNavigation(entries: NavigationEntry[], query: string, limit = 50): NavigationEntry[] {
  const scored: { entry: NavigationEntry; score: number; order: number }[] = [];
  entries.forEach((entry, order) => {
    const score = matchScore(entry, query);
    if (score !== null) scored.push({ entry, score, order });
  });
  scored.sort((a, b) => a.score - b.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.entry);
}

/** Reading the resource tree: full paths, children, lookups. Pure functions over a design. */
import type { ApiDesign, Resource } from "./design";

export function rootResource(design: ApiDesign): Resource {
  const root = design.resources.find((r) => r.parentId === null);
  if (!root) throw new Error("design has no root resource");
  return root;
}

export function findResource(design: ApiDesign, id: string): Resource | undefined {
  return design.resources.find((r) => r.id === id);
}

export function childrenOf(design: ApiDesign, parentId: string): Resource[] {
  return design.resources.filter((r) => r.parentId === parentId).sort((a, b) => a.pathPart.localeCompare(b.pathPart));
}

/** The full path of a resource, `/` for the root, `/pets/{id}` below it. */
export function resourcePath(design: ApiDesign, resource: Resource): string {
  const parts: string[] = [];
  let current: Resource | undefined = resource;
  const seen = new Set<string>();
  while (current && current.parentId !== null) {
    if (seen.has(current.id)) throw new Error(`resource tree has a cycle at ${current.id}`);
    seen.add(current.id);
    parts.unshift(current.pathPart);
    current = findResource(design, current.parentId);
  }
  return "/" + parts.join("/");
}

export function findResourceByPath(design: ApiDesign, path: string): Resource | undefined {
  return design.resources.find((r) => resourcePath(design, r) === path);
}

/** Resources in tree order (parents before children, siblings by path part): the order a UI lists and a push creates them. */
export function resourcesInTreeOrder(design: ApiDesign): Resource[] {
  const out: Resource[] = [];
  const visit = (r: Resource) => {
    out.push(r);
    for (const c of childrenOf(design, r.id)) visit(c);
  };
  visit(rootResource(design));
  return out;
}

/** A resource and every resource below it. */
export function subtreeIds(design: ApiDesign, id: string): string[] {
  const ids = [id];
  for (const c of design.resources.filter((r) => r.parentId === id)) ids.push(...subtreeIds(design, c.id));
  return ids;
}

/** What deleting a resource takes with it: the resource and every one below it, with their methods. */
export interface SubtreeSummary {
  path: string;
  resources: { id: string; path: string; methods: string[] }[];
  methodCount: number;
}

export function describeSubtree(design: ApiDesign, id: string): SubtreeSummary {
  const index = indexTree(design);
  const top = index.byId.get(id);
  if (!top) throw new Error(`no resource ${id}`);
  const resources: SubtreeSummary["resources"] = [];
  const visit = (r: Resource) => {
    resources.push({ id: r.id, path: index.pathOf.get(r.id)!, methods: Object.keys(r.methods).sort() });
    for (const c of index.children.get(r.id) ?? []) visit(c);
  };
  visit(top);
  return { path: index.pathOf.get(id)!, resources, methodCount: resources.reduce((n, r) => n + r.methods.length, 0) };
}

/**
 * One pass over the resources: children by parent (sorted) and every full path. The
 * per-call helpers above are O(n) each; at 300 resources a tree view needs this instead.
 */
export interface TreeIndex {
  root: Resource;
  byId: Map<string, Resource>;
  children: Map<string, Resource[]>;
  pathOf: Map<string, string>;
}

export function indexTree(design: ApiDesign): TreeIndex {
  const byId = new Map(design.resources.map((r) => [r.id, r]));
  const children = new Map<string, Resource[]>();
  for (const r of design.resources) {
    if (r.parentId === null) continue;
    const list = children.get(r.parentId);
    if (list) list.push(r);
    else children.set(r.parentId, [r]);
  }
  for (const list of children.values()) list.sort((a, b) => a.pathPart.localeCompare(b.pathPart));
  const root = rootResource(design);
  const pathOf = new Map<string, string>();
  const walk = (r: Resource, path: string) => {
    pathOf.set(r.id, path);
    for (const c of children.get(r.id) ?? []) walk(c, path === "/" ? `/${c.pathPart}` : `${path}/${c.pathPart}`);
  };
  walk(root, "/");
  return { root, byId, children, pathOf };
}

/** A line of the resource tree view: a resource, or one of its methods under it. */
export type TreeRow =
  | { kind: "resource"; id: string; path: string; label: string; depth: number; hasChildren: boolean; expanded: boolean; methodCount: number }
  | { kind: "method"; id: string; path: string; verb: string; depth: number };

/**
 * The rows a tree view shows: collapsed resources hide what is below them; a filter (matched
 * against full paths and `VERB /path`, case-insensitive) keeps the matches and their ancestors,
 * opened so the matches can be seen.
 */
export function visibleTreeRows(index: TreeIndex, options: { collapsed?: ReadonlySet<string>; filter?: string } = {}): TreeRow[] {
  const filter = options.filter?.trim().toLowerCase() ?? "";
  const collapsed = filter ? new Set<string>() : (options.collapsed ?? new Set<string>());
  let keep: Set<string> | undefined;
  let keepMethod: ((id: string, verb: string) => boolean) | undefined;
  if (filter) {
    keep = new Set();
    const matchedResources = new Set<string>();
    for (const [id, path] of index.pathOf) {
      const r = index.byId.get(id)!;
      const hit = path.toLowerCase().includes(filter) || Object.keys(r.methods).some((v) => `${v} ${path}`.toLowerCase().includes(filter));
      if (!hit) continue;
      if (path.toLowerCase().includes(filter)) matchedResources.add(id);
      for (let cur: Resource | undefined = r; cur && !keep.has(cur.id); cur = cur.parentId ? index.byId.get(cur.parentId) : undefined) keep.add(cur.id);
    }
    keepMethod = (id, verb) => matchedResources.has(id) || `${verb} ${index.pathOf.get(id)}`.toLowerCase().includes(filter);
  }
  const rows: TreeRow[] = [];
  const visit = (r: Resource, depth: number) => {
    if (keep && !keep.has(r.id)) return;
    const path = index.pathOf.get(r.id)!;
    const kids = index.children.get(r.id) ?? [];
    const expanded = !collapsed.has(r.id);
    const verbs = Object.keys(r.methods).sort();
    rows.push({
      kind: "resource",
      id: r.id,
      path,
      label: r.parentId === null ? "/" : `/${r.pathPart}`,
      depth,
      hasChildren: kids.length > 0 || verbs.length > 0,
      expanded,
      methodCount: verbs.length,
    });
    if (!expanded) return;
    for (const verb of verbs) if (!keepMethod || keepMethod(r.id, verb)) rows.push({ kind: "method", id: r.id, path, verb, depth: depth + 1 });
    for (const c of kids) visit(c, depth + 1);
  };
  visit(index.root, 0);
  return rows;
}

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
  return design.resources
    .filter((r) => r.parentId === parentId)
    .sort((a, b) => a.pathPart.localeCompare(b.pathPart));
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

/**
 * Reverting a change from its history entry. The revert is a new change (audited like any
 * other), and only applies while the entity is still as that change left it: if a later
 * change touched it, the revert is refused instead of silently undoing that one too.
 */
import type { ApiDesign, Method, Resource } from "../model/design";
import { ConflictError, ValidationError } from "../errors";
import { findResourceByPath, subtreeIds } from "../model/tree";
import { moveResource, renameResource } from "../model/operations";
import { canonicalJson } from "../snapshot/snapshot";
import { MASK } from "./mask";

export interface RevertableEntry {
  id: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
}

export const DESIGN_ENTITY_TYPES = new Set(["api", "resource", "method", "integration", "integrationResponse", "methodResponse", "gatewayResponse"]);

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function conflict(entry: RevertableEntry): never {
  throw new ConflictError(
    `Cannot revert "${entry.summary}": ${entry.entityId} has changed since (a later change would be undone too). Revert the later changes first, or edit it by hand.`,
  );
}

function withoutChildren(m: Method | undefined) {
  if (!m) return null;
  const { integration: _i, methodResponses: _r, ...rest } = m;
  return rest;
}

function withoutResponses(i: Method["integration"]) {
  if (!i) return null;
  const { integrationResponses: _r, ...rest } = i;
  return rest;
}

/** Returns the design with the entry's change undone, or throws ConflictError / ValidationError. */
export function revertDesignChange(design: ApiDesign, entry: RevertableEntry): ApiDesign {
  if (JSON.stringify(entry.before ?? null).includes(`"${MASK}"`)) {
    throw new ValidationError([{ field: "entry", message: "This change held masked secrets, so it cannot be restored from history; change it by hand." }]);
  }
  const next = structuredClone(design);
  const [path, verb, status] = entry.entityId.split(" ");
  const resourceAt = (d: ApiDesign) => findResourceByPath(d, path);
  const methodAt = () => {
    const r = resourceAt(next);
    if (!r) conflict(entry);
    return { resource: r, method: r.methods[verb] as Method | undefined };
  };

  switch (entry.entityType) {
    case "api": {
      // The entry holds only the settings that change touched (name, description, endpoint type…).
      const before = entry.before as Record<string, unknown>;
      const after = (entry.after ?? {}) as Record<string, unknown>;
      const current = next as unknown as Record<string, unknown>;
      if (!same(Object.fromEntries(Object.keys(after).map((k) => [k, current[k]])), after)) conflict(entry);
      for (const [k, v] of Object.entries(before)) current[k] = structuredClone(v);
      return next;
    }
    case "resource": {
      if (entry.action === "resource.rename" || entry.action === "resource.move") {
        // Put the path part or parent back, through the same checks as any rename or move.
        const before = entry.before as { id: string; path: string; pathPart?: string; parentId?: string };
        const after = entry.after as { id: string; path: string };
        const r = next.resources.find((x) => x.id === after.id);
        if (!r || resourceAt(next)?.id !== r.id) conflict(entry);
        return entry.action === "resource.rename" ? renameResource(next, r.id, before.pathPart!) : moveResource(next, r.id, before.parentId!);
      }
      if (entry.before === null) {
        // Undo a creation (one resource, or every segment an "add by path" created): each must
        // still be exactly as created, with no methods and nothing else added below it.
        const created = (Array.isArray(entry.after) ? entry.after : [entry.after]) as Resource[];
        const ids = new Set(created.map((c) => c.id));
        for (const c of created) {
          const current = next.resources.find((x) => x.id === c.id);
          if (!current || !same(current, c)) conflict(entry);
        }
        if (next.resources.some((x) => !ids.has(x.id) && x.parentId !== null && ids.has(x.parentId))) conflict(entry);
        next.resources = next.resources.filter((x) => !ids.has(x.id));
        return next;
      }
      // Undo a deletion: put the removed subtree back, if its place is still free.
      const removed = entry.before as Resource[];
      const top = removed.find((r) => !removed.some((o) => o.id === r.parentId));
      if (!top || resourceAt(next) || !next.resources.some((r) => r.id === top.parentId)) conflict(entry);
      if (removed.some((r) => next.resources.some((x) => x.id === r.id))) conflict(entry);
      next.resources.push(...structuredClone(removed));
      return next;
    }
    case "method": {
      const { resource, method } = methodAt();
      if (entry.action === "method.create") {
        if (!method || !same(method, entry.after)) conflict(entry);
        delete resource.methods[verb];
      } else if (entry.action === "method.delete") {
        if (method) conflict(entry);
        resource.methods[verb] = structuredClone(entry.before as Method);
      } else {
        if (!method || !same(withoutChildren(method), entry.after)) conflict(entry);
        resource.methods[verb] = { ...(structuredClone(entry.before) as Method), integration: method.integration, methodResponses: method.methodResponses };
      }
      return next;
    }
    case "integration": {
      const { method } = methodAt();
      if (!method || !same(withoutResponses(method.integration), entry.after)) conflict(entry);
      if (entry.before === null) {
        if (Object.keys(method.integration?.integrationResponses ?? {}).length) conflict(entry);
        delete method.integration;
      } else {
        method.integration = {
          ...(structuredClone(entry.before) as NonNullable<Method["integration"]>),
          integrationResponses: method.integration!.integrationResponses,
        };
      }
      return next;
    }
    case "integrationResponse":
    case "methodResponse": {
      const { method } = methodAt();
      if (!method) conflict(entry);
      const map = entry.entityType === "integrationResponse" ? method.integration?.integrationResponses : method.methodResponses;
      if (!map || !same(map[status], entry.after)) conflict(entry);
      if (entry.before === null) delete map[status];
      else map[status] = structuredClone(entry.before) as never;
      if (entry.entityType === "methodResponse" && entry.before === null && method.integration?.integrationResponses[status]) conflict(entry);
      return next;
    }
    case "gatewayResponse": {
      const current = next.gatewayResponses.find((g) => g.responseType === entry.entityId) ?? null;
      if (!same(current, entry.after)) conflict(entry);
      next.gatewayResponses = next.gatewayResponses.filter((g) => g.responseType !== entry.entityId);
      if (entry.before) next.gatewayResponses.push(structuredClone(entry.before) as never);
      // Kept sorted by type, as putGatewayResponse keeps them, so the design (and its content hash) is as before.
      next.gatewayResponses.sort((a, b) => a.responseType.localeCompare(b.responseType));
      return next;
    }
  }
  throw new ValidationError([{ field: "entry", message: `Changes of type ${entry.entityType} cannot be reverted` }]);
}

/** Ids the revert touches, for callers that need them (unused ids are fine). */
export function affectedResourceIds(design: ApiDesign, path: string): string[] {
  const r = findResourceByPath(design, path);
  return r ? subtreeIds(design, r.id) : [];
}

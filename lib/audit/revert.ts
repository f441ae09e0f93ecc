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

/** Where an entry points: `path`, `path VERB` or `path VERB status` (its entityId). */
interface Target {
  path: string;
  verb: string;
  status: string;
  /** The resource and method at the entry's place in `next`; a conflict when the resource is gone. */
  methodAt(): { resource: Resource; method: Method | undefined };
}

/** Undoes one kind of change on `next` (a copy the reverter may change), or throws ConflictError. */
type Reverter = (next: ApiDesign, entry: RevertableEntry, at: Target) => ApiDesign;

/** Returns the design with the entry's change undone, or throws ConflictError / ValidationError. */
export function revertDesignChange(design: ApiDesign, entry: RevertableEntry): ApiDesign {
  if (JSON.stringify(entry.before ?? null).includes(`"${MASK}"`)) {
    throw new ValidationError([{ field: "entry", message: "This change held masked secrets, so it cannot be restored from history; change it by hand." }]);
  }
  const revert = REVERTERS[entry.entityType];
  if (!revert) throw new ValidationError([{ field: "entry", message: `Changes of type ${entry.entityType} cannot be reverted` }]);
  const next = structuredClone(design);
  const [path, verb, status] = entry.entityId.split(" ");
  const methodAt = () => {
    const r = findResourceByPath(next, path);
    if (!r) conflict(entry);
    return { resource: r, method: r.methods[verb] as Method | undefined };
  };
  return revert(next, entry, { path, verb, status, methodAt });
}

/** The entry holds only the settings that change touched (name, description, endpoint type…). */
const revertApi: Reverter = (next, entry) => {
  const before = entry.before as Record<string, unknown>;
  const after = (entry.after ?? {}) as Record<string, unknown>;
  const current = next as unknown as Record<string, unknown>;
  if (!same(Object.fromEntries(Object.keys(after).map((k) => [k, current[k]])), after)) conflict(entry);
  for (const [k, v] of Object.entries(before)) current[k] = structuredClone(v);
  return next;
};

const revertResource: Reverter = (next, entry, at) => {
  if (entry.action === "resource.rename" || entry.action === "resource.move") {
    // Put the path part or parent back, through the same checks as any rename or move.
    const before = entry.before as { id: string; path: string; pathPart?: string; parentId?: string };
    const after = entry.after as { id: string; path: string };
    const r = next.resources.find((x) => x.id === after.id);
    if (!r || findResourceByPath(next, at.path)?.id !== r.id) conflict(entry);
    return entry.action === "resource.rename" ? renameResource(next, r.id, before.pathPart!) : moveResource(next, r.id, before.parentId!);
  }
  return entry.before === null ? undoResourceCreation(next, entry) : undoResourceDeletion(next, entry, at);
};

/** Undo a creation (one resource, or every segment an "add by path" created): each must still be exactly as created, with no methods and nothing else added below it. */
function undoResourceCreation(next: ApiDesign, entry: RevertableEntry): ApiDesign {
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

/** Undo a deletion: put the removed subtree back, if its place is still free. */
function undoResourceDeletion(next: ApiDesign, entry: RevertableEntry, at: Target): ApiDesign {
  const removed = entry.before as Resource[];
  const top = removed.find((r) => !removed.some((o) => o.id === r.parentId));
  if (!top || findResourceByPath(next, at.path) || !next.resources.some((r) => r.id === top.parentId)) conflict(entry);
  if (removed.some((r) => next.resources.some((x) => x.id === r.id))) conflict(entry);
  next.resources.push(...structuredClone(removed));
  return next;
}

const revertMethod: Reverter = (next, entry, at) => {
  const { resource, method } = at.methodAt();
  if (entry.action === "method.create") {
    if (!method || !same(method, entry.after)) conflict(entry);
    delete resource.methods[at.verb];
  } else if (entry.action === "method.delete") {
    if (method) conflict(entry);
    resource.methods[at.verb] = structuredClone(entry.before as Method);
  } else {
    // A settings change: the integration and responses stay as they are now.
    if (!method || !same(withoutChildren(method), entry.after)) conflict(entry);
    resource.methods[at.verb] = { ...(structuredClone(entry.before) as Method), integration: method.integration, methodResponses: method.methodResponses };
  }
  return next;
};

const revertIntegration: Reverter = (next, entry, at) => {
  const { method } = at.methodAt();
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
};

const revertResponse: Reverter = (next, entry, at) => {
  const { method } = at.methodAt();
  if (!method) conflict(entry);
  const map = entry.entityType === "integrationResponse" ? method.integration?.integrationResponses : method.methodResponses;
  if (!map || !same(map[at.status], entry.after)) conflict(entry);
  if (entry.before === null) delete map[at.status];
  else map[at.status] = structuredClone(entry.before) as never;
  if (entry.entityType === "methodResponse" && entry.before === null && method.integration?.integrationResponses[at.status]) conflict(entry);
  return next;
};

const revertGatewayResponse: Reverter = (next, entry) => {
  const current = next.gatewayResponses.find((g) => g.responseType === entry.entityId) ?? null;
  if (!same(current, entry.after)) conflict(entry);
  next.gatewayResponses = next.gatewayResponses.filter((g) => g.responseType !== entry.entityId);
  if (entry.before) next.gatewayResponses.push(structuredClone(entry.before) as never);
  // Kept sorted by type, as putGatewayResponse keeps them, so the design (and its content hash) is as before.
  next.gatewayResponses.sort((a, b) => a.responseType.localeCompare(b.responseType));
  return next;
};

const REVERTERS: Record<string, Reverter> = {
  api: revertApi,
  resource: revertResource,
  method: revertMethod,
  integration: revertIntegration,
  integrationResponse: revertResponse,
  methodResponse: revertResponse,
  gatewayResponse: revertGatewayResponse,
};

/** The entity types whose changes can be reverted from history. */
export const DESIGN_ENTITY_TYPES: ReadonlySet<string> = new Set(Object.keys(REVERTERS));

/** Ids the revert touches, for callers that need them (unused ids are fine). */
export function affectedResourceIds(design: ApiDesign, path: string): string[] {
  const r = findResourceByPath(design, path);
  return r ? subtreeIds(design, r.id) : [];
}

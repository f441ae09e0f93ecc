/**
 * Importing a file into an existing API, as `PutRestApi` does it:
 * - `merge`: what the file defines is added or replaces its counterpart, the rest stays. A method
 *   the file defines replaces the same verb on the same path whole (AWS's example: B has GET /a
 *   with 200, 206 and POST /a; A defines GET /a with 200, 400; the result is GET /a with 200, 400
 *   and POST /a untouched). Models, validators and authorizers are matched by name, gateway
 *   responses by type; API settings only change when the file sets them.
 * - `overwrite`: the design becomes the file's; what it doesn't define is gone and API settings
 *   it doesn't set return to their defaults.
 * In both modes the API keeps its name and endpoint configuration (PutRestApi doesn't change
 * them), and entities found on both sides keep their existing ids, so saved test cases and
 * history keep pointing at the same resources.
 */
import type { ApiDesign, Resource } from "../model/design";
import { invalid } from "../errors";
import { newEntityId } from "../model/ids";
import { isParamPart, MAX_RESOURCES_PER_API } from "../model/rules";
import { resourcePath } from "../model/tree";
import type { ApiSetting } from "./import";

export type ImportMode = "merge" | "overwrite";
export const IMPORT_MODES = ["merge", "overwrite"] as const;

function pathMap(design: ApiDesign): Map<string, Resource> {
  return new Map(design.resources.map((r) => [resourcePath(design, r), r]));
}

/** The incoming design with ids replaced by the existing ids of matching entities (and fresh ids on collisions). */
function adoptIds(existing: ApiDesign, incoming: ApiDesign): ApiDesign {
  const taken = new Set<string>([
    ...existing.resources.map((r) => r.id),
    ...existing.models.map((m) => m.id),
    ...existing.requestValidators.map((v) => v.id),
    ...existing.authorizers.map((a) => a.id),
  ]);
  const fresh = (id: string) => (taken.has(id) ? newEntityId() : id);
  const byPath = pathMap(existing);
  const resourceIds = new Map<string, string>();
  for (const r of incoming.resources) resourceIds.set(r.id, byPath.get(resourcePath(incoming, r))?.id ?? fresh(r.id));
  const byName = <T extends { id: string; name: string }>(mine: T[], theirs: T[]) => {
    const ids = new Map<string, string>();
    for (const x of theirs) ids.set(x.id, mine.find((m) => m.name === x.name)?.id ?? fresh(x.id));
    return ids;
  };
  const validatorIds = byName(existing.requestValidators, incoming.requestValidators);
  const authorizerIds = byName(existing.authorizers, incoming.authorizers);
  const modelIds = byName(existing.models, incoming.models);
  return {
    ...incoming,
    resources: incoming.resources.map((r) => ({
      ...r,
      id: resourceIds.get(r.id)!,
      parentId: r.parentId === null ? null : resourceIds.get(r.parentId)!,
      methods: Object.fromEntries(
        Object.entries(r.methods).map(([verb, m]) => [
          verb,
          {
            ...m,
            authorizerId: m.authorizerId && authorizerIds.get(m.authorizerId),
            requestValidatorId: m.requestValidatorId && validatorIds.get(m.requestValidatorId),
          },
        ]),
      ),
    })),
    models: incoming.models.map((m) => ({ ...m, id: modelIds.get(m.id)! })),
    requestValidators: incoming.requestValidators.map((v) => ({ ...v, id: validatorIds.get(v.id)! })),
    authorizers: incoming.authorizers.map((a) => ({ ...a, id: authorizerIds.get(a.id)! })),
  };
}

function mergeNamed<T>(mine: T[], theirs: T[], key: (x: T) => string): T[] {
  const incoming = new Map(theirs.map((x) => [key(x), x]));
  const out = mine.map((x) => incoming.get(key(x)) ?? x);
  const have = new Set(mine.map(key));
  for (const x of theirs) if (!have.has(key(x))) out.push(x);
  return out;
}

/** The design after importing `incoming` into `existing` in `mode`. Throws ValidationError past 300 resources. */
export function applyImport(existing: ApiDesign, incoming: ApiDesign, mode: ImportMode, settingsInFile: readonly ApiSetting[]): ApiDesign {
  const adopted = adoptIds(existing, incoming);
  const kept = { name: existing.name, endpointType: existing.endpointType, disableExecuteApiEndpoint: existing.disableExecuteApiEndpoint };
  if (mode === "overwrite") return { ...adopted, ...kept };
  const result: ApiDesign = {
    ...existing,
    resources: existing.resources.map((r) => ({ ...r, methods: { ...r.methods } })),
    models: mergeNamed(existing.models, adopted.models, (m) => m.name),
    requestValidators: mergeNamed(existing.requestValidators, adopted.requestValidators, (v) => v.name),
    authorizers: mergeNamed(existing.authorizers, adopted.authorizers, (a) => a.name),
    gatewayResponses: mergeNamed(existing.gatewayResponses, adopted.gatewayResponses, (g) => g.responseType),
  };
  for (const setting of settingsInFile) (result as Record<string, unknown>)[setting] = adopted[setting];
  const byId = new Map(result.resources.map((r) => [r.id, r]));
  for (const r of adopted.resources) {
    const mine = byId.get(r.id);
    if (mine) Object.assign(mine.methods, r.methods);
    else {
      const added = { ...r, methods: { ...r.methods } };
      result.resources.push(added);
      byId.set(added.id, added);
    }
  }
  if (result.resources.length > MAX_RESOURCES_PER_API) {
    throw invalid("document", `The merged API would have ${result.resources.length} resources; an API can have at most ${MAX_RESOURCES_PER_API}`);
  }
  // A path the file adds may put a second {param} beside an existing one (/pets/{id} next to /pets/{petId}).
  const paramChild = new Map<string, Resource>();
  for (const r of result.resources) {
    if (r.parentId === null || !isParamPart(r.pathPart)) continue;
    const other = paramChild.get(r.parentId);
    if (other) throw invalid("document", `${resourcePath(result, r)}: a sibling (${other.pathPart}) already has a variable path part -- only one is allowed`);
    paramChild.set(r.parentId, r);
  }
  return result;
}

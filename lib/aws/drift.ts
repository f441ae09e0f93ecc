/**
 * Drift: what changed on AWS outside Gatehouse. The baseline is the live API as Gatehouse saw it
 * right after its last push or import (both sides go through `liveToDesign`, so AWS's own
 * defaults never show up as drift). `adoptLive` writes the drifted entities' live values into a
 * draft, entity by entity, leaving the draft's other edits alone.
 */
import type { ApiDesign, Method, Resource } from "../model/design";
import { parseDesign } from "../model/design";
import { newEntityId } from "../model/ids";
import { resourcePath } from "../model/tree";
import { API_SETTINGS, type DesignDiff, type DiffEntry, diffDesigns } from "../snapshot/diff";

/** From the baseline (what Gatehouse last pushed, as AWS held it) to live now. */
export function diffDrift(baseline: ApiDesign, live: ApiDesign): DesignDiff {
  return diffDesigns(baseline, live);
}

function splitKey(key: string): { path: string; verb?: string; code?: string } {
  const [path, verb, code] = key.split(" ");
  return { path, verb, code };
}

/** The draft with every drifted entity set to its live value (added, changed or removed). */
export function adoptLive(draft: ApiDesign, live: ApiDesign, entries: DiffEntry[]): ApiDesign {
  const adoption = new Adoption(structuredClone(draft), live);
  for (const e of entries) ADOPT[e.entity]?.(adoption, e, splitKey(e.key));
  return parseDesign(adoption.out);
}

type Key = ReturnType<typeof splitKey>;

/** The draft being rewritten and the live API it takes values from; resources are found by path. */
class Adoption {
  private readonly liveByPath: Map<string, Resource>;

  constructor(
    readonly out: ApiDesign,
    readonly live: ApiDesign,
  ) {
    this.liveByPath = new Map(live.resources.map((r) => [resourcePath(live, r), r]));
  }

  resourceAt(path: string): Resource | undefined {
    return this.out.resources.find((r) => resourcePath(this.out, r) === path);
  }

  /** The draft's resource at `path`, created (parents first) when it has none. */
  ensureResource(path: string): Resource {
    const found = this.resourceAt(path);
    if (found) return found;
    const cut = path.lastIndexOf("/");
    const parent = this.ensureResource(cut <= 0 ? "/" : path.slice(0, cut));
    const created: Resource = { id: newEntityId(), parentId: parent.id, pathPart: path.slice(cut + 1), methods: {} };
    this.out.resources.push(created);
    return created;
  }

  /** Removes the resource at `path` and everything below it (never the root). */
  removeResource(path: string): void {
    const r = this.resourceAt(path);
    if (!r || r.parentId === null) return;
    const gone = new Set([r.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const x of this.out.resources)
        if (x.parentId && gone.has(x.parentId) && !gone.has(x.id)) {
          gone.add(x.id);
          grew = true;
        }
    }
    this.out.resources = this.out.resources.filter((x) => !gone.has(x.id));
  }

  liveMethod(path: string, verb: string): Method | undefined {
    return this.liveByPath.get(path)?.methods[verb];
  }

  /** A live method copied with its validator and authorizer pointing at the draft's (copied in when the draft has none of that name). */
  withDraftRefs(m: Method): Method {
    return {
      ...structuredClone(m),
      authorizerId: this.refTo("authorizers", m.authorizerId),
      requestValidatorId: this.refTo("requestValidators", m.requestValidatorId),
    };
  }

  private refTo(list: "authorizers" | "requestValidators", liveId: string | undefined): string | undefined {
    const entity = liveId ? (this.live[list] as { id: string; name: string }[]).find((x) => x.id === liveId) : undefined;
    if (!entity) return undefined;
    const mine = (this.out[list] as { id: string; name: string }[]).find((x) => x.name === entity.name);
    if (mine) return mine.id;
    (this.out[list] as unknown[]).push(structuredClone(entity));
    return entity.id;
  }
}

/** One adopter per kind of diff entry. */
const ADOPT: Partial<Record<DiffEntry["entity"], (a: Adoption, e: DiffEntry, key: Key) => void>> = {
  api: (a, e) => {
    const top = new Set(e.fields.map((f) => f.path.split(".")[0]));
    for (const k of API_SETTINGS) if (top.has(k)) (a.out as Record<string, unknown>)[k] = structuredClone(a.live[k]);
  },
  resource: (a, e, { path }) => {
    if (e.kind === "removed") a.removeResource(path);
    else a.ensureResource(path);
  },
  method: (a, e, { path, verb }) => {
    const lm = a.liveMethod(path, verb!);
    if (!lm) {
      const r = a.resourceAt(path);
      if (r) delete r.methods[verb!];
      return;
    }
    const r = a.ensureResource(path);
    const mine = r.methods[verb!];
    const copied = a.withDraftRefs(lm);
    // A changed method takes the live method-level fields; its responses and integration have entries of their own.
    r.methods[verb!] = e.kind === "changed" && mine ? { ...copied, methodResponses: mine.methodResponses, integration: mine.integration } : copied;
  },
  integration: (a, e, { path, verb }) => {
    const mine = a.ensureResource(path).methods[verb!];
    if (!mine) return; // the method entry brings it
    const live = a.liveMethod(path, verb!)?.integration;
    if (!live) delete mine.integration;
    else if (e.kind === "changed" && mine.integration)
      mine.integration = { ...structuredClone(live), integrationResponses: mine.integration.integrationResponses };
    else mine.integration = structuredClone(live);
  },
  integrationResponse: (a, _e, { path, verb, code }) => {
    const mine = a.resourceAt(path)?.methods[verb!]?.integration;
    if (mine) setOrDelete(mine.integrationResponses, code!, a.liveMethod(path, verb!)?.integration?.integrationResponses[code!]);
  },
  methodResponse: (a, _e, { path, verb, code }) => {
    const mine = a.resourceAt(path)?.methods[verb!];
    if (mine) setOrDelete(mine.methodResponses, code!, a.liveMethod(path, verb!)?.methodResponses[code!]);
  },
  model: (a, e) => adoptNamed(a, "models", e.key),
  requestValidator: (a, e) => adoptNamed(a, "requestValidators", e.key),
  authorizer: (a, e) => adoptNamed(a, "authorizers", e.key),
  gatewayResponse: (a, e) => {
    const l = a.live.gatewayResponses.find((g) => g.responseType === e.key);
    const i = a.out.gatewayResponses.findIndex((g) => g.responseType === e.key);
    if (!l) {
      if (i >= 0) a.out.gatewayResponses.splice(i, 1);
    } else if (i >= 0) a.out.gatewayResponses[i] = structuredClone(l);
    else a.out.gatewayResponses.push(structuredClone(l));
  },
};

function setOrDelete<T>(map: Record<string, T>, key: string, live: T | undefined): void {
  if (live) map[key] = structuredClone(live);
  else delete map[key];
}

/** A model, validator or authorizer by name: the live one (keeping the draft's id), or gone. */
function adoptNamed(a: Adoption, list: "models" | "requestValidators" | "authorizers", name: string): void {
  const l = (a.live[list] as { id: string; name: string }[]).find((x) => x.name === name);
  const mine = a.out[list] as { id: string; name: string }[];
  const i = mine.findIndex((x) => x.name === name);
  if (!l) {
    if (i >= 0) mine.splice(i, 1);
  } else if (i >= 0) mine[i] = { ...structuredClone(l), id: mine[i].id };
  else mine.push(structuredClone(l));
}

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
  const out = structuredClone(draft);
  const pathsOf = (d: ApiDesign) => new Map(d.resources.map((r) => [resourcePath(d, r), r]));
  const liveByPath = pathsOf(live);
  const liveValidators = new Map(live.requestValidators.map((v) => [v.id, v]));
  const liveAuthorizers = new Map(live.authorizers.map((a) => [a.id, a]));

  const resourceAt = (path: string) => pathsOf(out).get(path);
  const ensureResource = (path: string): Resource => {
    let r = resourceAt(path);
    if (r) return r;
    const parentPath = path.lastIndexOf("/") <= 0 ? "/" : path.slice(0, path.lastIndexOf("/"));
    const parent = ensureResource(parentPath);
    r = { id: newEntityId(), parentId: parent.id, pathPart: path.slice(path.lastIndexOf("/") + 1), methods: {} };
    out.resources.push(r);
    return r;
  };
  const removeResource = (path: string) => {
    const r = resourceAt(path);
    if (!r || r.parentId === null) return;
    const gone = new Set([r.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const x of out.resources)
        if (x.parentId && gone.has(x.parentId) && !gone.has(x.id)) {
          gone.add(x.id);
          grew = true;
        }
    }
    out.resources = out.resources.filter((x) => !gone.has(x.id));
  };
  /** A draft id for the live validator / authorizer a live method refers to (copied in when the draft has none of that name). */
  const validatorRef = (liveId: string | undefined) => {
    if (!liveId) return undefined;
    const lv = liveValidators.get(liveId);
    if (!lv) return undefined;
    const mine = out.requestValidators.find((v) => v.name === lv.name);
    if (mine) return mine.id;
    out.requestValidators.push(structuredClone(lv));
    return lv.id;
  };
  const authorizerRef = (liveId: string | undefined) => {
    if (!liveId) return undefined;
    const la = liveAuthorizers.get(liveId);
    if (!la) return undefined;
    const mine = out.authorizers.find((a) => a.name === la.name);
    if (mine) return mine.id;
    out.authorizers.push(structuredClone(la));
    return la.id;
  };
  const liveMethod = (path: string, verb: string): Method | undefined => liveByPath.get(path)?.methods[verb];
  const withDraftRefs = (m: Method): Method => ({
    ...structuredClone(m),
    authorizerId: authorizerRef(m.authorizerId),
    requestValidatorId: validatorRef(m.requestValidatorId),
  });

  for (const e of entries) {
    const { path, verb, code } = splitKey(e.key);
    switch (e.entity) {
      case "api": {
        const top = new Set(e.fields.map((f) => f.path.split(".")[0]));
        for (const k of API_SETTINGS) if (top.has(k)) (out as Record<string, unknown>)[k] = structuredClone(live[k]);
        break;
      }
      case "resource":
        if (e.kind === "removed") removeResource(path);
        else ensureResource(path);
        break;
      case "method": {
        const lm = liveMethod(path, verb!);
        if (!lm) {
          const r = resourceAt(path);
          if (r) delete r.methods[verb!];
        } else {
          const r = ensureResource(path);
          const mine = r.methods[verb!];
          const copied = withDraftRefs(lm);
          // A changed method takes the live method-level fields; its responses and integration have entries of their own.
          r.methods[verb!] = e.kind === "changed" && mine ? { ...copied, methodResponses: mine.methodResponses, integration: mine.integration } : copied;
        }
        break;
      }
      case "integration": {
        const r = ensureResource(path);
        const lm = liveMethod(path, verb!);
        const mine = r.methods[verb!];
        if (!mine) break; // the method entry brings it
        if (!lm?.integration) delete mine.integration;
        else
          mine.integration =
            e.kind === "changed" && mine.integration
              ? { ...structuredClone(lm.integration), integrationResponses: mine.integration.integrationResponses }
              : structuredClone(lm.integration);
        break;
      }
      case "integrationResponse": {
        const mine = resourceAt(path)?.methods[verb!]?.integration;
        if (!mine) break;
        const l = liveMethod(path, verb!)?.integration?.integrationResponses[code!];
        if (l) mine.integrationResponses[code!] = structuredClone(l);
        else delete mine.integrationResponses[code!];
        break;
      }
      case "methodResponse": {
        const mine = resourceAt(path)?.methods[verb!];
        if (!mine) break;
        const l = liveMethod(path, verb!)?.methodResponses[code!];
        if (l) mine.methodResponses[code!] = structuredClone(l);
        else delete mine.methodResponses[code!];
        break;
      }
      case "model":
      case "requestValidator":
      case "authorizer": {
        const list = (e.entity === "model" ? "models" : e.entity === "requestValidator" ? "requestValidators" : "authorizers") as "models";
        const l = (live[list] as { id: string; name: string }[]).find((x) => x.name === e.key);
        const mineList = out[list] as { id: string; name: string }[];
        const i = mineList.findIndex((x) => x.name === e.key);
        if (!l) {
          if (i >= 0) mineList.splice(i, 1);
        } else if (i >= 0) mineList[i] = { ...structuredClone(l), id: mineList[i].id };
        else mineList.push(structuredClone(l));
        break;
      }
      case "gatewayResponse": {
        const l = live.gatewayResponses.find((g) => g.responseType === e.key);
        const i = out.gatewayResponses.findIndex((g) => g.responseType === e.key);
        if (!l) {
          if (i >= 0) out.gatewayResponses.splice(i, 1);
        } else if (i >= 0) out.gatewayResponses[i] = structuredClone(l);
        else out.gatewayResponses.push(structuredClone(l));
        break;
      }
    }
  }
  return parseDesign(out);
}

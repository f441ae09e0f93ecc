/**
 * Design diff: Gatehouse's semantic diffDesigns against jsondiffpatch (a generic JSON diff, with
 * an objectHash so array items match by id / name) on the same pair of 300-resource,
 * 1,200-method designs, parsed from JSON as the CLI reads them, differing in a handful of edits:
 * a template edit, a method added, a resource removed, a validator changed, a response status added.
 * The peer's output is turned into the same list of entries (kind, entity, key) as ours, checked
 * equal before timing, and that summarizing is timed with it.
 */
import { create } from "jsondiffpatch";
import type { ApiDesign } from "../lib/model/design";
import { diffDesigns } from "../lib/snapshot/diff";
import { generateDesign } from "../lib/snapshot/sample-design";
import { resourcePath } from "../lib/model/tree";
import { alternate, report } from "./measure";

/** The "after" design: the same API with five realistic edits. */
function edited(design: ApiDesign): ApiDesign {
  const b = JSON.parse(JSON.stringify(design)) as ApiDesign;
  const at = (path: string) => {
    const [, first, second] = path.split("/");
    const top = b.resources.find((r) => r.pathPart === first && r.parentId !== null)!;
    return second ? b.resources.find((r) => r.parentId === top.id && r.pathPart === second)! : top;
  };
  // 1. A template edit.
  const orders = at("/orders").methods.GET.integration!;
  orders.requestTemplates["application/json"] = orders.requestTemplates["application/json"].replace("#{else}25#end", "#{else}50#end");
  // 2. A method added.
  at("/owners").methods.DELETE = { ...structuredClone(at("/owners/{id}").methods.DELETE), operationName: "deleteAllOwners" };
  // 3. A resource removed.
  const gone = at("/stores/{id}");
  b.resources = b.resources.filter((r) => r.id !== gone.id);
  // 4. A validator changed.
  b.requestValidators[0].validateRequestBody = true;
  // 5. A response status added.
  const vets = at("/vets").methods.GET;
  vets.methodResponses["429"] = { statusCode: "429", responseParameters: { "method.response.header.Retry-After": false }, responseModels: {} };
  vets.integration!.integrationResponses["429"] = {
    statusCode: "429",
    selectionPattern: "429",
    responseParameters: { "method.response.header.Retry-After": "integration.response.header.Retry-After" },
    responseTemplates: {},
  };
  return b;
}

// ---- the peer's summary: the same entries as diffDesigns, computed from jsondiffpatch's delta ----

type Delta = Record<string, unknown>;
type Entry = string; // "kind entity key", as diffDesigns' entries print
const isAdded = (d: unknown) => Array.isArray(d) && d.length === 1;
const isRemoved = (d: unknown) => Array.isArray(d) && d.length === 3 && d[1] === 0 && d[2] === 0;

/** Keyed maps (methods by verb, responses by status): added / removed / changed per key. */
function keyedEntries(delta: Delta | undefined, entity: string, prefix: string, out: Entry[]): void {
  for (const [key, d] of Object.entries(delta ?? {})) {
    out.push(`${isAdded(d) ? "added" : isRemoved(d) ? "removed" : "changed"} ${entity} ${prefix} ${key}`);
  }
}

/** One method's delta: the method's own fields, its responses, its integration and its integration responses. */
function methodEntries(d: Delta, key: string, out: Entry[]): void {
  const { methodResponses, integration, ...own } = d;
  if (Object.keys(own).length > 0) out.push(`changed method ${key}`);
  keyedEntries(methodResponses as Delta | undefined, "methodResponse", key, out);
  if (integration === undefined) return;
  if (isAdded(integration) || isRemoved(integration)) {
    out.push(`${isAdded(integration) ? "added" : "removed"} integration ${key}`);
    return;
  }
  const { integrationResponses, ...rest } = integration as Delta;
  if (Object.keys(rest).length > 0) out.push(`changed integration ${key}`);
  keyedEntries(integrationResponses as Delta | undefined, "integrationResponse", key, out);
}

/** The resources array delta (items matched by id): resources and their methods. */
function resourceEntries(delta: Delta, before: ApiDesign, after: ApiDesign, out: Entry[]): void {
  for (const [index, d] of Object.entries(delta)) {
    if (index === "_t") continue;
    const removed = index.startsWith("_");
    const design = removed ? before : after;
    const r = design.resources[Number(removed ? index.slice(1) : index)];
    const path = resourcePath(design, r);
    if (removed || isAdded(d)) {
      const kind = removed ? "removed" : "added";
      out.push(`${kind} resource ${path}`);
      for (const verb of Object.keys(r.methods)) out.push(`${kind} method ${path} ${verb}`);
      continue;
    }
    const { methods, ...own } = d as Delta;
    if (Object.keys(own).length > 0) out.push(`changed resource ${path}`);
    for (const [verb, md] of Object.entries((methods as Delta | undefined) ?? {})) {
      if (isAdded(md) || isRemoved(md)) out.push(`${isAdded(md) ? "added" : "removed"} method ${path} ${verb}`);
      else methodEntries(md as Delta, `${path} ${verb}`, out);
    }
  }
}

/** Named top-level arrays (models, validators, authorizers, gateway responses): added / removed / changed by name. */
const NAMED: Record<string, [string, string]> = {
  models: ["model", "name"],
  requestValidators: ["requestValidator", "name"],
  authorizers: ["authorizer", "name"],
  gatewayResponses: ["gatewayResponse", "responseType"],
};

function summarizeDelta(delta: Delta | undefined, before: ApiDesign, after: ApiDesign): Entry[] {
  const out: Entry[] = [];
  for (const [field, d] of Object.entries(delta ?? {})) {
    if (field === "resources") resourceEntries(d as Delta, before, after, out);
    else if (NAMED[field]) {
      const [entity, nameField] = NAMED[field];
      for (const [index, item] of Object.entries(d as Delta)) {
        if (index === "_t") continue;
        const removed = index.startsWith("_");
        const list = (removed ? before : after)[field as "models"] as unknown as Record<string, string>[];
        const name = list[Number(removed ? index.slice(1) : index)][nameField];
        out.push(`${removed ? "removed" : isAdded(item) ? "added" : "changed"} ${entity} ${name}`);
      }
    } else out.push("changed api api");
  }
  return out;
}

const sameEntries = (a: Entry[], b: Entry[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

export default async function (): Promise<void> {
  const generated = generateDesign({ resources: 300, seed: 42 });
  const before = JSON.parse(JSON.stringify(generated)) as ApiDesign;
  const after = edited(generated);
  const methods = (d: ApiDesign) => d.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0);
  console.log(
    `before: ${before.resources.length} resources, ${methods(before)} methods, ${(JSON.stringify(before).length / 1e6).toFixed(2)} MB JSON; after: ${after.resources.length} resources, ${methods(after)} methods`,
  );
  const jdp = create({
    objectHash: (o: object, i?: number) =>
      (o as { id?: string; name?: string; responseType?: string }).id ??
      (o as { name?: string }).name ??
      (o as { responseType?: string }).responseType ??
      `$$index:${i}`,
  });
  const oursEntries = (): Entry[] => diffDesigns(before, after).entries.map((e) => `${e.kind} ${e.entity} ${e.key}`);
  const peerEntries = (): Entry[] => summarizeDelta(jdp.diff(before, after) as Delta | undefined, before, after);
  const ours = oursEntries();
  const peer = peerEntries();
  const same = sameEntries(ours, peer);
  console.log(`diffDesigns: ${ours.join("; ")}`);
  if (!same) console.log(`from jsondiffpatch's delta: ${peer.join("; ")}`);
  const cmp = await alternate(
    { name: "gatehouse diffDesigns", fn: oursEntries },
    { name: "jsondiffpatch + summary", fn: peerEntries },
    { warmup: 3, batchMs: 200 },
  );
  report(cmp, same, "the entries (kind, entity, key) compared as sets; field-level detail is ours only");
}

/**
 * Design diff: Gatehouse's semantic diffDesigns against jsondiffpatch (a generic JSON diff, with
 * an objectHash so array items match by id / name) on the same pair of 300-resource,
 * 1,200-method designs, parsed from JSON as the CLI reads them, differing in a handful of edits:
 * a template edit, a method added, a resource removed, a validator changed, a response status added.
 */
import { create } from "jsondiffpatch";
import type { ApiDesign } from "../lib/model/design";
import { diffDesigns } from "../lib/snapshot/diff";
import { generateDesign } from "../lib/snapshot/sample-design";
import { measure, report } from "./measure";

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

export default async function (): Promise<void> {
  const generated = generateDesign({ resources: 300, seed: 42 });
  const before = JSON.parse(JSON.stringify(generated)) as ApiDesign;
  const after = edited(generated);
  const methods = (d: ApiDesign) => d.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0);
  console.log(
    `before: ${before.resources.length} resources, ${methods(before)} methods, ${(JSON.stringify(before).length / 1e6).toFixed(2)} MB JSON; after: ${after.resources.length} resources, ${methods(after)} methods`,
  );

  const ours = diffDesigns(before, after);
  console.log(`diffDesigns: ${ours.entries.map((e) => `${e.kind} ${e.entity} ${e.key}`).join("; ")}`);
  const jdp = create({
    objectHash: (o: object, i?: number) =>
      (o as { id?: string; name?: string; responseType?: string }).id ??
      (o as { name?: string }).name ??
      (o as { responseType?: string }).responseType ??
      `$$index:${i}`,
  });
  const delta = jdp.diff(before, after);
  console.log(`jsondiffpatch delta: ${JSON.stringify(delta).length} bytes`);

  const oursM = await measure("gatehouse diffDesigns", () => diffDesigns(before, after));
  const peerM = await measure("jsondiffpatch.diff", () => jdp.diff(before, after));
  report(oursM, peerM);
}

/**
 * Designer server render for a generated 300-resource, 1,200-method API: Gatehouse's resource
 * tree (one index, only the rows in view rendered) against the AWS console's way, every
 * resource and method expanded in one list with per-row path lookups (what the designer did
 * before). Both are rendered with react-dom/server from the same design in the same run. The
 * method flow of one method is rendered too, as the part of the page the method view adds.
 * (The whole page also needs a session, the database and react-query's provider; the tree is
 * the part whose cost grows with the API.)
 */
import { createElement as h } from "react";
import { renderToString } from "react-dom/server";
import { ResourceTree } from "../components/api-designer/resource-tree";
import { MethodFlow } from "../components/api-designer/method-flow";
import type { ApiDesign } from "../lib/model/design";
import { resourcePath, resourcesInTreeOrder } from "../lib/model/tree";
import { generateDesign } from "../lib/snapshot/sample-design";
import { measure, report } from "./measure";

/** The peer: the fully expanded tree, one <li> per resource with its methods, paths looked up per row. */
function FullyExpandedTree({ design }: { design: ApiDesign }) {
  return h(
    "ul",
    { className: "space-y-0.5 text-sm" },
    resourcesInTreeOrder(design).map((r) => {
      const path = resourcePath(design, r);
      const depth = path === "/" ? 0 : path.split("/").length - 1;
      return h(
        "li",
        { key: r.id, style: { paddingLeft: depth * 14 } },
        h(
          "button",
          { type: "button", className: "w-full rounded px-2 py-1 text-left font-mono", "data-resource-path": path },
          path === "/" ? "/" : `/${r.pathPart}`,
        ),
        ...Object.keys(r.methods)
          .sort()
          .map((verb) =>
            h(
              "button",
              { type: "button", key: verb, className: "ml-4 block rounded px-2 text-left text-xs font-semibold", "data-method": `${verb} ${path}` },
              verb,
            ),
          ),
      );
    }),
  );
}

export default async function (): Promise<void> {
  const design = generateDesign({ resources: 300, seed: 42 });
  const methods = design.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0);
  const noop = () => undefined;
  const ours = () => renderToString(h(ResourceTree, { design, selected: { resourceId: design.resources[0].id }, onSelect: noop }));
  const peer = () => renderToString(h(FullyExpandedTree, { design }));
  const withMethod = design.resources.find((r) => Object.keys(r.methods).length)!;
  const flow = () => renderToString(h(MethodFlow, { design, method: Object.values(withMethod.methods)[0] }));
  console.log(
    `${design.resources.length} resources, ${methods} methods; HTML: tree ${(ours().length / 1024).toFixed(1)} KB vs fully expanded ${(peer().length / 1024).toFixed(1)} KB; method flow ${(flow().length / 1024).toFixed(1)} KB`,
  );
  const a = await measure("gatehouse resource tree", ours, { warmup: 5 });
  const b = await measure("fully expanded tree", peer, { warmup: 5 });
  report(a, b);
  const f = await measure("method flow (one method)", flow, { warmup: 20, minMs: 500 });
  console.log(`method flow: ${f.meanMs.toFixed(3)} ms/op`);
}

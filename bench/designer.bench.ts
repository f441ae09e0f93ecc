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
import { alternate, formatStats, report } from "./measure";

/** The rows a render shows, in order: each resource's path and each method's "VERB path". */
function visibleRowsOf(html: string): string[] {
  return [...html.matchAll(/data-(resource-path|method)="([^"]*)"/g)].map((m) => (m[1] === "method" ? m[2] : `resource ${m[2]}`));
}

/**
 * The peer: the designer's old way, every resource and method listed with a per-row path lookup
 * (no index), rendering the same number of rows the windowed tree shows, so both show the same rows.
 */
function ExpandedTreeRows({ design, rows }: { design: ApiDesign; rows: number }) {
  const items: ReturnType<typeof h>[] = [];
  for (const r of resourcesInTreeOrder(design)) {
    const path = resourcePath(design, r);
    const depth = path === "/" ? 0 : path.split("/").length - 1;
    items.push(
      h(
        "li",
        { key: r.id, style: { paddingLeft: depth * 14 } },
        h(
          "button",
          { type: "button", className: "w-full rounded px-2 py-1 text-left font-mono", "data-resource-path": path },
          path === "/" ? "/" : `/${r.pathPart}`,
        ),
      ),
    );
    for (const verb of Object.keys(r.methods).sort()) {
      items.push(
        h(
          "li",
          { key: `${r.id} ${verb}` },
          h("button", { type: "button", className: "ml-4 block rounded px-2 text-left text-xs font-semibold", "data-method": `${verb} ${path}` }, verb),
        ),
      );
    }
  }
  return h("ul", { className: "space-y-0.5 text-sm" }, items.slice(0, rows));
}

export default async function (): Promise<void> {
  const design = generateDesign({ resources: 300, seed: 42 });
  const methods = design.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0);
  const noop = () => undefined;
  const ours = () => renderToString(h(ResourceTree, { design, selected: { resourceId: design.resources[0].id }, onSelect: noop }));
  const oursRows = visibleRowsOf(ours());
  const peer = () => renderToString(h(ExpandedTreeRows, { design, rows: oursRows.length }));
  const peerRows = visibleRowsOf(peer());
  const same = JSON.stringify(oursRows) === JSON.stringify(peerRows);
  const withMethod = design.resources.find((r) => Object.keys(r.methods).length)!;
  const flow = () => renderToString(h(MethodFlow, { design, method: Object.values(withMethod.methods)[0] }));
  console.log(
    `${design.resources.length} resources, ${methods} methods; ${oursRows.length} rows in view; HTML: tree ${(ours().length / 1024).toFixed(1)} KB vs peer ${(peer().length / 1024).toFixed(1)} KB; method flow ${(flow().length / 1024).toFixed(1)} KB`,
  );
  if (!same) console.log(`rows differ: ours ${oursRows.slice(0, 6).join(", ")}… vs peer ${peerRows.slice(0, 6).join(", ")}…`);
  const cmp = await alternate({ name: "gatehouse resource tree", fn: ours }, { name: "per-row lookups, same rows", fn: peer }, { warmup: 5 });
  report(cmp, same, "same visible rows in the same order; the markup around them differs (ours adds the toolbar and row buttons)");
  console.log("\n# method flow (one method), no peer");
  const f = await alternate({ name: "method flow", fn: flow }, { name: "method flow (again)", fn: flow }, { warmup: 20 });
  console.log(formatStats("method flow (one method)", f.a.msPerOp));
}

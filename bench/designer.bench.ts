/**
 * Designer server render for a generated 300-resource, 1,200-method API, and at 10x (3,000
 * resources, issue #14's budget: ≤ 300 ms): Gatehouse's resource
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

/** Heap in use after a forced GC (MB), or NaN without --expose-gc (then growth is not printed). */
function heapAfterGc(): number {
  if (typeof globalThis.gc !== "function") return Number.NaN;
  globalThis.gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

interface SizeRun {
  resources: number;
  treeMs: number;
  /** Heap the design and one rendered tree hold (MB, after GC). */
  heapMb: number;
}

/** The comparison at one size; returns our tree's median time and the heap it takes. */
async function runAt(resources: number): Promise<SizeRun> {
  const before = heapAfterGc();
  const design = generateDesign({ resources, seed: 42 });
  const methods = design.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0);
  const noop = () => undefined;
  const ours = () => renderToString(h(ResourceTree, { design, selected: { resourceId: design.resources[0].id }, onSelect: noop }));
  const oursHtml = ours();
  const heapMb = heapAfterGc() - before;
  const oursRows = visibleRowsOf(oursHtml);
  const peer = () => renderToString(h(ExpandedTreeRows, { design, rows: oursRows.length }));
  const peerRows = visibleRowsOf(peer());
  const same = JSON.stringify(oursRows) === JSON.stringify(peerRows);
  const withMethod = design.resources.find((r) => Object.keys(r.methods).length)!;
  const flow = () => renderToString(h(MethodFlow, { design, method: Object.values(withMethod.methods)[0] }));
  console.log(`\n# ${design.resources.length} resources, ${methods} methods`);
  console.log(
    `${oursRows.length} rows in view; HTML: tree ${(oursHtml.length / 1024).toFixed(1)} KB vs peer ${(peer().length / 1024).toFixed(1)} KB; method flow ${(flow().length / 1024).toFixed(1)} KB`,
  );
  if (!same) console.log(`rows differ: ours ${oursRows.slice(0, 6).join(", ")}… vs peer ${peerRows.slice(0, 6).join(", ")}…`);
  const cmp = await alternate({ name: "gatehouse resource tree", fn: ours }, { name: "per-row lookups, same rows", fn: peer }, { warmup: 5 });
  report(cmp, same, "same visible rows in the same order; the markup around them differs (ours adds the toolbar and row buttons)");
  const f = await alternate({ name: "method flow", fn: flow }, { name: "method flow (again)", fn: flow }, { warmup: 20 });
  console.log(formatStats("method flow (one method), no peer", f.a.msPerOp));
  return { resources: design.resources.length, treeMs: cmp.a.msPerOp.median, heapMb };
}

/** Issue #14's budget: the designer's server render for a 3,000-resource API within 300 ms (here: its tree, the part that grows). */
const BUDGET_RESOURCES = 3000;
const BUDGET_MS = 300;

export default async function (): Promise<void> {
  // Issue #18: every benchmark also runs at 10x its size and says how time and memory grow.
  const small = await runAt(300);
  const large = await runAt(BUDGET_RESOURCES);
  const heap = (r: SizeRun) => (Number.isNaN(r.heapMb) ? "n/a (no --expose-gc)" : `${r.heapMb.toFixed(1)} MB`);
  console.log(
    `\n10x size: tree render ${small.treeMs.toFixed(2)} ms -> ${large.treeMs.toFixed(2)} ms (x${(large.treeMs / small.treeMs).toFixed(1)}); heap for design + tree ${heap(small)} -> ${heap(large)}`,
  );
  console.log(
    `budget: tree server render for ${BUDGET_RESOURCES} resources <= ${BUDGET_MS} ms: ${large.treeMs.toFixed(1)} ms ${large.treeMs <= BUDGET_MS ? "PASS" : "OVER"} (the tree alone; the page adds the session, the database read and the providers)`,
  );
}

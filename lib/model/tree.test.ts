/** The resource tree as a view reads it: one index, visible rows with collapse and filter, what a delete takes along. */
import { describe, expect, it } from "vitest";
import { generateDesign } from "../snapshot/sample-design";
import { addResourcePath, newDesign, putMethod } from "./operations";
import { describeSubtree, findResourceByPath, indexTree, resourcePath, resourcesInTreeOrder, visibleTreeRows } from "./tree";

function small() {
  let d = addResourcePath(newDesign({ name: "T" }), "/pets/{id}/toys").design;
  d = addResourcePath(d, "/owners").design;
  const id = (p: string) => findResourceByPath(d, p)!.id;
  d = putMethod(d, id("/pets"), { httpMethod: "GET" });
  d = putMethod(d, id("/pets/{id}"), { httpMethod: "GET", requestParameters: { "method.request.path.id": true } });
  d = putMethod(d, id("/pets/{id}"), { httpMethod: "DELETE" });
  d = putMethod(d, id("/owners"), { httpMethod: "POST" });
  return { d, id };
}

const show = (rows: ReturnType<typeof visibleTreeRows>) => rows.map((r) => (r.kind === "resource" ? r.path : `  ${r.verb} ${r.path}`));

describe("indexTree", () => {
  it("gives the same paths and order as the per-call helpers, for a 300-resource API", () => {
    const d = generateDesign({ resources: 300, seed: 7 });
    const index = indexTree(d);
    const rows = visibleTreeRows(index).filter((r) => r.kind === "resource");
    expect(rows.map((r) => r.path)).toEqual(resourcesInTreeOrder(d).map((r) => resourcePath(d, r)));
    expect(rows).toHaveLength(300);
  });
});

describe("visibleTreeRows", () => {
  it("lists resources in tree order with their methods under them", () => {
    const { d } = small();
    expect(show(visibleTreeRows(indexTree(d)))).toEqual([
      "/",
      "/owners",
      "  POST /owners",
      "/pets",
      "  GET /pets",
      "/pets/{id}",
      "  DELETE /pets/{id}",
      "  GET /pets/{id}",
      "/pets/{id}/toys",
    ]);
  });

  it("hides what is below a collapsed resource, but shows the resource", () => {
    const { d, id } = small();
    const rows = visibleTreeRows(indexTree(d), { collapsed: new Set([id("/pets")]) });
    expect(show(rows)).toEqual(["/", "/owners", "  POST /owners", "/pets"]);
    expect(rows.find((r) => r.path === "/pets")).toMatchObject({ expanded: false, hasChildren: true, methodCount: 1 });
  });

  it("filters by path or by 'VERB /path', keeping the ancestors of a match and opening collapsed ones", () => {
    const { d, id } = small();
    expect(show(visibleTreeRows(indexTree(d), { filter: "TOYS", collapsed: new Set([id("/pets")]) }))).toEqual(["/", "/pets", "/pets/{id}", "/pets/{id}/toys"]);
    expect(show(visibleTreeRows(indexTree(d), { filter: "delete /pets" }))).toEqual(["/", "/pets", "/pets/{id}", "  DELETE /pets/{id}"]);
    expect(show(visibleTreeRows(indexTree(d), { filter: "nothing-like-this" }))).toEqual([]);
  });
});

describe("describeSubtree", () => {
  it("lists every resource and method a delete would take with it", () => {
    const { d, id } = small();
    expect(describeSubtree(d, id("/pets"))).toEqual({
      path: "/pets",
      resources: [
        { id: id("/pets"), path: "/pets", methods: ["GET"] },
        { id: id("/pets/{id}"), path: "/pets/{id}", methods: ["DELETE", "GET"] },
        { id: id("/pets/{id}/toys"), path: "/pets/{id}/toys", methods: [] },
      ],
      methodCount: 3,
    });
    expect(describeSubtree(d, id("/owners")).methodCount).toBe(1);
  });
});

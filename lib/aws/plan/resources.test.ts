import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { planContext } from "./context";
import { planResourceCreates, planResourceDeletes, resourceTree } from "./resources";

/** / → /pets → /pets/{id}, and /stores. */
const design = parseDesign({
  name: "pets",
  resources: [
    { id: "g-pet", parentId: "g-pets", pathPart: "{id}" },
    { id: "g-root", parentId: null, pathPart: "" },
    { id: "g-pets", parentId: "g-root", pathPart: "pets" },
    { id: "g-stores", parentId: "g-root", pathPart: "stores" },
  ],
});

function live(resources: LiveApi["resources"]): LiveApi {
  return { restApi: { id: "a1b2c3" }, resources, models: [], requestValidators: [], authorizers: [], gatewayResponses: [] };
}

describe("resourceTree", () => {
  it("lists the design's resources parents first, with their full paths, and the live ones by path", () => {
    const tree = resourceTree(
      design,
      live([
        { id: "r0", path: "/" },
        { id: "r1", path: "/pets" },
      ]),
    );
    expect(tree.ordered.map((r) => tree.pathOf.get(r.id))).toEqual(["/", "/pets", "/pets/{id}", "/stores"]);
    expect([...tree.liveByPath.keys()]).toEqual(["/", "/pets"]);
  });
});

describe("planResourceCreates", () => {
  it("on a new API creates every resource but the root, each child under a Ref to its parent", () => {
    const ctx = planContext(design, null);
    expect(planResourceCreates(ctx, resourceTree(design, null))).toEqual([
      {
        operation: "CreateResource",
        target: "/pets",
        description: "Create resource /pets",
        kind: "create",
        binds: "resource:/pets",
        params: { restApiId: { ref: "restApi" }, parentId: { ref: "resource:/" }, pathPart: "pets" },
      },
      {
        operation: "CreateResource",
        target: "/pets/{id}",
        description: "Create resource /pets/{id}",
        kind: "create",
        binds: "resource:/pets/{id}",
        params: { restApiId: { ref: "restApi" }, parentId: { ref: "resource:/pets" }, pathPart: "{id}" },
      },
      {
        operation: "CreateResource",
        target: "/stores",
        description: "Create resource /stores",
        kind: "create",
        binds: "resource:/stores",
        params: { restApiId: { ref: "restApi" }, parentId: { ref: "resource:/" }, pathPart: "stores" },
      },
    ]);
  });

  it("binds the live resources' ids and creates only the missing ones under them", () => {
    const l = live([
      { id: "r0", path: "/" },
      { id: "r1", path: "/pets" },
      { id: "r2", path: "/stores" },
    ]);
    const ctx = planContext(design, l);
    const calls = planResourceCreates(ctx, resourceTree(design, l));
    expect(calls.map((c) => c.params)).toEqual([{ restApiId: "a1b2c3", parentId: "r1", pathPart: "{id}" }]);
    expect(ctx.bindings).toEqual({ restApi: "a1b2c3", "resource:/": "r0", "resource:/pets": "r1", "resource:/stores": "r2" });
  });
});

describe("planResourceDeletes", () => {
  it("deletes only the topmost of each removed subtree, saying how many go with it", () => {
    const l = live([
      { id: "r0", path: "/" },
      { id: "r1", path: "/pets" },
      { id: "r5", path: "/old" },
      { id: "r6", path: "/old/a" },
      { id: "r7", path: "/old/a/b" },
      { id: "r8", path: "/pets/{id}/toys" },
    ]);
    const ctx = planContext(design, l);
    expect(planResourceDeletes(ctx, resourceTree(design, l))).toEqual([
      {
        operation: "DeleteResource",
        target: "/pets/{id}/toys",
        description: "Delete resource /pets/{id}/toys",
        kind: "delete",
        params: { restApiId: "a1b2c3", resourceId: "r8" },
      },
      {
        operation: "DeleteResource",
        target: "/old",
        description: "Delete resource /old and the 2 resources below it",
        kind: "delete",
        params: { restApiId: "a1b2c3", resourceId: "r5" },
      },
    ]);
  });
});

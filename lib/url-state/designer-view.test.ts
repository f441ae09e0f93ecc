/** The designer's URL: bad values give the default view, unknown ids are reported, and a view survives a round trip. */
import { describe, expect, it } from "vitest";
import { addResourcePath, newDesign, putMethod } from "@/lib/model/operations";
import { findResourceByPath, resourcesInTreeOrder } from "@/lib/model/tree";
import { designerHref, designerSearch, parseDesignerView, resolveDesignerView } from "./designer-view";

function design() {
  let d = addResourcePath(newDesign({ name: "T" }), "/pets/{id}").design;
  const pets = findResourceByPath(d, "/pets")!.id;
  d = putMethod(d, pets, { httpMethod: "GET" });
  return { d, pets, petId: findResourceByPath(d, "/pets/{id}")!.id };
}

describe("parseDesignerView", () => {
  it("reads resource, method and tab from URLSearchParams or Next's searchParams object", () => {
    expect(parseDesignerView(new URLSearchParams("resource=abc123&method=get&tab=models"))).toEqual({ resource: "abc123", method: "GET", tab: "models" });
    expect(parseDesignerView({ resource: ["abc123", "zzz"], method: "POST" })).toEqual({ resource: "abc123", method: "POST", tab: undefined });
  });

  it.each([
    ["an unknown verb", "resource=abc&method=FETCH", { resource: "abc" }],
    ["an unknown tab", "tab=everything", {}],
    ["a resource id with markup", "resource=%3Cscript%3E&method=GET", {}],
    ["a method without its resource", "method=GET", {}],
    ["an empty resource", "resource=&method=GET", {}],
    ["a very long id", `resource=${"a".repeat(101)}`, {}],
  ])("drops %s (the default view)", (_what, query, expected) => {
    const view = parseDesignerView(new URLSearchParams(query));
    expect(Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined))).toEqual(expected);
  });
});

describe("designerSearch", () => {
  it("writes a fixed order and nothing for the default view", () => {
    expect(designerSearch({ tab: "cors", method: "GET", resource: "r1" })).toBe("?resource=r1&method=GET&tab=cors");
    expect(designerSearch({})).toBe("");
    expect(designerSearch({ method: "GET" })).toBe("");
    expect(designerHref("api-1", { resource: "r1" })).toBe("/apis/api-1?resource=r1");
  });

  it("round-trips through the parser", () => {
    const view = { resource: "k3j4h5g6f7", method: "DELETE" as const, tab: "method" as const };
    expect(parseDesignerView(new URLSearchParams(designerSearch(view)))).toEqual(view);
  });
});

describe("resolveDesignerView", () => {
  it("finds the resource and method the URL names", () => {
    const { d, pets } = design();
    const view = resolveDesignerView(d, { resource: pets, method: "GET" });
    expect(view.resource.id).toBe(pets);
    expect(view.method?.httpMethod).toBe("GET");
    expect(view.missing).toBeUndefined();
  });

  it("falls back to the root for an unknown resource and says what was missing", () => {
    const { d } = design();
    const view = resolveDesignerView(d, { resource: "nosuchid00", method: "GET" });
    expect(view.resource.id).toBe(resourcesInTreeOrder(d)[0].id);
    expect(view.method).toBeUndefined();
    expect(view.missing).toBe("Resource nosuchid00 was not found in this API; showing / instead.");
  });

  it("keeps the resource when only its method is unknown", () => {
    const { d, petId } = design();
    const view = resolveDesignerView(d, { resource: petId, method: "GET" });
    expect(view.resource.id).toBe(petId);
    expect(view.method).toBeUndefined();
    expect(view.missing).toBe("GET /pets/{id} was not found in this API; showing /pets/{id} instead.");
  });

  it("shows the root with nothing asked", () => {
    const { d } = design();
    expect(resolveDesignerView(d, {})).toEqual({ resource: resourcesInTreeOrder(d)[0] });
  });
});

/** The palette's index: every API, resource, method and stage with the URL that shows it, and the search over them. */
import { describe, expect, it } from "vitest";
import { addResourcePath, newDesign, putMethod } from "../model/operations";
import { buildNavigationIndex, type NavigationEntry, type NavigationSource } from "./navigation-index";
import { matchScore, searchNavigation } from "./navigation-search";

function petsApi(): NavigationSource {
  let design = newDesign({ name: "Pets" });
  const pets = addResourcePath(design, "/pets");
  design = putMethod(pets.design, pets.resource.id, { httpMethod: "POST" });
  design = putMethod(design, pets.resource.id, { httpMethod: "GET" });
  const pet = addResourcePath(design, "/pets/{id}");
  design = putMethod(pet.design, pet.resource.id, { httpMethod: "GET" });
  return { id: "api-1", name: "Pets", design, stageNames: ["prod", "dev"] };
}

const idOf = (source: NavigationSource, path: string) => {
  const part = path.split("/").pop();
  const found = source.design.resources.find((r) => r.pathPart === part);
  if (!found) throw new Error(`no resource ${path}`);
  return found.id;
};

describe("buildNavigationIndex", () => {
  it("lists the API, each resource followed by its methods, then the stages, each with its URL", () => {
    const api = petsApi();
    const rootId = api.design.resources.find((r) => r.parentId === null)?.id;
    const pets = idOf(api, "/pets");
    const pet = idOf(api, "/pets/{id}");
    expect(buildNavigationIndex([api]).map((e) => [e.kind, e.label, e.url])).toEqual([
      ["api", "Pets", "/apis/api-1"],
      ["resource", "/", `/apis/api-1?resource=${rootId}`],
      ["resource", "/pets", `/apis/api-1?resource=${pets}`],
      ["method", "GET /pets", `/apis/api-1?resource=${pets}&method=GET`],
      ["method", "POST /pets", `/apis/api-1?resource=${pets}&method=POST`],
      ["resource", "/pets/{id}", `/apis/api-1?resource=${pet}`],
      ["method", "GET /pets/{id}", `/apis/api-1?resource=${pet}&method=GET`],
      ["stage", "dev", "/apis/api-1/stages/dev"],
      ["stage", "prod", "/apis/api-1/stages/prod"],
    ]);
  });

  it("names each entry's API and orders APIs by name", () => {
    const zoo = { ...petsApi(), id: "api-2", name: "Zoo", stageNames: [] };
    const accounts = { id: "api-3", name: "Accounts", design: newDesign({ name: "Accounts" }), stageNames: ["v1"] };
    const index = buildNavigationIndex([zoo, accounts]);
    expect(index.filter((e) => e.kind === "api").map((e) => e.label)).toEqual(["Accounts", "Zoo"]);
    expect(index.find((e) => e.label === "v1")?.apiName).toBe("Accounts");
    expect(index.find((e) => e.label === "GET /pets/{id}")?.apiName).toBe("Zoo");
  });

  it("encodes ids and stage names that are not URL-safe", () => {
    const odd = { id: "a b", name: "Odd", design: newDesign({ name: "Odd" }), stageNames: ["x y"] };
    const urls = buildNavigationIndex([odd]).map((e) => e.url);
    expect(urls[0]).toBe("/apis/a%20b");
    expect(urls).toContain("/apis/a%20b/stages/x%20y");
  });
});

describe("searchNavigation", () => {
  const index = buildNavigationIndex([petsApi(), { id: "api-2", name: "Billing", design: newDesign({ name: "Billing" }), stageNames: ["prod"] }]);
  const labels = (query: string) => searchNavigation(index, query).map((e) => `${e.apiName}:${e.label}`);

  it("finds a method by its verb and path", () => {
    expect(labels("GET /pets/{id}")[0]).toBe("Pets:GET /pets/{id}");
  });

  it("ranks a label starting with the query before one only containing it", () => {
    expect(labels("/pets").slice(0, 2)).toEqual(["Pets:/pets", "Pets:/pets/{id}"]);
  });

  it("matches the words of the query anywhere in API name, kind and label", () => {
    expect(labels("billing prod")).toEqual(["Billing:prod"]);
    expect(labels("pets stage")).toEqual(["Pets:dev", "Pets:prod"]);
  });

  it("matches letters in order (fuzzy) when nothing contains the query", () => {
    expect(labels("gpid")).toEqual(["Pets:GET /pets/{id}"]);
  });

  it("returns nothing for a query nothing matches", () => {
    expect(labels("zzz")).toEqual([]);
  });

  it("returns the whole index, in order, for an empty query, cut at the limit", () => {
    expect(searchNavigation(index, "  ").length).toBe(index.length);
    expect(searchNavigation(index, "", 3)).toEqual(index.slice(0, 3));
  });

  it("prefers an exact label over a longer one", () => {
    const entry = (label: string): NavigationEntry => ({ kind: "stage", label, apiName: "A", url: `/${label}` });
    expect(matchScore(entry("prod"), "prod")).toBeLessThan(matchScore(entry("production"), "prod") ?? Number.POSITIVE_INFINITY);
  });
});

/** The checks API Gateway enforces, as pure functions over a design: path parts, integrations, responses. */
import { describe, expect, it } from "vitest";
import type { ApiDesign, Integration, Resource } from "./design";
import { integrationSchema } from "./design";
import { newDesign } from "./operations";
import {
  MAX_RESOURCES_PER_API,
  checkApiName,
  checkIntegration,
  checkIntegrationResponse,
  checkPathPart,
  checkSelectionPattern,
  checkStatusCode,
  isGreedyPart,
  isParamPart,
} from "./rules";
import { rootResource } from "./tree";

/** A design with `/pets`, `/pets/{id}` and `/files/{proxy+}`, built by hand so these tests depend only on rules.ts. */
function fixture(): { design: ApiDesign; root: Resource; pets: Resource; petId: Resource; files: Resource; proxy: Resource } {
  const design = newDesign({ name: "Rules" });
  const root = rootResource(design);
  const pets: Resource = { id: "pets", parentId: root.id, pathPart: "pets", methods: {} };
  const petId: Resource = { id: "petid", parentId: "pets", pathPart: "{id}", methods: {} };
  const files: Resource = { id: "files", parentId: root.id, pathPart: "files", methods: {} };
  const proxy: Resource = { id: "proxy", parentId: "files", pathPart: "{proxy+}", methods: {} };
  design.resources.push(pets, petId, files, proxy);
  return { design, root, pets, petId, files, proxy };
}

function integration(input: Partial<Integration> & { type: Integration["type"] }): Integration {
  return integrationSchema.parse(input);
}

const fields = (issues: { field: string }[]) => issues.map((i) => i.field);

describe("checkPathPart: syntax of one segment", () => {
  it.each(["pets", "Pets-2", "a.b_c", "v1.list-2", "{id}", "{pet.id}", "{proxy+}", "{a-b_c}"])("accepts %s", (part) => {
    const design = newDesign({ name: "Empty" });
    expect(checkPathPart(design, rootResource(design).id, part)).toEqual([]);
  });

  it.each([
    "pe ts",
    "pets?",
    "pets#x",
    "%20",
    "{id",
    "id}",
    "{}",
    "{+}",
    "{a}b",
    "a{b}",
    "{a+b}",
    "{{a}}",
    "é",
    // AWS's own message names the alphabet: a-zA-Z0-9._- only (the field hint says so too)
    "orders!",
    "a.b_c~d",
    "v1:list",
    "x@y",
    "a$b",
    "a&b",
    "it's",
    "(a)",
    "a*b",
    "a+b",
    "a,b",
    "a;b",
    "a=b",
    "{a~b}",
  ])("refuses %s with the AWS path part message", (part) => {
    const { design, root } = fixture();
    const issues = checkPathPart(design, root.id, part);
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe("pathPart");
    expect(issues[0].message).toMatch(/path part only allow/);
  });

  it("refuses a '/' inside a segment, and an empty segment", () => {
    const { design, root } = fixture();
    expect(checkPathPart(design, root.id, "pets/{id}")).toEqual([{ field: "pathPart", message: expect.stringMatching(/one segment/) }]);
    expect(checkPathPart(design, root.id, "/pets")).toHaveLength(1);
    expect(checkPathPart(design, root.id, "")).toEqual([{ field: "pathPart", message: "Path part is required" }]);
  });

  it("refuses a parent that does not exist", () => {
    const { design } = fixture();
    expect(fields(checkPathPart(design, "nope", "pets"))).toEqual(["parentId"]);
  });

  it("classifies variable and greedy parts", () => {
    expect(isParamPart("{id}")).toBe(true);
    expect(isParamPart("{proxy+}")).toBe(true);
    expect(isParamPart("id")).toBe(false);
    expect(isGreedyPart("{proxy+}")).toBe(true);
    expect(isGreedyPart("{id}")).toBe(false);
    expect(isGreedyPart("a+}")).toBe(false);
  });
});

describe("checkPathPart: siblings and tree shape", () => {
  it("refuses a second, different variable under the same parent", () => {
    const { design, pets } = fixture();
    const issues = checkPathPart(design, pets.id, "{petId}");
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ field: "pathPart", message: expect.stringMatching(/\{id\}.*only one is allowed/) });
    // A greedy variable is a variable too.
    expect(fields(checkPathPart(design, pets.id, "{rest+}"))).toEqual(["pathPart"]);
  });

  it("allows a literal next to a variable, and the same variable name under different parents", () => {
    const { design, pets, files } = fixture();
    expect(checkPathPart(design, pets.id, "search")).toEqual([]);
    expect(checkPathPart(design, files.id, "readme")).toEqual([]);
    const root = rootResource(design);
    expect(checkPathPart(design, root.id, "{id}")).toEqual([]);
  });

  it("refuses a duplicate sibling name, literal or variable", () => {
    const { design, root, pets } = fixture();
    expect(checkPathPart(design, root.id, "pets")).toEqual([
      { field: "pathPart", message: "Another resource with the same parent already has this name: pets" },
    ]);
    const dup = checkPathPart(design, pets.id, "{id}");
    expect(dup).toHaveLength(1);
    expect(dup[0].message).toMatch(/same parent already has this name/);
  });

  it("is case-sensitive about sibling names, as AWS paths are", () => {
    const { design, root } = fixture();
    expect(checkPathPart(design, root.id, "Pets")).toEqual([]);
  });

  it("refuses any child under a greedy {proxy+}", () => {
    const { design, proxy } = fixture();
    const issues = checkPathPart(design, proxy.id, "more");
    expect(issues).toEqual([{ field: "parentId", message: expect.stringMatching(/\{proxy\+\} must be the last part/) }]);
    expect(fields(checkPathPart(design, proxy.id, "{x}"))).toEqual(["parentId"]);
  });

  it("allows children under a non-greedy variable", () => {
    const { design, petId } = fixture();
    expect(checkPathPart(design, petId.id, "photos")).toEqual([]);
  });

  it("ignores the resource itself when renaming (selfId)", () => {
    const { design, pets, petId } = fixture();
    expect(checkPathPart(design, pets.id, "{id}", petId.id)).toEqual([]);
    expect(checkPathPart(design, pets.id, "{petId}", petId.id)).toEqual([]);
  });

  it(`refuses a resource beyond ${MAX_RESOURCES_PER_API}, but not the ${MAX_RESOURCES_PER_API}th`, () => {
    expect(MAX_RESOURCES_PER_API).toBe(300);
    const design = newDesign({ name: "Big" });
    const root = rootResource(design);
    for (let i = 1; i < MAX_RESOURCES_PER_API - 1; i++) design.resources.push({ id: `r${i}`, parentId: root.id, pathPart: `r${i}`, methods: {} });
    expect(design.resources).toHaveLength(MAX_RESOURCES_PER_API - 1);
    expect(checkPathPart(design, root.id, "last")).toEqual([]);
    design.resources.push({ id: "last", parentId: root.id, pathPart: "last", methods: {} });
    expect(checkPathPart(design, root.id, "one-more")).toEqual([{ field: "pathPart", message: `An API can have at most ${MAX_RESOURCES_PER_API} resources` }]);
    // Renaming an existing resource does not add one.
    expect(checkPathPart(design, root.id, "renamed", "last")).toEqual([]);
  });
});

describe("checkIntegration", () => {
  it.each([
    [49, false],
    [50, true],
    [1000, true],
    [29_000, true],
    [29_001, false],
    [0, false],
    [-1, false],
  ])("timeoutInMillis %i valid: %s", (timeoutInMillis, ok) => {
    const issues = checkIntegration(integration({ type: "MOCK", timeoutInMillis }));
    if (ok) expect(issues).toEqual([]);
    else expect(issues).toEqual([{ field: "integration.timeoutInMillis", message: "Timeout must be between 50 ms and 29000 ms" }]);
  });

  it("accepts a MOCK integration with no URI or backend method", () => {
    expect(checkIntegration(integration({ type: "MOCK" }))).toEqual([]);
  });

  it.each(["HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY"] as const)("requires a URI and a backend method for %s", (type) => {
    expect(fields(checkIntegration(integration({ type })))).toEqual(["integration.uri", "integration.httpMethod"]);
  });

  it.each(["http://example.com", "https://example.com/pets/{id}?x=1", "http://${stageVariables.host}/x"])("accepts HTTP URI %s", (uri) => {
    expect(checkIntegration(integration({ type: "HTTP", httpMethod: "GET", uri }))).toEqual([]);
    expect(checkIntegration(integration({ type: "HTTP_PROXY", httpMethod: "ANY", uri }))).toEqual([]);
  });

  it.each(["example.com", "ftp://example.com", "http://", "https://exa mple.com", "arn:aws:apigateway:us-east-1:s3:path/b"])("refuses HTTP URI %s", (uri) => {
    expect(checkIntegration(integration({ type: "HTTP", httpMethod: "GET", uri }))).toEqual([
      { field: "integration.uri", message: "Invalid HTTP endpoint specified for URI" },
    ]);
  });

  const lambdaUri = "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:F/invocations";

  it.each(["AWS", "AWS_PROXY"] as const)("requires POST for a %s Lambda integration", (type) => {
    expect(checkIntegration(integration({ type, httpMethod: "POST", uri: lambdaUri }))).toEqual([]);
    for (const verb of ["GET", "ANY", "PUT"]) {
      expect(checkIntegration(integration({ type, httpMethod: verb, uri: lambdaUri }))).toEqual([
        { field: "integration.httpMethod", message: "A Lambda integration must use POST as the backend method" },
      ]);
    }
  });

  it("does not require POST for other AWS services", () => {
    const s3 = "arn:aws:apigateway:us-east-1:s3:path/bucket/key";
    expect(checkIntegration(integration({ type: "AWS", httpMethod: "GET", uri: s3 }))).toEqual([]);
  });

  it("checks each integration response and allows only one default", () => {
    const ok = integration({
      type: "MOCK",
      integrationResponses: { "200": { statusCode: "200" }, "404": { statusCode: "404", selectionPattern: "4\\d{2}" } } as never,
    });
    expect(checkIntegration(ok)).toEqual([]);
    const twoDefaults = integration({ type: "MOCK", integrationResponses: { "200": { statusCode: "200" }, "500": { statusCode: "500" } } as never });
    expect(checkIntegration(twoDefaults)).toEqual([
      { field: "integration.integrationResponses", message: "Only one integration response can be the default (no selection pattern)" },
    ]);
    const badPattern = integration({ type: "MOCK", integrationResponses: { "400": { statusCode: "400", selectionPattern: "(" } } as never });
    expect(fields(checkIntegration(badPattern))).toEqual(["integration.integrationResponses.400.selectionPattern"]);
  });

  it("uses the given field prefix", () => {
    expect(fields(checkIntegration(integration({ type: "HTTP" }), "x"))).toEqual(["x.uri", "x.httpMethod"]);
  });
});

describe("selection patterns and status codes", () => {
  it.each(["", undefined, "4\\d{2}", ".*Not Found.*", "(\\n|.)+", "Invalid.*"])("accepts selection pattern %j", (p) => {
    expect(checkSelectionPattern(p, "f")).toEqual([]);
  });

  it.each(["(", "[a-", "*abc", "a{2,1}", "(?<n>a)(?<n>b)"])("refuses selection pattern %j", (p) => {
    const issues = checkSelectionPattern(p, "r.selectionPattern");
    expect(issues).toHaveLength(1);
    expect(issues[0].field).toBe("r.selectionPattern");
    expect(issues[0].message).toMatch(/^Invalid selection pattern specified for integration response/);
  });

  it.each(["100", "200", "404", "599"])("accepts status %s", (s) => {
    expect(checkStatusCode(s, "f")).toEqual([]);
    expect(checkIntegrationResponse({ statusCode: s, responseParameters: {}, responseTemplates: {} }, "r")).toEqual([]);
  });

  it.each(["600", "099", "20", "2000", "abc", "", " 200"])("refuses status %j", (s) => {
    expect(checkStatusCode(s, "f")).toEqual([{ field: "f", message: "Status code must be a 3-digit HTTP status (100-599)" }]);
    expect(fields(checkIntegrationResponse({ statusCode: s, responseParameters: {}, responseTemplates: {} }, "r"))).toEqual(["r.statusCode"]);
  });
});

describe("checkApiName", () => {
  it("requires a non-blank name of at most 1024 characters", () => {
    expect(checkApiName("PetStore")).toEqual([]);
    expect(checkApiName("   ")).toEqual([{ field: "name", message: "Name is required" }]);
    expect(checkApiName("x".repeat(1024))).toEqual([]);
    expect(checkApiName("x".repeat(1025))).toEqual([{ field: "name", message: "Name must be at most 1024 characters" }]);
  });
});

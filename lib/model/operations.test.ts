/** Design edits: each returns a new design or throws what AWS would reject, and never touches its input. */
import { describe, expect, it } from "vitest";
import type { ApiDesign } from "./design";
import { parseDesign } from "./design";
import { NotFoundError, ValidationError } from "../errors";
import {
  addResource,
  addResourcePath,
  deleteIntegrationResponse,
  deleteMethod,
  deleteMethodResponse,
  deleteResource,
  newDesign,
  putIntegration,
  putIntegrationResponse,
  putMethod,
  putMethodResponse,
  updateMethod,
} from "./operations";
import { findResourceByPath, resourcePath, rootResource } from "./tree";

/** Deep-freezes a design so any in-place write throws in strict mode. */
function frozen<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

function idOf(design: ApiDesign, path: string): string {
  const r = findResourceByPath(design, path);
  if (!r) throw new Error(`no resource ${path}`);
  return r.id;
}

/** Catches the ValidationError a call throws and returns its issues. */
function issuesOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).status).toBe(400);
    return (e as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}

/** `/pets/{id}` with GET (MOCK, method responses 200 and 404, integration response 200 as default). */
function petDesign(): ApiDesign {
  let d = addResourcePath(newDesign({ name: "Pets" }), "/pets/{id}").design;
  const petId = idOf(d, "/pets/{id}");
  d = putMethod(d, petId, { httpMethod: "GET", requestParameters: { "method.request.path.id": true } });
  d = putMethodResponse(d, petId, "GET", { statusCode: "200", responseParameters: {}, responseModels: {} });
  d = putMethodResponse(d, petId, "GET", { statusCode: "404", responseParameters: {}, responseModels: {} });
  d = putIntegration(d, petId, "GET", { type: "MOCK" });
  d = putIntegrationResponse(d, petId, "GET", { statusCode: "200", responseParameters: {}, responseTemplates: {} });
  return d;
}

describe("newDesign", () => {
  it("has exactly one root resource with an empty path part and trims name and description", () => {
    const d = newDesign({ name: "  PetStore ", description: " demo " });
    expect(d.name).toBe("PetStore");
    expect(d.description).toBe("demo");
    expect(d.resources).toEqual([{ id: expect.stringMatching(/^[a-z0-9]{10}$/), parentId: null, pathPart: "", methods: {} }]);
    // It is a valid design as stored.
    expect(parseDesign(d)).toEqual(d);
  });

  it("refuses a blank name", () => {
    expect(issuesOf(() => newDesign({ name: " " }))).toEqual([{ field: "name", message: "Name is required" }]);
  });
});

describe("resources", () => {
  it("addResource adds one child with a fresh id and trims the path part", () => {
    const d = frozen(newDesign({ name: "A" }));
    const root = rootResource(d);
    const { design, resource } = addResource(d, { parentId: root.id, pathPart: " pets " });
    expect(resource).toEqual({ id: expect.stringMatching(/^[a-z0-9]{10}$/), parentId: root.id, pathPart: "pets", methods: {} });
    expect(resource.id).not.toBe(root.id);
    expect(design.resources).toHaveLength(2);
    expect(d.resources).toHaveLength(1);
  });

  it("addResource throws the rule's issues", () => {
    const d = addResourcePath(newDesign({ name: "A" }), "/files/{proxy+}").design;
    expect(issuesOf(() => addResource(d, { parentId: idOf(d, "/files/{proxy+}"), pathPart: "x" }))[0].field).toBe("parentId");
    expect(issuesOf(() => addResource(d, { parentId: rootResource(d).id, pathPart: "files" }))[0].message).toMatch(/same parent/);
    expect(issuesOf(() => addResource(d, { parentId: idOf(d, "/files"), pathPart: "{other}" }))[0].message).toMatch(/only one is allowed/);
  });

  it("addResourcePath creates every missing intermediate segment and returns the deepest", () => {
    const d = frozen(newDesign({ name: "A" }));
    const { design, resource } = addResourcePath(d, "/a/b/{c}");
    expect(design.resources.map((r) => resourcePath(design, r)).sort()).toEqual(["/", "/a", "/a/b", "/a/b/{c}"]);
    expect(resourcePath(design, resource)).toBe("/a/b/{c}");
    expect(design.resources.find((r) => r.id === resource.id)!.parentId).toBe(idOf(design, "/a/b"));
  });

  it("addResourcePath reuses existing segments and tolerates missing or doubled slashes", () => {
    const first = addResourcePath(newDesign({ name: "A" }), "/pets").design;
    const petsId = idOf(first, "/pets");
    const { design } = addResourcePath(frozen(first), "pets//{id}/");
    expect(design.resources).toHaveLength(3);
    expect(idOf(design, "/pets")).toBe(petsId);
    expect(findResourceByPath(design, "/pets/{id}")!.parentId).toBe(petsId);
  });

  it("addResourcePath refuses a path that already exists, and the root", () => {
    const d = addResourcePath(newDesign({ name: "A" }), "/pets/{id}").design;
    expect(issuesOf(() => addResourcePath(d, "/pets/{id}"))).toEqual([{ field: "path", message: "Resource /pets/{id} already exists" }]);
    expect(issuesOf(() => addResourcePath(d, "/pets"))).toEqual([{ field: "path", message: "Resource /pets already exists" }]);
    expect(issuesOf(() => addResourcePath(d, "/"))[0].field).toBe("path");
    expect(issuesOf(() => addResourcePath(d, ""))[0].field).toBe("path");
  });

  it("addResourcePath names the failing segment and adds nothing", () => {
    const d = frozen(addResourcePath(newDesign({ name: "A" }), "/pets/{id}").design);
    expect(issuesOf(() => addResourcePath(d, "/pets/{petId}/photos"))).toEqual([
      { field: "path", message: expect.stringMatching(/^\{petId\}: .*only one is allowed/) },
    ]);
    expect(issuesOf(() => addResourcePath(d, "/pets/bad name"))[0].message).toMatch(/^bad name: /);
    expect(d.resources).toHaveLength(3);
  });

  it("deleteResource removes the resource and its whole subtree, and nothing else", () => {
    let d = addResourcePath(newDesign({ name: "A" }), "/pets/{id}/photos").design;
    d = addResourcePath(d, "/pets/search").design;
    d = addResourcePath(d, "/owners").design;
    frozen(d);
    const next = deleteResource(d, idOf(d, "/pets"));
    expect(next.resources.map((r) => resourcePath(next, r)).sort()).toEqual(["/", "/owners"]);
    expect(d.resources).toHaveLength(6);
    const leaf = deleteResource(d, idOf(d, "/pets/{id}/photos"));
    expect(leaf.resources).toHaveLength(5);
  });

  it("deleteResource refuses the root and an unknown id", () => {
    const d = newDesign({ name: "A" });
    expect(issuesOf(() => deleteResource(d, rootResource(d).id))).toEqual([{ field: "resourceId", message: "The root resource cannot be deleted" }]);
    expect(() => deleteResource(d, "missing")).toThrow(NotFoundError);
  });
});

describe("methods", () => {
  it("putMethod fills AWS's defaults", () => {
    const d = addResourcePath(newDesign({ name: "A" }), "/pets").design;
    const next = putMethod(frozen(d), idOf(d, "/pets"), { httpMethod: "POST" });
    expect(findResourceByPath(next, "/pets")!.methods.POST).toEqual({
      httpMethod: "POST",
      authorizationType: "NONE",
      authorizationScopes: [],
      apiKeyRequired: false,
      requestParameters: {},
      requestModels: {},
      methodResponses: {},
    });
    expect(findResourceByPath(d, "/pets")!.methods).toEqual({});
  });

  it("putMethod refuses a method that already exists, but allows the same verb on another resource", () => {
    const d = petDesign();
    expect(issuesOf(() => putMethod(d, idOf(d, "/pets/{id}"), { httpMethod: "GET" }))).toEqual([
      { field: "httpMethod", message: "Method GET already exists on this resource" },
    ]);
    expect(() => putMethod(d, idOf(d, "/pets"), { httpMethod: "GET" })).not.toThrow();
    expect(() => putMethod(d, "missing", { httpMethod: "GET" })).toThrow(NotFoundError);
  });

  it("refuses references to a validator, model or authorizer the API does not have", () => {
    const d = addResourcePath(newDesign({ name: "A" }), "/pets").design;
    const pets = idOf(d, "/pets");
    expect(issuesOf(() => putMethod(d, pets, { httpMethod: "POST", requestValidatorId: "nope" }))).toEqual([
      { field: "method.requestValidatorId", message: "Invalid Request Validator identifier specified" },
    ]);
    expect(issuesOf(() => putMethod(d, pets, { httpMethod: "POST", requestModels: { "application/json": "Pet" } }))).toEqual([
      { field: "method.requestModels.application/json", message: "Invalid model identifier specified: Pet (not a model of this API, nor Empty or Error)" },
    ]);
    expect(issuesOf(() => putMethod(d, pets, { httpMethod: "POST", authorizationType: "CUSTOM", authorizerId: "nope" }))).toEqual([
      { field: "method.authorizerId", message: "Invalid authorizer ID specified: no such authorizer in this API" },
    ]);
    expect(issuesOf(() => putMethod(d, pets, { httpMethod: "POST", authorizationType: "COGNITO_USER_POOLS" }))[0].field).toBe("method.authorizerId");
    expect(issuesOf(() => putMethod(d, pets, { httpMethod: "POST", requestParameters: { "query.q": true } }))[0].field).toBe(
      "method.requestParameters.query.q",
    );
  });

  it("accepts those references once the API defines them", () => {
    const d = addResourcePath(newDesign({ name: "A" }), "/pets").design;
    d.models.push({ id: "m1", name: "Pet", contentType: "application/json", schema: "{}" });
    d.requestValidators.push({ id: "v1", name: "body", validateRequestBody: true, validateRequestParameters: false });
    d.authorizers.push({ id: "a1", name: "auth", type: "TOKEN", providerARNs: [] });
    const next = putMethod(d, idOf(d, "/pets"), {
      httpMethod: "POST",
      authorizationType: "CUSTOM",
      authorizerId: "a1",
      requestValidatorId: "v1",
      requestModels: { "application/json": "Pet" },
      requestParameters: { "method.request.querystring.q": false, "method.request.header.X-Id": true },
    });
    expect(findResourceByPath(next, "/pets")!.methods.POST).toMatchObject({ authorizerId: "a1", requestValidatorId: "v1" });
  });

  it("updateMethod changes request settings and keeps the integration and responses", () => {
    const d = frozen(petDesign());
    const id = idOf(d, "/pets/{id}");
    const next = updateMethod(d, id, "GET", { apiKeyRequired: true });
    const m = findResourceByPath(next, "/pets/{id}")!.methods.GET;
    expect(m.apiKeyRequired).toBe(true);
    expect(m.requestParameters).toEqual({ "method.request.path.id": true });
    expect(m.integration?.type).toBe("MOCK");
    expect(Object.keys(m.integration!.integrationResponses)).toEqual(["200"]);
    expect(Object.keys(m.methodResponses).sort()).toEqual(["200", "404"]);
    expect(issuesOf(() => updateMethod(d, id, "GET", { requestValidatorId: "nope" }))[0].field).toBe("method.requestValidatorId");
    expect(() => updateMethod(d, id, "POST", {})).toThrow(NotFoundError);
  });

  it("deleteMethod removes the method with its integration", () => {
    const d = frozen(petDesign());
    const next = deleteMethod(d, idOf(d, "/pets/{id}"), "GET");
    expect(findResourceByPath(next, "/pets/{id}")!.methods).toEqual({});
    expect(() => deleteMethod(next, idOf(d, "/pets/{id}"), "GET")).toThrow(NotFoundError);
  });
});

describe("integrations", () => {
  it("putIntegration validates the timeout range through the operation", () => {
    const d = petDesign();
    const id = idOf(d, "/pets/{id}");
    expect(issuesOf(() => putIntegration(d, id, "GET", { type: "MOCK", timeoutInMillis: 49 }))).toEqual([
      { field: "integration.timeoutInMillis", message: "Timeout must be between 50 ms and 29000 ms" },
    ]);
    expect(issuesOf(() => putIntegration(d, id, "GET", { type: "MOCK", timeoutInMillis: 29_001 }))[0].field).toBe("integration.timeoutInMillis");
    expect(issuesOf(() => putIntegration(d, id, "GET", { type: "MOCK", timeoutInMillis: 100.5 }))[0].field).toBe("integration.timeoutInMillis");
    expect(
      findResourceByPath(putIntegration(d, id, "GET", { type: "MOCK", timeoutInMillis: 50 }), "/pets/{id}")!.methods.GET.integration!.timeoutInMillis,
    ).toBe(50);
  });

  it("putIntegration refuses a Lambda integration whose backend method is not POST, and a bad HTTP URI", () => {
    const d = petDesign();
    const id = idOf(d, "/pets/{id}");
    const uri = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:Pets/invocations";
    expect(issuesOf(() => putIntegration(d, id, "GET", { type: "AWS_PROXY", httpMethod: "GET", uri }))).toEqual([
      { field: "integration.httpMethod", message: "A Lambda integration must use POST as the backend method" },
    ]);
    expect(() => putIntegration(d, id, "GET", { type: "AWS_PROXY", httpMethod: "POST", uri })).not.toThrow();
    expect(issuesOf(() => putIntegration(d, id, "GET", { type: "HTTP", httpMethod: "GET", uri: "petstore.example.com" }))).toEqual([
      { field: "integration.uri", message: "Invalid HTTP endpoint specified for URI" },
    ]);
  });

  it("putIntegration replaces the integration but keeps its integration responses", () => {
    const d = frozen(petDesign());
    const id = idOf(d, "/pets/{id}");
    const next = putIntegration(d, id, "GET", { type: "HTTP", httpMethod: "GET", uri: "https://example.com/pets/{id}" });
    const i = findResourceByPath(next, "/pets/{id}")!.methods.GET.integration!;
    expect(i).toMatchObject({ type: "HTTP", uri: "https://example.com/pets/{id}", passthroughBehavior: "WHEN_NO_MATCH", timeoutInMillis: 29_000 });
    expect(Object.keys(i.integrationResponses)).toEqual(["200"]);
    expect(findResourceByPath(d, "/pets/{id}")!.methods.GET.integration!.type).toBe("MOCK");
  });

  it("putIntegration needs an existing method", () => {
    const d = petDesign();
    expect(() => putIntegration(d, idOf(d, "/pets"), "GET", { type: "MOCK" })).toThrow(NotFoundError);
  });

  it("an integration response needs its method response", () => {
    const d = petDesign();
    const id = idOf(d, "/pets/{id}");
    expect(
      issuesOf(() => putIntegrationResponse(d, id, "GET", { statusCode: "500", selectionPattern: "5\\d{2}", responseParameters: {}, responseTemplates: {} })),
    ).toEqual([{ field: "integrationResponse.statusCode", message: expect.stringMatching(/^Add method response 500 first/) }]);
    const withMr = putMethodResponse(d, id, "GET", { statusCode: "500", responseParameters: {}, responseModels: {} });
    expect(() =>
      putIntegrationResponse(withMr, id, "GET", { statusCode: "500", selectionPattern: "5\\d{2}", responseParameters: {}, responseTemplates: {} }),
    ).not.toThrow();
  });

  it("an integration response needs an integration", () => {
    let d = addResourcePath(newDesign({ name: "A" }), "/x").design;
    const x = idOf(d, "/x");
    d = putMethod(d, x, { httpMethod: "GET" });
    d = putMethodResponse(d, x, "GET", { statusCode: "200", responseParameters: {}, responseModels: {} });
    expect(issuesOf(() => putIntegrationResponse(d, x, "GET", { statusCode: "200", responseParameters: {}, responseTemplates: {} }))).toEqual([
      { field: "integration", message: "Set up the integration before its responses" },
    ]);
  });

  it("only one integration response may be the default", () => {
    const d = petDesign();
    const id = idOf(d, "/pets/{id}");
    expect(issuesOf(() => putIntegrationResponse(d, id, "GET", { statusCode: "404", responseParameters: {}, responseTemplates: {} }))).toEqual([
      { field: "integrationResponse.selectionPattern", message: "Response 200 is already the default; give this one a selection pattern" },
    ]);
    // An empty pattern is the default too.
    expect(
      issuesOf(() => putIntegrationResponse(d, id, "GET", { statusCode: "404", selectionPattern: "", responseParameters: {}, responseTemplates: {} }))[0].field,
    ).toBe("integrationResponse.selectionPattern");
    // Re-putting the default itself is fine.
    const again = putIntegrationResponse(d, id, "GET", { statusCode: "200", responseParameters: {}, responseTemplates: { "application/json": "{}" } });
    expect(findResourceByPath(again, "/pets/{id}")!.methods.GET.integration!.integrationResponses["200"].responseTemplates).toEqual({
      "application/json": "{}",
    });
    const with404 = putIntegrationResponse(d, id, "GET", { statusCode: "404", selectionPattern: "404", responseParameters: {}, responseTemplates: {} });
    expect(Object.keys(findResourceByPath(with404, "/pets/{id}")!.methods.GET.integration!.integrationResponses).sort()).toEqual(["200", "404"]);
  });

  it("refuses an invalid selection pattern", () => {
    const d = petDesign();
    const issues = issuesOf(() =>
      putIntegrationResponse(d, idOf(d, "/pets/{id}"), "GET", { statusCode: "404", selectionPattern: "4(\\d", responseParameters: {}, responseTemplates: {} }),
    );
    expect(issues).toEqual([{ field: "integrationResponse.selectionPattern", message: expect.stringMatching(/^Invalid selection pattern/) }]);
  });

  it("deleteIntegrationResponse and deleteMethodResponse", () => {
    const d = frozen(petDesign());
    const id = idOf(d, "/pets/{id}");
    expect(issuesOf(() => deleteMethodResponse(d, id, "GET", "200"))).toEqual([
      { field: "statusCode", message: "Integration response 200 maps onto this method response; delete it first" },
    ]);
    const noIr = deleteIntegrationResponse(d, id, "GET", "200");
    expect(findResourceByPath(noIr, "/pets/{id}")!.methods.GET.integration!.integrationResponses).toEqual({});
    const noMr = deleteMethodResponse(noIr, id, "GET", "200");
    expect(Object.keys(findResourceByPath(noMr, "/pets/{id}")!.methods.GET.methodResponses)).toEqual(["404"]);
    expect(() => deleteIntegrationResponse(d, id, "GET", "404")).toThrow(NotFoundError);
    expect(() => deleteMethodResponse(d, id, "GET", "500")).toThrow(NotFoundError);
  });

  it("putMethodResponse refuses a status that is not 100-599", () => {
    const d = petDesign();
    expect(issuesOf(() => putMethodResponse(d, idOf(d, "/pets/{id}"), "GET", { statusCode: "700", responseParameters: {}, responseModels: {} }))).toEqual([
      { field: "methodResponse.statusCode", message: "Status code must be a 3-digit HTTP status (100-599)" },
    ]);
  });
});

describe("operations never mutate their input", () => {
  it("leaves a deep-frozen design byte-identical through every operation", () => {
    const d = petDesign();
    const snapshot = JSON.stringify(d);
    frozen(d);
    const id = idOf(d, "/pets/{id}");
    const pets = idOf(d, "/pets");
    const results = [
      addResource(d, { parentId: pets, pathPart: "search" }).design,
      addResourcePath(d, "/owners/{ownerId}").design,
      deleteResource(d, pets),
      putMethod(d, pets, { httpMethod: "POST" }),
      updateMethod(d, id, "GET", { operationName: "GetPet" }),
      deleteMethod(d, id, "GET"),
      putIntegration(d, id, "GET", { type: "HTTP", httpMethod: "GET", uri: "http://example.com" }),
      putIntegrationResponse(d, id, "GET", { statusCode: "404", selectionPattern: "404", responseParameters: {}, responseTemplates: {} }),
      deleteIntegrationResponse(d, id, "GET", "200"),
      putMethodResponse(d, id, "GET", { statusCode: "500", responseParameters: {}, responseModels: {} }),
      deleteMethodResponse(d, id, "GET", "404"),
    ];
    expect(JSON.stringify(d)).toBe(snapshot);
    for (const r of results) {
      expect(r).not.toBe(d);
      expect(JSON.stringify(r)).not.toBe(snapshot);
    }
  });
});

/**
 * What the first OpenAPI import/export left out, each proven by a round trip (import → export →
 * import finds no difference with diffDesigns) and by the shapes AWS documents:
 * - models' description, non-JSON content type and schema text, multi-value request parameters
 *   (a lossless export's x-gatehouse-* extensions; the plain export stays as API Gateway reads it);
 * - inline request/response schemas → generated models (ImportRestApi makes a model of them);
 * - the base path: ImportRestApi's basepath=ignore|prepend|split (developer guide, "Set the
 *   OpenAPI basePath property": basePath /a/b/c with paths /e, /f);
 * - failOnWarnings: warnings become errors, nothing is imported;
 * - x-amazon-apigateway-endpoint-configuration on an OpenAPI 3 Server object.
 */
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { ApiDesign } from "../model/design";
import { resourcePath } from "../model/tree";
import { diffDesigns } from "../snapshot/diff";
import { generateDesign } from "../snapshot/sample-design";
import { exportOpenApi, exportOpenApiText } from "./export";
import { importOpenApi, importOpenApiDocument, OpenApiImportError } from "./import";

const paths = (d: ApiDesign) => d.resources.map((r) => resourcePath(d, r)).sort();

function thrown(work: () => unknown): OpenApiImportError {
  try {
    work();
  } catch (e) {
    if (e instanceof OpenApiImportError) return e;
    throw e;
  }
  throw new Error("expected an OpenApiImportError");
}

describe("lossless export: what OpenAPI can't say about models and parameters", () => {
  const design = generateDesign({ resources: 3 });
  design.models.push(
    {
      id: "m1",
      name: "Order",
      description: "An order as the shop stores it",
      contentType: "application/json",
      schema: JSON.stringify({ type: "object", properties: { id: { type: "string" } } }),
    },
    { id: "m2", name: "OrderXml", description: "XML payload", contentType: "application/xml", schema: JSON.stringify({ type: "string" }) },
    { id: "m3", name: "Csv", contentType: "text/csv", schema: "id,name" },
  );
  const [root] = design.resources;
  root.methods.GET = {
    ...root.methods.GET,
    requestParameters: {
      ...root.methods.GET.requestParameters,
      "method.request.multivaluequerystring.tag": true,
      "method.request.multivalueheader.X-Forwarded-For": false,
      "method.request.querystring.page": false,
    },
  };

  it("imports back with nothing lost, through JSON and YAML text", () => {
    const fromJson = importOpenApi(JSON.parse(exportOpenApiText(design, "json", { lossless: true })));
    const fromYaml = importOpenApi(parseYaml(exportOpenApiText(design, "yaml", { lossless: true })));
    expect(diffDesigns(design, fromJson).entries).toEqual([]);
    expect(diffDesigns(design, fromYaml).entries).toEqual([]);
    expect(fromJson.models.find((m) => m.name === "Csv")).toMatchObject({ contentType: "text/csv", schema: "id,name" });
    expect(fromJson.models.find((m) => m.name === "Order")!.description).toBe("An order as the shop stores it");
    expect(fromJson.resources[0].methods.GET.requestParameters).toMatchObject({
      "method.request.multivaluequerystring.tag": true,
      "method.request.multivalueheader.X-Forwarded-For": false,
      "method.request.querystring.page": false,
    });
  });

  it("writes multi-value parameters as exploded arrays and model extras under x-gatehouse-models", () => {
    const doc = exportOpenApi(design, { lossless: true }) as any;
    expect(doc.paths["/"].get.parameters).toContainEqual({
      name: "tag",
      in: "query",
      required: true,
      explode: true,
      schema: { type: "array", items: { type: "string" } },
      "x-gatehouse-multivalue": true,
    });
    expect(doc.paths["/"].get.parameters).toContainEqual({
      name: "X-Forwarded-For",
      in: "header",
      schema: { type: "array", items: { type: "string" } },
      "x-gatehouse-multivalue": true,
    });
    expect(doc["x-gatehouse-models"]).toEqual({
      Order: { description: "An order as the shop stores it" },
      OrderXml: { description: "XML payload", contentType: "application/xml" },
      Csv: { contentType: "text/csv", schemaText: "id,name" },
    });
    // The schema AWS would store stays a plain JSON schema: no Gatehouse key inside it.
    expect(doc.components.schemas.Order).toEqual({ type: "object", properties: { id: { type: "string" } } });
    expect(doc.components.schemas.Csv).toEqual({});
    // A lossless export raises no import warning (PutRestApi's failOnWarnings would not refuse it).
    expect(importOpenApiDocument(doc, { failOnWarnings: true }).warnings).toEqual([]);
  });

  it("the plain export stays as API Gateway reads it: the same parts are visibly lost, not silently", () => {
    const doc = exportOpenApi(design) as any;
    expect(doc["x-gatehouse-models"]).toBeUndefined();
    expect(doc.paths["/"].get.parameters.map((p: any) => p.name)).not.toContain("tag");
    const lost = diffDesigns(design, importOpenApi(doc)).entries.map((e) => `${e.entity} ${e.key}`);
    expect(lost.sort()).toEqual(["method / GET", "model Csv", "model Order", "model OrderXml"]);
  });
});

describe("inline schemas become generated models", () => {
  const doc = {
    openapi: "3.0.1",
    info: { title: "Shop", version: "1" },
    paths: {
      "/orders": {
        post: {
          operationId: "create-order",
          requestBody: {
            content: {
              "application/json": { schema: { type: "object", properties: { item: { $ref: "#/components/schemas/Item" } } } },
              "application/vnd.shop+json": { schema: { type: "object", properties: { item: { $ref: "#/components/schemas/Item" } } } },
            },
          },
          responses: {
            "201": { description: "created", content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" } } } } } },
            "400": { description: "refused", content: { "application/json": { schema: { $ref: "#/components/schemas/Item" } } } },
          },
        },
      },
      "/orders/{id}": {
        put: {
          requestBody: { content: { "application/json": { schema: { type: "array" } } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: {} } } } },
        },
      },
      "/other": {
        // operationId collides with the first: a different schema gets the next free name.
        post: { operationId: "createOrder", requestBody: { content: { "application/json": { schema: { type: "string" } } } }, responses: {} },
      },
    },
    components: { schemas: { Item: { type: "object" } } },
  };
  const design = importOpenApi(doc);
  const method = (path: string, verb: string) => design.resources.find((r) => resourcePath(design, r) === path)!.methods[verb];

  it("names them after the operation (or verb and path), alphanumeric and unique; identical schemas share one", () => {
    expect(method("/orders", "POST").requestModels).toEqual({ "application/json": "CreateOrderRequest", "application/vnd.shop+json": "CreateOrderRequest" });
    expect(method("/orders", "POST").methodResponses["201"].responseModels).toEqual({ "application/json": "CreateOrderResponse201" });
    expect(method("/orders", "POST").methodResponses["400"].responseModels).toEqual({ "application/json": "Item" });
    expect(method("/orders/{id}", "PUT").requestModels).toEqual({ "application/json": "PutOrdersIdRequest" });
    expect(method("/orders/{id}", "PUT").methodResponses["200"].responseModels).toEqual({}); // an empty schema has no model
    expect(method("/other", "POST").requestModels).toEqual({ "application/json": "CreateOrderRequest2" });
    expect(design.models.map((m) => m.name)).toEqual(["Item", "CreateOrderRequest", "CreateOrderResponse201", "PutOrdersIdRequest", "CreateOrderRequest2"]);
    for (const m of design.models) expect(m.name).toMatch(/^[A-Za-z0-9]+$/);
  });

  it("rewrites references inside them to API Gateway model URLs, and round-trips", () => {
    expect(JSON.parse(design.models.find((m) => m.name === "CreateOrderRequest")!.schema)).toEqual({
      type: "object",
      properties: { item: { $ref: "https://apigateway.amazonaws.com/restapis/{restapi_id}/models/Item" } },
    });
    const exported = exportOpenApi(design) as any;
    expect(exported.paths["/orders"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/CreateOrderRequest" });
    const again = importOpenApi(exported);
    expect(diffDesigns(design, again).entries).toEqual([]);
    expect(again).toEqual(design);
    expect(importOpenApi(doc)).toEqual(design); // deterministic
  });

  it("Swagger 2: an inline body parameter and response schema", () => {
    const d = importOpenApi({
      swagger: "2.0",
      info: { title: "S" },
      consumes: ["application/json"],
      paths: {
        "/pets": {
          post: {
            parameters: [{ in: "body", name: "body", schema: { type: "object", required: ["name"] } }],
            responses: { "200": { description: "ok", schema: { type: "array", items: { $ref: "#/definitions/Pet" } } } },
          },
        },
      },
      definitions: { Pet: { type: "object" } },
    });
    const post = d.resources.find((r) => r.pathPart === "pets")!.methods.POST;
    expect(post.requestModels).toEqual({ "application/json": "PostPetsRequest" });
    expect(post.methodResponses["200"].responseModels).toEqual({ "application/json": "PostPetsResponse200" });
    expect(JSON.parse(d.models.find((m) => m.name === "PostPetsResponse200")!.schema).items.$ref).toBe(
      "https://apigateway.amazonaws.com/restapis/{restapi_id}/models/Pet",
    );
    expect(diffDesigns(d, importOpenApi(exportOpenApi(d))).entries).toEqual([]);
  });

  it("an inline schema referring to an undefined model is refused with its pointer", () => {
    const e = thrown(() =>
      importOpenApi({
        openapi: "3.0.1",
        info: { title: "x" },
        paths: {
          "/a": {
            post: {
              requestBody: { content: { "application/json": { schema: { type: "object", properties: { b: { $ref: "#/components/schemas/Nope" } } } } } },
              responses: {},
            },
          },
        },
      }),
    );
    expect(e.issues).toEqual([
      {
        pointer: "/paths/~1a/post/requestBody/content/application~1json/schema/properties/b/$ref",
        message: 'model "Nope" is not defined in components.schemas',
      },
    ]);
  });
});

describe("base path (ImportRestApi's basepath parameter)", () => {
  const swagger = (basePath: string) => ({
    swagger: "2.0",
    info: { title: "B" },
    basePath,
    paths: { "/e": { get: { responses: {} } }, "/f": { get: { responses: {} } } },
  });

  it("AWS's example: basePath /a/b/c with /e and /f under ignore, prepend and split", () => {
    expect(paths(importOpenApi(swagger("/a/b/c")))).toEqual(["/", "/e", "/f"]);
    expect(paths(importOpenApi(swagger("/a/b/c"), { basePath: "ignore" }))).toEqual(["/", "/e", "/f"]);
    expect(paths(importOpenApi(swagger("/a/b/c"), { basePath: "prepend" }))).toEqual(["/", "/a", "/a/b", "/a/b/c", "/a/b/c/e", "/a/b/c/f"]);
    expect(paths(importOpenApi(swagger("/a/b/c"), { basePath: "split" }))).toEqual(["/", "/b", "/b/c", "/b/c/e", "/b/c/f"]);
  });

  it("Swagger 2 basePath /v1 with prepend imports /pets and /pets/{id} as /v1/pets and /v1/pets/{id}; the methods move with them", () => {
    const d = importOpenApi(
      {
        swagger: "2.0",
        info: { title: "V" },
        basePath: "/v1",
        paths: {
          "/": { get: { responses: {} } },
          "/pets": { get: { operationId: "listPets", responses: {} } },
          "/pets/{id}": { get: { parameters: [{ name: "id", in: "path", required: true, type: "string" }], responses: {} } },
        },
      },
      { basePath: "prepend" },
    );
    expect(paths(d)).toEqual(["/", "/v1", "/v1/pets", "/v1/pets/{id}"]);
    const at = (p: string) => d.resources.find((r) => resourcePath(d, r) === p)!;
    expect(Object.keys(at("/").methods)).toEqual([]);
    expect(Object.keys(at("/v1").methods)).toEqual(["GET"]);
    expect(at("/v1/pets").methods.GET.operationName).toBe("listPets");
    expect(at("/v1/pets/{id}").methods.GET.requestParameters).toEqual({ "method.request.path.id": true });
    // The export writes the full paths, so it imports back the same whatever the mode.
    expect(diffDesigns(d, importOpenApi(exportOpenApi(d), { basePath: "prepend" })).entries).toEqual([]);
  });

  it("OpenAPI 3: the server URL's path, or its basePath variable", () => {
    const oas = (servers: unknown) => ({ openapi: "3.0.1", info: { title: "S" }, servers, paths: { "/e": { get: { responses: {} } } } });
    expect(paths(importOpenApi(oas([{ url: "https://api.example.com/v2/" }]), { basePath: "prepend" }))).toEqual(["/", "/v2", "/v2/e"]);
    expect(
      paths(importOpenApi(oas([{ url: "https://{host}/{basePath}", variables: { basePath: { default: "prod/shop" } } }]), { basePath: "prepend" })),
    ).toEqual(["/", "/prod", "/prod/shop", "/prod/shop/e"]);
    expect(paths(importOpenApi(oas([{ url: "https://{host}/{basePath}", variables: { basePath: { default: "prod/shop" } } }]), { basePath: "split" }))).toEqual(
      ["/", "/shop", "/shop/e"],
    );
    expect(paths(importOpenApi(oas([{ url: "https://api.example.com" }]), { basePath: "prepend" }))).toEqual(["/", "/e"]);
    expect(paths(importOpenApi(oas([{ url: "https://api.example.com/v2" }])))).toEqual(["/", "/e"]);
  });

  it("an unknown mode is refused", () => {
    expect(thrown(() => importOpenApi(swagger("/v1"), { basePath: "drop" as never })).message).toContain("basepath must be ignore, prepend or split");
  });
});

describe("failOnWarnings", () => {
  const doc = {
    openapi: "3.0.1",
    info: { title: "W" },
    "x-amazon-apigateway-documentation": { version: "1", documentationParts: [] },
    paths: { "/a": { get: { security: [{ missing: [] }], responses: {} } } },
  };

  it("without it the import goes on and lists the warnings; with it every warning is an error with its pointer", () => {
    const { warnings } = importOpenApiDocument(doc);
    expect(warnings.map((w) => w.pointer)).toEqual(["/x-amazon-apigateway-documentation", "/paths/~1a/get/security/0/missing"]);
    const e = thrown(() => importOpenApiDocument(doc, { failOnWarnings: true }));
    expect(e.issues.map((i) => i.pointer)).toEqual(["/x-amazon-apigateway-documentation", "/paths/~1a/get/security/0/missing"]);
    expect(e.issues[1].message).toBe('security scheme "missing" is not defined; ignored (a warning, refused because failOnWarnings is set)');
  });

  it("errors and warnings are reported together; a clean document imports the same with or without it", () => {
    const bad = { ...doc, paths: { ...doc.paths, "/b": { get: { responses: {}, "x-amazon-apigateway-integration": { type: "nope" } } } } };
    expect(thrown(() => importOpenApiDocument(bad, { failOnWarnings: true })).issues.map((i) => i.pointer)).toEqual([
      "/paths/~1b/get/x-amazon-apigateway-integration/type",
      "/x-amazon-apigateway-documentation",
      "/paths/~1a/get/security/0/missing",
    ]);
    const clean = exportOpenApi(generateDesign({ resources: 4 }));
    expect(importOpenApiDocument(clean, { failOnWarnings: true })).toEqual(importOpenApiDocument(clean));
  });
});

describe("x-amazon-apigateway-endpoint-configuration on an OpenAPI 3 Server object", () => {
  it("is read there (where AWS documents it for OpenAPI 3); vpcEndpointIds are a warning Gatehouse can't keep", () => {
    const r = importOpenApiDocument({
      openapi: "3.0.1",
      info: { title: "P" },
      servers: [
        {
          url: "https://x.example.com",
          "x-amazon-apigateway-endpoint-configuration": { types: ["private"], disableExecuteApiEndpoint: true, vpcEndpointIds: ["vpce-0212a4ababd5b8c3e"] },
        },
      ],
      paths: {},
    });
    expect(r.design).toMatchObject({ endpointType: "PRIVATE", disableExecuteApiEndpoint: true });
    expect(r.warnings).toEqual([
      { pointer: "/servers/0/x-amazon-apigateway-endpoint-configuration/vpcEndpointIds", message: expect.stringContaining("VPC endpoint ids") },
    ]);
  });
});

/**
 * Round trips: AWS's own example documents (fixtures/, sources in their headers) and a generated
 * 300-resource design import → export → import to the same design. "Same" is diffDesigns (which
 * matches entities by path, verb, status and name, never by id) finding nothing, and the
 * second import being deep-equal to the first (ids are derived from names and paths).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { resourcePath } from "../model/tree";
import { diffDesigns } from "../snapshot/diff";
import { generateDesign } from "../snapshot/sample-design";
import { exportOpenApi, exportOpenApiText } from "./export";
import { importOpenApi, importOpenApiDocument } from "./import";

const fixture = (name: string) => parseYaml(readFileSync(join(__dirname, "fixtures", name), "utf8"));

function roundTrip(doc: unknown) {
  const first = importOpenApiDocument(doc);
  const exported = exportOpenApi(first.design);
  // Through text too, as a user downloads and re-imports it.
  const fromJson = importOpenApi(JSON.parse(exportOpenApiText(first.design, "json")));
  const fromYaml = importOpenApi(parseYaml(exportOpenApiText(first.design, "yaml")));
  return { first: first.design, warnings: first.warnings, exported, fromJson, fromYaml };
}

describe.each([
  ["AWS PetStore example", "aws-petstore.yaml"],
  ["AWS request-validators example", "aws-request-validators.yaml"],
  ["AWS gateway-responses examples", "aws-gateway-responses.yaml"],
])("round trip: %s", (_label, file) => {
  const r = roundTrip(fixture(file));

  it("imports, exports as OpenAPI 3.0.1 and imports again to the same design", () => {
    expect(r.exported.openapi).toBe("3.0.1");
    expect(diffDesigns(r.first, r.fromJson).entries).toEqual([]);
    expect(diffDesigns(r.first, r.fromYaml).entries).toEqual([]);
    expect(r.fromJson).toEqual(r.first);
    expect(r.fromYaml).toEqual(r.first);
  });

  it("exports what it imported, not an empty shell", () => {
    expect(r.first.resources.length).toBeGreaterThan(1);
    expect(Object.keys(r.exported.paths as object).length).toBe(r.first.resources.length);
  });
});

describe("round trip details", () => {
  it("PetStore: every method, integration and model arrives; documentation is skipped with a note", () => {
    const r = roundTrip(fixture("aws-petstore.yaml"));
    const d = r.first;
    const methods = d.resources.flatMap((res) => Object.keys(res.methods).map((v) => `${v} ${resourcePath(d, res)}`)).sort();
    expect(methods).toEqual(["GET /", "GET /pets", "GET /pets/{petId}", "OPTIONS /pets", "OPTIONS /pets/{petId}", "POST /pets"]);
    expect(d.models.map((m) => m.name).sort()).toEqual(["Empty", "NewPet", "NewPetResponse", "Pet", "PetType", "Pets"]);
    expect(r.warnings).toContainEqual({ pointer: "/x-amazon-apigateway-documentation", message: expect.stringContaining("documentation") });
    const paths = r.exported.paths as Record<string, Record<string, any>>;
    expect(paths["/pets"].post["x-amazon-apigateway-integration"]).toMatchObject({
      type: "http",
      httpMethod: "POST",
      passthroughBehavior: "when_no_match",
      responses: { default: { statusCode: "200" } },
    });
    expect(paths["/pets"].post.requestBody).toEqual({ content: { "application/json": { schema: { $ref: "#/components/schemas/NewPet" } } }, required: true });
    expect(paths["/pets"].get.parameters).toEqual([
      { name: "type", in: "query", schema: { type: "string" } },
      { name: "page", in: "query", schema: { type: "string" } },
    ]);
    expect(paths["/"].get.responses["200"].headers).toEqual({ "Content-Type": { schema: { type: "string" } } });
  });

  it("model references become API Gateway model URLs on import and #/components/schemas refs on export", () => {
    const r = roundTrip(fixture("aws-petstore.yaml"));
    const pets = r.first.models.find((m) => m.name === "Pets")!;
    expect(JSON.parse(pets.schema)).toEqual({ type: "array", items: { $ref: "https://apigateway.amazonaws.com/restapis/{restapi_id}/models/Pet" } });
    expect((r.exported.components as any).schemas.Pets).toEqual({ type: "array", items: { $ref: "#/components/schemas/Pet" } });
    // A reference naming another API's id is kept as written, so it survives the trip unchanged.
    const design = structuredClone(r.first);
    design.models.find((m) => m.name === "NewPetResponse")!.schema = JSON.stringify({
      type: "object",
      properties: { pet: { $ref: "https://apigateway.amazonaws.com/restapis/demo/models/Pet" } },
    });
    expect(diffDesigns(design, importOpenApi(exportOpenApi(design))).entries).toEqual([]);
  });

  it("request validators: the API default and the per-method override survive", () => {
    const r = roundTrip(fixture("aws-request-validators.yaml"));
    const validation = r.fromYaml.resources.find((res) => res.pathPart === "validation")!;
    const name = (id?: string) => r.fromYaml.requestValidators.find((v) => v.id === id)?.name;
    expect(name(validation.methods.GET.requestValidatorId)).toBe("params-only");
    expect(name(validation.methods.POST.requestValidatorId)).toBe("all");
    expect(validation.methods.POST.requestParameters).toEqual({ "method.request.header.h1": true });
    expect(validation.methods.POST.requestModels).toEqual({ "application/json": "RequestBodyModel" });
    expect(r.warnings).toContainEqual({ pointer: "/paths/~1validation/post/security/0/api_key", message: 'security scheme "api_key" is not defined; ignored' });
    expect(r.exported["x-amazon-apigateway-request-validators"]).toEqual({
      all: { validateRequestBody: true, validateRequestParameters: true },
      "params-only": { validateRequestBody: false, validateRequestParameters: true },
    });
  });

  it("gateway responses: status codes (number or string), headers and templates", () => {
    const r = roundTrip(fixture("aws-gateway-responses.yaml"));
    expect(r.fromJson.gatewayResponses.map((g) => [g.responseType, g.statusCode])).toEqual([
      ["MISSING_AUTHENTICATION_TOKEN", "404"],
      ["DEFAULT_4XX", undefined],
      ["INVALID_API_KEY", "429"],
    ]);
    expect(r.fromJson.gatewayResponses[0].responseParameters["gatewayresponse.header.x-request-path"]).toBe("method.input.params.petId");
    expect(r.fromJson.gatewayResponses[0].responseTemplates["application/json"]).toContain('"type":  "$context.error.responseType"');
  });

  it("a generated 300-resource, 1,200-method design round-trips with no differences", () => {
    const design = generateDesign({ resources: 300 });
    expect(design.resources.reduce((n, r) => n + Object.keys(r.methods).length, 0)).toBe(1200);
    const back = importOpenApi(JSON.parse(exportOpenApiText(design, "json")));
    expect(diffDesigns(design, back).summary.identical).toBe(true);
    expect(diffDesigns(design, back).entries).toEqual([]);
    expect(back.resources).toHaveLength(300);
  });

  it("a design using every extension field round-trips", () => {
    const design = generateDesign({ resources: 5 });
    design.endpointType = "PRIVATE";
    design.disableExecuteApiEndpoint = true;
    design.minimumCompressionSize = 2048;
    design.apiKeySource = "AUTHORIZER";
    design.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] });
    design.authorizers.push(
      {
        id: "cog",
        name: "pool",
        type: "COGNITO_USER_POOLS",
        identitySource: "method.request.header.Authorization",
        providerARNs: ["arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_x"],
      },
      {
        id: "req",
        name: "byRequest",
        type: "REQUEST",
        authorizerUri: "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:auth/invocations",
        authorizerCredentials: "arn:aws:iam::123456789012:role/auth",
        identitySource: "method.request.header.X-Key, method.request.querystring.key",
        authorizerResultTtlInSeconds: 0,
        providerARNs: [],
      },
    );
    design.gatewayResponses.push({
      responseType: "THROTTLED",
      statusCode: "429",
      responseParameters: { "gatewayresponse.header.Retry-After": "'1'" },
      responseTemplates: {},
    });
    const [root, pets] = design.resources;
    root.methods.GET = { ...root.methods.GET, authorizationType: "COGNITO_USER_POOLS", authorizerId: "cog", authorizationScopes: ["pets/read", "pets/write"] };
    root.methods.PUT = { ...root.methods.PUT, authorizationType: "AWS_IAM", authorizerId: undefined, apiKeyRequired: true };
    root.methods.POST = { ...root.methods.POST, authorizationType: "CUSTOM", authorizerId: "req" };
    pets.methods.ANY = {
      httpMethod: "ANY",
      authorizationType: "NONE",
      authorizationScopes: [],
      apiKeyRequired: false,
      requestParameters: { "method.request.header.X-Trace": true },
      requestModels: {},
      methodResponses: { "200": { statusCode: "200", responseParameters: { "method.response.header.X-Trace": true }, responseModels: {} } },
      integration: {
        type: "HTTP_PROXY",
        httpMethod: "ANY",
        uri: "https://internal.example.com/{proxy}",
        connectionType: "VPC_LINK",
        connectionId: "${stageVariables.vpcLinkId}",
        credentials: "arn:aws:iam::123456789012:role/apigw",
        requestParameters: { "integration.request.header.X-Trace": "method.request.header.X-Trace" },
        requestTemplates: {},
        passthroughBehavior: "NEVER",
        contentHandling: "CONVERT_TO_TEXT",
        timeoutInMillis: 5000,
        cacheNamespace: "pets",
        cacheKeyParameters: ["method.request.header.X-Trace"],
        tlsConfig: { insecureSkipVerification: true },
        integrationResponses: { "200": { statusCode: "200", responseParameters: {}, responseTemplates: {}, contentHandling: "CONVERT_TO_BINARY" } },
      },
    };
    const exported = exportOpenApi(design);
    const back = importOpenApi(exported);
    expect(diffDesigns(design, back).entries).toEqual([]);
    expect((exported.paths as any)["/pets"]["x-amazon-apigateway-any-method"]["x-amazon-apigateway-integration"]).toMatchObject({
      type: "http_proxy",
      connectionType: "VPC_LINK",
      passthroughBehavior: "never",
      tlsConfig: { insecureSkipVerification: true },
    });
    expect((exported.components as any).securitySchemes.sigv4).toEqual({
      type: "apiKey",
      name: "Authorization",
      in: "header",
      "x-amazon-apigateway-authtype": "awsSigv4",
    });
    expect((exported.paths as any)["/"].get.security).toEqual([{ pool: ["pets/read", "pets/write"], api_key: [] }]);
  });
});

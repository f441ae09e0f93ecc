/**
 * The designer's edits as commands: API settings, rename/move/delete of resources, every method
 * request and integration field, responses — and each rule of issue #4 refused with a field
 * message while the design given in stays as it was (nothing half-applied).
 */
import { describe, expect, it } from "vitest";
import { applyCommand, parseDesignCommand } from "./commands";
import type { ApiDesign } from "./design";
import { ValidationError } from "../errors";
import { lambdaInvocationUri } from "./lambda-uri";
import { newDesign } from "./operations";
import { MAX_RESOURCES_PER_API, apiSettingsWarnings, checkSelectionPattern, javaRegexToJs } from "./rules";
import { findResourceByPath, resourcePath } from "./tree";

const run = (design: ApiDesign, raw: unknown) => applyCommand(design, parseDesignCommand(raw));
const idOf = (d: ApiDesign, path: string) => {
  const r = findResourceByPath(d, path);
  if (!r) throw new Error(`no resource ${path}`);
  return r.id;
};

/** The fields a refused command names, after checking it threw a ValidationError and left the design alone. */
function refused(design: ApiDesign, raw: unknown): Record<string, string> {
  const before = JSON.stringify(design);
  try {
    run(design, raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect(JSON.stringify(design)).toBe(before);
    return Object.fromEntries((e as ValidationError).issues.map((i) => [i.field, i.message]));
  }
  throw new Error(`expected ${JSON.stringify(raw)} to be refused`);
}

/** /pets/{id}/toys, /files/{proxy+}, /owners; GET /pets/{id} with a path parameter; a validator, model and two authorizers. */
function fixture(): ApiDesign {
  let d = newDesign({ name: "Shop" });
  for (const path of ["/pets/{id}/toys", "/files/{proxy+}", "/owners"]) d = run(d, { type: "addResourcePath", path }).design;
  d.requestValidators.push({ id: "val1", name: "body", validateRequestBody: true, validateRequestParameters: false });
  d.models.push({ id: "mod1", name: "Pet", contentType: "application/json", schema: "{}" });
  d.authorizers.push(
    { id: "lam1", name: "TokenCheck", type: "TOKEN", providerARNs: [] },
    { id: "cog1", name: "Users", type: "COGNITO_USER_POOLS", providerARNs: ["arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_x"] },
  );
  d = run(d, {
    type: "putMethod",
    resourceId: idOf(d, "/pets/{id}"),
    method: { httpMethod: "GET", requestParameters: { "method.request.path.id": true } },
  }).design;
  return d;
}

describe("API settings (updateApi)", () => {
  it("saves every setting and records only what changed", () => {
    const d = fixture();
    const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] });
    const out = run(d, {
      type: "updateApi",
      endpointType: "PRIVATE",
      binaryMediaTypes: ["image/png", " */* ", "application/*"],
      minimumCompressionSize: 1024,
      apiKeySource: "AUTHORIZER",
      policy,
      disableExecuteApiEndpoint: true,
    });
    expect(out.design).toMatchObject({
      name: "Shop",
      endpointType: "PRIVATE",
      binaryMediaTypes: ["image/png", "*/*", "application/*"],
      minimumCompressionSize: 1024,
      apiKeySource: "AUTHORIZER",
      policy,
      disableExecuteApiEndpoint: true,
    });
    expect(out.before).toEqual({
      endpointType: "REGIONAL",
      binaryMediaTypes: [],
      minimumCompressionSize: null,
      apiKeySource: "HEADER",
      policy: null,
      disableExecuteApiEndpoint: false,
    });
    expect(out.summary).toBe("Changed API settings: endpointType, binaryMediaTypes, minimumCompressionSize, apiKeySource, policy, disableExecuteApiEndpoint");
    // null turns compression off again and drops the policy.
    const off = run(out.design, { type: "updateApi", minimumCompressionSize: null, policy: "" });
    expect(off.design).toMatchObject({ minimumCompressionSize: null, policy: null });
  });

  it("keeps the rename summary readable", () => {
    expect(run(fixture(), { type: "updateApi", name: " Shop v2 " }).summary).toBe("Renamed API to Shop v2");
  });

  it.each([
    [{ binaryMediaTypes: ["png"] }, "binaryMediaTypes.0", /not a media type/],
    [{ binaryMediaTypes: ["image/png", "image/png"] }, "binaryMediaTypes.1", /twice/],
    [{ binaryMediaTypes: ["*/png"] }, "binaryMediaTypes.0", /not a media type/],
    [{ minimumCompressionSize: -1 }, "minimumCompressionSize", /0 to 10485760/],
    [{ minimumCompressionSize: 10485761 }, "minimumCompressionSize", /0 to 10485760/],
    [{ policy: "{not json" }, "policy", /not valid JSON/],
    [{ policy: "[]" }, "policy", /JSON object/],
    [{ name: "  " }, "name", /required/],
  ])("refuses %j", (changes, field, message) => {
    expect(refused(fixture(), { type: "updateApi", ...changes })[field]).toMatch(message);
  });

  it("refuses an unknown endpoint type at parse time", () => {
    expect(() => parseDesignCommand({ type: "updateApi", endpointType: "GLOBAL" })).toThrow(ValidationError);
  });

  it("warns, without blocking, about a PRIVATE API with no resource policy", () => {
    const d = run(fixture(), { type: "updateApi", endpointType: "PRIVATE" }).design;
    expect(apiSettingsWarnings(d)).toEqual([{ field: "policy", message: expect.stringMatching(/PRIVATE API answers nobody/) }]);
    expect(apiSettingsWarnings({ ...d, policy: '{"Statement":[]}' })).toEqual([]);
  });
});

describe("renameResource", () => {
  it("renames a path part; everything below moves along and the history names both paths", () => {
    const d = fixture();
    const out = run(d, { type: "renameResource", resourceId: idOf(d, "/owners"), pathPart: "people" });
    expect(findResourceByPath(out.design, "/people")?.id).toBe(idOf(d, "/owners"));
    expect(out).toMatchObject({ action: "resource.rename", entityId: "/people", summary: "Renamed resource /owners to /people" });
    const toys = run(d, { type: "renameResource", resourceId: idOf(d, "/pets"), pathPart: "animals" }).design;
    expect(findResourceByPath(toys, "/animals/{id}/toys")).toBeDefined();
  });

  it.each([
    ["/owners", "bad part!", "pathPart", /path part only allow/],
    ["/owners", "pets", "pathPart", /same parent already has this name/],
    ["/pets/{id}", "{proxy+}", "pathPart", /last part of a path/],
    ["/pets/{id}", "{petId}", "pathPart", /GET \/pets\/\{petId\} uses path parameter id/],
  ])("refuses renaming %s to %s", (path, pathPart, field, message) => {
    const d = fixture();
    expect(refused(d, { type: "renameResource", resourceId: idOf(d, path), pathPart })[field]).toMatch(message);
  });

  it("refuses renaming the root", () => {
    const d = fixture();
    expect(refused(d, { type: "renameResource", resourceId: idOf(d, "/"), pathPart: "x" }).pathPart).toMatch(/root/);
  });
});

describe("moveResource", () => {
  it("re-parents a resource with its subtree", () => {
    let d = fixture();
    d = run(d, { type: "addResourcePath", path: "/owners/{ownerId}" }).design;
    const out = run(d, { type: "moveResource", resourceId: idOf(d, "/pets/{id}/toys"), parentId: idOf(d, "/owners/{ownerId}") });
    expect(resourcePath(out.design, out.design.resources.find((r) => r.id === idOf(d, "/pets/{id}/toys"))!)).toBe("/owners/{ownerId}/toys");
    expect(out).toMatchObject({ action: "resource.move", summary: "Moved resource /pets/{id}/toys to /owners/{ownerId}/toys" });
  });

  it.each([
    ["/pets", "/pets/{id}", /under itself or one of its own child/],
    ["/pets", "/pets", /under itself/],
    ["/owners", "/files/{proxy+}", /greedy path variable/],
    ["/pets/{id}/toys", "/", /.*/],
  ])("refuses moving %s under %s", (path, parent, message) => {
    let d = fixture();
    if (path === "/pets/{id}/toys") d = run(d, { type: "addResource", parentId: idOf(d, "/"), pathPart: "toys" }).design;
    expect(refused(d, { type: "moveResource", resourceId: idOf(d, path), parentId: idOf(d, parent) }).parentId).toMatch(message);
  });

  it("refuses a move that takes a method's path parameter out of its path", () => {
    let d = fixture();
    d = run(d, {
      type: "putMethod",
      resourceId: idOf(d, "/pets/{id}/toys"),
      method: { httpMethod: "GET", requestParameters: { "method.request.path.id": true } },
    }).design;
    expect(refused(d, { type: "moveResource", resourceId: idOf(d, "/pets/{id}/toys"), parentId: idOf(d, "/owners") }).parentId).toMatch(
      /GET \/owners\/toys uses path parameter id/,
    );
  });

  it("refuses a second variable under the new parent", () => {
    let d = run(fixture(), { type: "addResourcePath", path: "/owners/{ownerId}" }).design;
    d = run(d, { type: "addResourcePath", path: "/x/{other}" }).design;
    expect(refused(d, { type: "moveResource", resourceId: idOf(d, "/x/{other}"), parentId: idOf(d, "/owners") }).parentId).toMatch(/variable path part/);
  });
});

describe("method request", () => {
  const put = (d: ApiDesign, method: Record<string, unknown>) => ({
    type: "putMethod",
    resourceId: idOf(d, "/pets/{id}"),
    method: { httpMethod: "POST", ...method },
  });

  it("accepts every field when its references exist", () => {
    const d = fixture();
    const out = run(
      d,
      put(d, {
        authorizationType: "COGNITO_USER_POOLS",
        authorizerId: "cog1",
        authorizationScopes: ["pets/write"],
        apiKeyRequired: true,
        operationName: "CreateToy",
        requestParameters: { "method.request.path.id": true, "method.request.querystring.dryRun": false, "method.request.header.X-Trace": false },
        requestModels: { "application/json": "Pet", "text/plain": "Empty" },
        requestValidatorId: "val1",
      }),
    );
    expect(out.design.resources.find((r) => r.id === idOf(d, "/pets/{id}"))!.methods.POST).toMatchObject({
      authorizerId: "cog1",
      requestModels: { "application/json": "Pet", "text/plain": "Empty" },
    });
    expect(run(d, put(d, { authorizationType: "CUSTOM", authorizerId: "lam1" })).design).toBeDefined();
  });

  it.each([
    [{ authorizationType: "CUSTOM" }, "method.authorizerId", /Choose a Lambda/],
    [{ authorizationType: "CUSTOM", authorizerId: "nope" }, "method.authorizerId", /no such authorizer/],
    [{ authorizationType: "CUSTOM", authorizerId: "cog1" }, "method.authorizerId", /COGNITO_USER_POOLS: CUSTOM authorization needs/],
    [{ authorizationType: "COGNITO_USER_POOLS", authorizerId: "lam1" }, "method.authorizerId", /TOKEN: COGNITO_USER_POOLS authorization needs/],
    [{ authorizationType: "NONE", authorizerId: "lam1" }, "method.authorizerId", /only with CUSTOM or COGNITO/],
    [{ authorizationType: "AWS_IAM", authorizationScopes: ["a"] }, "method.authorizationScopes", /only to COGNITO_USER_POOLS/],
    [{ requestValidatorId: "gone" }, "method.requestValidatorId", /Invalid Request Validator/],
    [{ requestModels: { "application/json": "Missing" } }, "method.requestModels.application/json", /Invalid model identifier/],
    [{ requestModels: { json: "Pet" } }, "method.requestModels.json", /media type/],
    [
      { requestParameters: { "method.request.path.petId": true } },
      "method.requestParameters.method.request.path.petId",
      /not in the resource path \/pets\/\{id\}/,
    ],
    [{ requestParameters: { "query.q": true } }, "method.requestParameters.query.q", /method\.request/],
  ])("refuses %j", (method, field, message) => {
    const d = fixture();
    expect(refused(d, put(d, method))[field]).toMatch(message);
  });

  it("refuses removing a parameter the integration still maps from", () => {
    let d = fixture();
    const id = idOf(d, "/pets/{id}");
    d = run(d, {
      type: "putIntegration",
      resourceId: id,
      httpMethod: "GET",
      integration: {
        type: "HTTP",
        httpMethod: "GET",
        uri: "https://example.com/pets/{id}",
        requestParameters: { "integration.request.path.id": "method.request.path.id" },
      },
    }).design;
    expect(refused(d, { type: "updateMethod", resourceId: id, httpMethod: "GET", changes: { requestParameters: {} } })["method.requestParameters"]).toMatch(
      /integration uses it/,
    );
  });
});

describe("integration request", () => {
  const set = (d: ApiDesign, integration: Record<string, unknown>) => ({
    type: "putIntegration",
    resourceId: idOf(d, "/pets/{id}"),
    httpMethod: "GET",
    integration,
  });
  const fnArn = "arn:aws:lambda:us-east-1:123456789012:function:pets";

  it("accepts every field of an HTTP integration with mappings from each source kind", () => {
    const d = fixture();
    const integration = {
      type: "HTTP",
      httpMethod: "GET",
      uri: "https://${stageVariables.host}/pets/{id}",
      connectionType: "VPC_LINK",
      connectionId: "${stageVariables.vpcLink}",
      credentials: "arn:aws:iam::123456789012:role/apigw",
      passthroughBehavior: "WHEN_NO_TEMPLATES",
      contentHandling: "CONVERT_TO_TEXT",
      timeoutInMillis: 50,
      requestParameters: {
        "integration.request.path.id": "method.request.path.id",
        "integration.request.header.x-static": "'gatehouse'",
        "integration.request.header.x-stage": "stageVariables.name",
        "integration.request.querystring.rid": "context.requestId",
      },
      requestTemplates: { "application/json": "{}", "application/xml": "<a/>" },
      cacheNamespace: "pets",
      cacheKeyParameters: ["method.request.path.id"],
      tlsConfig: { insecureSkipVerification: true },
    };
    const out = run(d, set(d, integration));
    expect(out.design.resources.find((r) => r.id === idOf(d, "/pets/{id}"))!.methods.GET.integration).toMatchObject(integration);
  });

  it("accepts an AWS_PROXY Lambda integration built from a function ARN", () => {
    const d = fixture();
    expect(run(d, set(d, { type: "AWS_PROXY", httpMethod: "POST", uri: lambdaInvocationUri(fnArn) })).summary).toMatch(/AWS_PROXY/);
  });

  it.each([
    [{ type: "MOCK", timeoutInMillis: 10 }, "integration.timeoutInMillis", /between 50 ms and 29000 ms/],
    [{ type: "MOCK", timeoutInMillis: 29001 }, "integration.timeoutInMillis", /between 50 ms and 29000 ms/],
    [{ type: "AWS_PROXY", httpMethod: "GET", uri: lambdaInvocationUri(fnArn) }, "integration.httpMethod", /must use POST/],
    [{ type: "AWS_PROXY", httpMethod: "POST", uri: "arn:aws:apigateway:us-east-1:s3:path/b/k" }, "integration.uri", /Lambda function/],
    [{ type: "AWS", httpMethod: "POST", uri: "lambda:pets" }, "integration.uri", /arn:aws:apigateway/],
    [
      { type: "MOCK", requestParameters: { "integration.request.path.id": "method.request.path.nope" } },
      "integration.requestParameters.integration.request.path.id",
      /not a request parameter of this method/,
    ],
    [
      { type: "MOCK", requestParameters: { "integration.request.header.x": "static" } },
      "integration.requestParameters.integration.request.header.x",
      /Invalid mapping expression/,
    ],
    [{ type: "MOCK", requestParameters: { "request.header.x": "'a'" } }, "integration.requestParameters.request.header.x", /integration\.request/],
    [{ type: "MOCK", cacheKeyParameters: ["method.request.querystring.q"] }, "integration.cacheKeyParameters.0", /Cache key/],
    [{ type: "HTTP", httpMethod: "GET", uri: "https://x.example", connectionType: "VPC_LINK" }, "integration.connectionId", /VPC link id/],
    [{ type: "HTTP", httpMethod: "GET", uri: "https://x.example", connectionId: "abc" }, "integration.connectionId", /VPC_LINK/],
    [{ type: "MOCK", credentials: "my-role" }, "integration.credentials", /IAM role ARN/],
  ])("refuses %j", (integration, field, message) => {
    const d = fixture();
    expect(refused(d, set(d, integration))[field]).toMatch(message);
  });
});

describe("method and integration responses", () => {
  function withResponses() {
    let d = fixture();
    const id = idOf(d, "/pets/{id}");
    d = run(d, { type: "putIntegration", resourceId: id, httpMethod: "GET", integration: { type: "MOCK" } }).design;
    d = run(d, {
      type: "putMethodResponse",
      resourceId: id,
      httpMethod: "GET",
      response: { statusCode: "200", responseParameters: { "method.response.header.X-Id": true }, responseModels: { "application/json": "Pet" } },
    }).design;
    return { d, id };
  }

  it("maps headers and templates per content type onto a declared method response", () => {
    const { d, id } = withResponses();
    const out = run(d, {
      type: "putIntegrationResponse",
      resourceId: id,
      httpMethod: "GET",
      response: {
        statusCode: "200",
        responseParameters: { "method.response.header.X-Id": "integration.response.body.id" },
        responseTemplates: { "application/json": "{}", "application/xml": "<a/>" },
      },
    });
    expect(out.design.resources.find((r) => r.id === id)!.methods.GET.integration!.integrationResponses["200"].responseTemplates).toEqual({
      "application/json": "{}",
      "application/xml": "<a/>",
    });
  });

  it("refuses a mapping onto an undeclared header, a bad source, and dropping a header still mapped", () => {
    const { d, id } = withResponses();
    const put = (responseParameters: Record<string, string>) => ({
      type: "putIntegrationResponse",
      resourceId: id,
      httpMethod: "GET",
      response: { statusCode: "200", responseParameters, responseTemplates: {} },
    });
    expect(refused(d, put({ "method.response.header.X-Other": "'a'" }))["integrationResponse.responseParameters.method.response.header.X-Other"]).toMatch(
      /not a header of method response 200/,
    );
    expect(refused(d, put({ "method.response.header.X-Id": "body.id" }))["integrationResponse.responseParameters.method.response.header.X-Id"]).toMatch(
      /Invalid mapping expression/,
    );
    const mapped = run(d, put({ "method.response.header.X-Id": "'1'" })).design;
    expect(
      refused(mapped, {
        type: "putMethodResponse",
        resourceId: id,
        httpMethod: "GET",
        response: { statusCode: "200", responseParameters: {}, responseModels: {} },
      })["methodResponse.responseParameters"],
    ).toMatch(/X-Id/);
  });

  it("refuses a method response with an unknown model or a header not named method.response.header.X", () => {
    const { d, id } = withResponses();
    const put = (response: Record<string, unknown>) => ({
      type: "putMethodResponse",
      resourceId: id,
      httpMethod: "GET",
      response: { statusCode: "404", responseParameters: {}, responseModels: {}, ...response },
    });
    expect(refused(d, put({ responseModels: { "application/json": "Nope" } }))["methodResponse.responseModels.application/json"]).toMatch(/Invalid model/);
    expect(refused(d, put({ responseParameters: { "X-Id": true } }))["methodResponse.responseParameters.X-Id"]).toMatch(/method\.response\.header/);
  });
});

describe("every rule of issue #4, refused with a field message and nothing written", () => {
  it("path part syntax", () => {
    const d = fixture();
    expect(refused(d, { type: "addResource", parentId: idOf(d, "/"), pathPart: "a b" }).pathPart).toMatch(/path part only allow/);
  });
  it("two different {params} under one parent", () => {
    const d = fixture();
    expect(refused(d, { type: "addResource", parentId: idOf(d, "/pets"), pathPart: "{name}" }).pathPart).toMatch(/only one is allowed/);
  });
  it("{proxy+} not last", () => {
    const d = fixture();
    expect(refused(d, { type: "addResource", parentId: idOf(d, "/files/{proxy+}"), pathPart: "x" }).parentId).toMatch(/last part of a path/);
  });
  it("duplicate methods", () => {
    const d = fixture();
    expect(refused(d, { type: "putMethod", resourceId: idOf(d, "/pets/{id}"), method: { httpMethod: "GET" } }).httpMethod).toMatch(/already exists/);
  });
  it("integration timeout outside 50–29,000 ms", () => {
    const d = fixture();
    expect(
      refused(d, { type: "putIntegration", resourceId: idOf(d, "/pets/{id}"), httpMethod: "GET", integration: { type: "MOCK", timeoutInMillis: 49 } })[
        "integration.timeoutInMillis"
      ],
    ).toBeDefined();
  });
  it("a Lambda integration without POST", () => {
    const d = fixture();
    const uri = lambdaInvocationUri("arn:aws:lambda:us-east-1:123456789012:function:f");
    expect(
      refused(d, { type: "putIntegration", resourceId: idOf(d, "/pets/{id}"), httpMethod: "GET", integration: { type: "AWS", httpMethod: "PUT", uri } })[
        "integration.httpMethod"
      ],
    ).toMatch(/POST/);
  });
  it("selection patterns that are not valid Java regexes", () => {
    let d = fixture();
    const id = idOf(d, "/pets/{id}");
    d = run(d, { type: "putIntegration", resourceId: id, httpMethod: "GET", integration: { type: "MOCK" } }).design;
    d = run(d, { type: "putMethodResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "400" } }).design;
    for (const pattern of ["{4}", "\\y", "(?<a_b>x)", "[a-"]) {
      expect(
        refused(d, { type: "putIntegrationResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "400", selectionPattern: pattern } })[
          "integrationResponse.selectionPattern"
        ],
      ).toMatch(/Invalid selection pattern/);
    }
  });
  it("references to models, validators and authorizers that don't exist", () => {
    const d = fixture();
    const fields = refused(d, {
      type: "putMethod",
      resourceId: idOf(d, "/owners"),
      method: { httpMethod: "GET", authorizationType: "CUSTOM", authorizerId: "x", requestValidatorId: "y", requestModels: { "application/json": "Z" } },
    });
    expect(Object.keys(fields).sort()).toEqual(["method.authorizerId", "method.requestModels.application/json", "method.requestValidatorId"]);
  });
  it(`${MAX_RESOURCES_PER_API} resources per API`, () => {
    const d = fixture();
    const root = idOf(d, "/");
    while (d.resources.length < MAX_RESOURCES_PER_API)
      d.resources.push({ id: `r${d.resources.length}`, parentId: root, pathPart: `r${d.resources.length}`, methods: {} });
    expect(refused(d, { type: "addResource", parentId: root, pathPart: "one-more" }).pathPart).toMatch(/at most 300/);
  });
});

describe("javaRegexToJs: Java-only syntax", () => {
  it.each([
    ["a*+b", "a*b"],
    ["\\d++", "\\d+"],
    ["x{2,3}+", "x{2,3}"],
    ["\\p{Alpha}+", "[a-zA-Z]+"],
    ["[\\p{Digit}_]", "[0-9_]"],
    ["\\Qa.b*\\E", "a\\.b\\*"],
    ["(?>ab)c", "(?:ab)c"],
    ["\\Aerr\\z", "^err$"],
    ["(?<code>\\d{3})", "(?<code>\\d{3})"],
  ])("translates %s to %s", (java, js) => {
    expect(javaRegexToJs(java).source).toBe(js);
    expect(checkSelectionPattern(java, "p")).toEqual([]);
  });

  it("turns a leading inline flag into a RegExp flag that matches as Java would", () => {
    const { source, flags } = javaRegexToJs("(?i).*not found.*");
    expect(new RegExp(source, flags).test("Pet NOT FOUND")).toBe(true);
  });

  it.each(["{4}", "a{", "x{a}", "\\y", "\\p{Nope}", "(?<a_b>x)", "[abc"])("refuses %s as Java's compiler does", (p) => {
    expect(() => javaRegexToJs(p)).toThrow();
  });
});

describe("history entries of the new commands can be reverted", () => {
  it("undoes a rename, a move and a settings change, and refuses when a later change touched it", async () => {
    const { revertDesignChange } = await import("../audit/revert");
    const entry = (o: ReturnType<typeof run>) => ({
      id: "e",
      action: o.action,
      entityType: o.entityType,
      entityId: o.entityId,
      summary: o.summary,
      before: o.before,
      after: o.after,
    });
    const d = fixture();
    const renamed = run(d, { type: "renameResource", resourceId: idOf(d, "/owners"), pathPart: "people" });
    expect(findResourceByPath(revertDesignChange(renamed.design, entry(renamed)), "/owners")?.id).toBe(idOf(d, "/owners"));
    const moved = run(d, { type: "moveResource", resourceId: idOf(d, "/owners"), parentId: idOf(d, "/pets") });
    expect(findResourceByPath(revertDesignChange(moved.design, entry(moved)), "/owners")).toBeDefined();
    const later = run(moved.design, { type: "renameResource", resourceId: idOf(d, "/owners"), pathPart: "keepers" }).design;
    expect(() => revertDesignChange(later, entry(moved))).toThrow(/has changed since/);
    const settings = run(d, { type: "updateApi", endpointType: "EDGE", binaryMediaTypes: ["image/*"] });
    expect(revertDesignChange(settings.design, entry(settings))).toMatchObject({ endpointType: "REGIONAL", binaryMediaTypes: [] });
    expect(() => revertDesignChange({ ...settings.design, endpointType: "PRIVATE" }, entry(settings))).toThrow(/has changed since/);
  });
});

import { describe, expect, it } from "vitest";
import { type ApiDesign, parseDesign } from "../model/design";
import { type DesignDiff, type DiffEntry, deepEqual, diffDesigns, diffStages } from "./diff";
import { formatDiffText, formatStageDiffText } from "./diff-format";
import { generateDesign } from "./sample-design";

/** A small pet store, every id prefixed so a second copy can carry different ids. */
function petStore(p = "a"): ApiDesign {
  return parseDesign({
    name: "PetStore",
    description: "Pets",
    binaryMediaTypes: ["image/png"],
    resources: [
      { id: `${p}root`, parentId: null, pathPart: "", methods: {} },
      {
        id: `${p}pets`,
        parentId: `${p}root`,
        pathPart: "pets",
        methods: {
          GET: {
            httpMethod: "GET",
            authorizationType: "CUSTOM",
            authorizerId: `${p}auth`,
            requestValidatorId: `${p}val`,
            requestParameters: { "method.request.querystring.limit": false },
            methodResponses: { "200": { statusCode: "200", responseModels: { "application/json": "PetList" } } },
            integration: {
              type: "HTTP",
              httpMethod: "GET",
              uri: "https://backend.example.com/pets",
              requestParameters: { "integration.request.querystring.limit": "method.request.querystring.limit" },
              requestTemplates: { "application/json": '{\n  "limit": "$input.params(\'limit\')",\n  "sort": "name"\n}' },
              integrationResponses: {
                "200": { statusCode: "200", selectionPattern: "2\\d{2}", responseTemplates: { "application/json": "$input.json('$')" } },
              },
            },
          },
          POST: {
            httpMethod: "POST",
            requestModels: { "application/json": "Pet" },
            requestValidatorId: `${p}val`,
            methodResponses: { "201": { statusCode: "201" } },
            integration: {
              type: "MOCK",
              requestTemplates: { "application/json": '{"statusCode": 201}' },
              integrationResponses: { "201": { statusCode: "201" } },
            },
          },
        },
      },
      {
        id: `${p}pet`,
        parentId: `${p}pets`,
        pathPart: "{id}",
        methods: {
          GET: {
            httpMethod: "GET",
            requestParameters: { "method.request.path.id": true },
            methodResponses: { "200": { statusCode: "200" } },
            integration: {
              type: "HTTP_PROXY",
              httpMethod: "GET",
              uri: "https://backend.example.com/pets/{id}",
              requestParameters: { "integration.request.path.id": "method.request.path.id" },
            },
          },
        },
      },
      {
        id: `${p}photos`,
        parentId: `${p}pet`,
        pathPart: "photos",
        methods: { GET: { httpMethod: "GET", integration: { type: "HTTP_PROXY", httpMethod: "GET", uri: "https://backend.example.com/photos" } } },
      },
      {
        id: `${p}thumb`,
        parentId: `${p}photos`,
        pathPart: "thumb",
        methods: {
          GET: { httpMethod: "GET", integration: { type: "HTTP_PROXY", httpMethod: "GET", uri: "https://backend.example.com/thumbs" } },
          DELETE: { httpMethod: "DELETE", integration: { type: "MOCK" } },
        },
      },
    ],
    models: [
      { id: `${p}m1`, name: "Pet", schema: '{"type":"object","properties":{"name":{"type":"string"}}}' },
      { id: `${p}m2`, name: "PetList", schema: '{"type":"array","items":{"$ref":"Pet"}}' },
    ],
    requestValidators: [
      { id: `${p}val`, name: "all", validateRequestBody: true, validateRequestParameters: true },
      { id: `${p}val2`, name: "params", validateRequestBody: false, validateRequestParameters: true },
    ],
    authorizers: [
      { id: `${p}auth`, name: "tokens", type: "TOKEN", authorizerUri: "arn:aws:lambda:auth", identitySource: "method.request.header.Authorization" },
    ],
    gatewayResponses: [{ responseType: "DEFAULT_4XX", responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" } }],
  });
}

const byId = (design: ApiDesign, id: string) => design.resources.find((r) => r.id === id)!;
const find = (diff: DesignDiff, entity: DiffEntry["entity"], key: string) => diff.entries.find((e) => e.entity === entity && e.key === key);
const field = (entry: DiffEntry | undefined, path: string) => entry?.fields.find((f) => f.path === path);

describe("diffDesigns: identity", () => {
  it("finds no differences between a design and itself or a deep copy", () => {
    const a = petStore();
    expect(diffDesigns(a, a).summary.identical).toBe(true);
    const d = diffDesigns(a, structuredClone(a));
    expect(d.entries).toEqual([]);
    expect(d.summary).toMatchObject({ identical: true, changes: 0, resources: { added: 0, removed: 0, changed: 0 } });
  });

  it("ignores resource, model, validator and authorizer ids (same API imported twice)", () => {
    const d = diffDesigns(petStore("a"), petStore("b"));
    expect(d.entries).toEqual([]);
    expect(d.summary.identical).toBe(true);
  });

  it("ignores ids on the 1,200-method generated design too", () => {
    expect(diffDesigns(generateDesign({ seed: 1 }), generateDesign({ seed: 2 })).summary.identical).toBe(true);
  });

  it("compares a validator reference by name: a different id with the same name is no difference", () => {
    const a = petStore();
    const b = petStore();
    b.requestValidators[0].id = "renumbered";
    byId(b, "apets").methods.GET.requestValidatorId = "renumbered";
    byId(b, "apets").methods.POST.requestValidatorId = "renumbered";
    expect(diffDesigns(a, b).entries).toEqual([]);
  });

  it("reports a method pointed at another validator by the validators' names", () => {
    const a = petStore();
    const b = petStore();
    byId(b, "apets").methods.GET.requestValidatorId = "aval2";
    const d = diffDesigns(a, b);
    expect(d.entries).toEqual([
      { kind: "changed", entity: "method", key: "/pets GET", fields: [{ path: "requestValidator", before: "all", after: "params" }] },
    ]);
  });

  it("ignores map key order and string-array order", () => {
    const a = petStore();
    const b = petStore();
    const m = byId(b, "apets").methods.GET;
    m.integration!.requestParameters = { "integration.request.querystring.limit": "method.request.querystring.limit" };
    byId(b, "apets").methods = { POST: byId(b, "apets").methods.POST, GET: m };
    b.binaryMediaTypes = ["image/png"];
    a.binaryMediaTypes = ["image/png", "application/pdf"];
    b.binaryMediaTypes = ["application/pdf", "image/png"];
    expect(diffDesigns(a, b).entries).toEqual([]);
  });

  it("treats a model schema reformatted as the same JSON as unchanged", () => {
    const a = petStore();
    const b = petStore();
    b.models[0].schema = JSON.stringify(JSON.parse(a.models[0].schema), null, 4);
    expect(diffDesigns(a, b).entries).toEqual([]);
  });
});

describe("diffDesigns: changes at each level", () => {
  it("reports API settings field by field, with the policy as a line diff", () => {
    const a = petStore();
    const b = petStore();
    b.binaryMediaTypes = ["image/png", "image/jpeg"];
    b.minimumCompressionSize = 1024;
    b.policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] });
    const d = diffDesigns(a, b);
    expect(d.summary.apiSettings).toEqual(["binaryMediaTypes", "minimumCompressionSize", "policy"]);
    const api = find(d, "api", "api")!;
    expect(field(api, "binaryMediaTypes")).toEqual({ path: "binaryMediaTypes", before: ["image/png"], after: ["image/png", "image/jpeg"] });
    expect(field(api, "minimumCompressionSize")).toEqual({ path: "minimumCompressionSize", before: undefined, after: 1024 });
    const policy = field(api, "policy")!;
    expect(policy.lineDiff?.every((l) => l.kind === "add")).toBe(true);
    expect(policy.lineDiff?.map((l) => l.text)).toContain('  "Version": "2012-10-17",');
  });

  it("reports a removed subtree once per resource, each with its methods", () => {
    const a = petStore();
    const b = petStore();
    b.resources = b.resources.filter((r) => r.id !== "aphotos" && r.id !== "athumb");
    const d = diffDesigns(a, b);
    expect(d.entries.map((e) => `${e.kind} ${e.entity} ${e.key}`)).toEqual([
      "removed resource /pets/{id}/photos",
      "removed method /pets/{id}/photos GET",
      "removed resource /pets/{id}/photos/thumb",
      "removed method /pets/{id}/photos/thumb GET",
      "removed method /pets/{id}/photos/thumb DELETE",
    ]);
    expect(d.summary.resources).toEqual({ added: 0, removed: 2, changed: 0 });
    expect(d.summary.methods).toEqual({ added: 0, removed: 3, changed: 0 });
    expect(field(find(d, "method", "/pets/{id}/photos GET"), "integration.uri")).toEqual({
      path: "integration.uri",
      before: "https://backend.example.com/photos",
      after: undefined,
    });
  });

  it("reports an added resource with its methods, and an added method's integration and responses as fields", () => {
    const a = petStore();
    const b = petStore();
    b.resources.push({
      id: "new",
      parentId: "apets",
      pathPart: "search",
      methods: parseDesign({
        name: "x",
        resources: [
          {
            id: "r",
            parentId: null,
            pathPart: "",
            methods: {
              GET: {
                httpMethod: "GET",
                methodResponses: { "200": { statusCode: "200" } },
                integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
              },
            },
          },
        ],
      }).resources[0].methods,
    });
    const d = diffDesigns(a, b);
    expect(d.entries.map((e) => `${e.kind} ${e.entity} ${e.key}`)).toEqual(["added resource /pets/search", "added method /pets/search GET"]);
    const m = find(d, "method", "/pets/search GET")!;
    expect(field(m, "integration.type")).toEqual({ path: "integration.type", before: undefined, after: "MOCK" });
    expect(field(m, "methodResponses.200.statusCode")?.after).toBe("200");
    expect(field(m, "integration.requestTemplates.application/json")?.after).toBe('{"statusCode": 200}');
  });

  it("reports method, integration, integration response and method response changes under their keys", () => {
    const a = petStore();
    const b = petStore();
    const get = byId(b, "apets").methods.GET;
    get.apiKeyRequired = true;
    get.requestParameters["method.request.header.X-Trace"] = false;
    get.integration!.uri = "https://backend-v2.example.com/pets";
    get.integration!.timeoutInMillis = 10000;
    get.integration!.integrationResponses["200"].selectionPattern = "200";
    get.integration!.integrationResponses["400"] = { statusCode: "400", selectionPattern: "4\\d{2}", responseParameters: {}, responseTemplates: {} };
    get.methodResponses["400"] = { statusCode: "400", responseParameters: {}, responseModels: { "application/json": "Error" } };
    delete byId(b, "apets").methods.POST.methodResponses["201"];
    const d = diffDesigns(a, b);
    expect(d.entries.map((e) => `${e.kind} ${e.entity} ${e.key}`)).toEqual([
      "changed method /pets GET",
      "changed integration /pets GET",
      "changed integrationResponse /pets GET 200",
      "added integrationResponse /pets GET 400",
      "added methodResponse /pets GET 400",
      "removed methodResponse /pets POST 201",
    ]);
    expect(find(d, "method", "/pets GET")!.fields).toEqual([
      { path: "apiKeyRequired", before: false, after: true },
      { path: "requestParameters.method.request.header.X-Trace", before: undefined, after: false },
    ]);
    expect(find(d, "integration", "/pets GET")!.fields).toEqual([
      { path: "timeoutInMillis", before: 29000, after: 10000 },
      { path: "uri", before: "https://backend.example.com/pets", after: "https://backend-v2.example.com/pets" },
    ]);
    expect(find(d, "integrationResponse", "/pets GET 200")!.fields).toEqual([{ path: "selectionPattern", before: "2\\d{2}", after: "200" }]);
    expect(field(find(d, "methodResponse", "/pets GET 400"), "responseModels.application/json")?.after).toBe("Error");
    expect(d.summary).toMatchObject({
      resources: { added: 0, removed: 0, changed: 1 },
      methods: { added: 0, removed: 0, changed: 1 },
      integrations: { added: 0, removed: 0, changed: 1 },
      integrationResponses: { added: 1, removed: 0, changed: 1 },
      methodResponses: { added: 1, removed: 1, changed: 0 },
    });
  });

  it("line-diffs an edited request template", () => {
    const a = petStore();
    const b = petStore();
    const t = byId(b, "apets").methods.GET.integration!.requestTemplates;
    t["application/json"] = t["application/json"].replace('"sort": "name"', '"sort": "age",\n  "order": "desc"');
    const d = diffDesigns(a, b);
    const f = field(find(d, "integration", "/pets GET"), "requestTemplates.application/json")!;
    expect(f.before).toBe(a.resources[1].methods.GET.integration!.requestTemplates["application/json"]);
    expect(f.lineDiff).toEqual([
      { kind: "same", text: "{" },
      { kind: "same", text: '  "limit": "$input.params(\'limit\')",' },
      { kind: "remove", text: '  "sort": "name"' },
      { kind: "add", text: '  "sort": "age",' },
      { kind: "add", text: '  "order": "desc"' },
      { kind: "same", text: "}" },
    ]);
  });

  it("reports an integration added to or removed from a method", () => {
    const a = petStore();
    const b = petStore();
    delete byId(b, "athumb").methods.DELETE.integration;
    const d = diffDesigns(a, b);
    expect(d.entries).toEqual([
      {
        kind: "removed",
        entity: "integration",
        key: "/pets/{id}/photos/thumb DELETE",
        fields: [
          { path: "passthroughBehavior", before: "WHEN_NO_MATCH", after: undefined },
          { path: "timeoutInMillis", before: 29000, after: undefined },
          { path: "type", before: "MOCK", after: undefined },
        ],
      },
    ]);
    expect(diffDesigns(b, a).entries[0]).toMatchObject({ kind: "added", entity: "integration" });
  });

  it("reports models, validators, authorizers and gateway responses by name or type", () => {
    const a = petStore();
    const b = petStore();
    b.models[1].schema = '{"type":"array","items":{"$ref":"Pet"},"maxItems":100}';
    b.models.push({ id: "m3", name: "Error", contentType: "application/json", schema: '{"type":"object"}' });
    b.requestValidators[1].validateRequestBody = true;
    b.authorizers[0].authorizerResultTtlInSeconds = 0;
    b.gatewayResponses = [
      { responseType: "UNAUTHORIZED", statusCode: "401", responseParameters: {}, responseTemplates: { "application/json": '{"message":"no"}' } },
    ];
    const d = diffDesigns(a, b);
    expect(d.entries.map((e) => `${e.kind} ${e.entity} ${e.key}`)).toEqual([
      "added model Error",
      "changed model PetList",
      "changed requestValidator params",
      "changed authorizer tokens",
      "removed gatewayResponse DEFAULT_4XX",
      "added gatewayResponse UNAUTHORIZED",
    ]);
    const schema = field(find(d, "model", "PetList"), "schema")!;
    expect(schema.lineDiff?.filter((l) => l.kind !== "same")).toEqual([
      { kind: "remove", text: "  }" },
      { kind: "add", text: "  }," },
      { kind: "add", text: '  "maxItems": 100' },
    ]);
    expect(find(d, "requestValidator", "params")!.fields).toEqual([{ path: "validateRequestBody", before: false, after: true }]);
    expect(find(d, "authorizer", "tokens")!.fields).toEqual([{ path: "authorizerResultTtlInSeconds", before: undefined, after: 0 }]);
    expect(d.summary.models).toEqual({ added: 1, removed: 0, changed: 1 });
    expect(d.summary.gatewayResponses).toEqual({ added: 1, removed: 1, changed: 0 });
  });

  it("finds the handful of changes in a 300-resource, 1,200-method design", () => {
    const a = generateDesign({ seed: 1 });
    const b = generateDesign({ seed: 3 });
    const orders = b.resources.find((r) => r.pathPart === "orders")!;
    orders.methods.GET.integration!.requestTemplates["application/json"] += "\n## audited";
    const vets = b.resources.find((r) => r.pathPart === "vets")!;
    delete vets.methods.PUT;
    const d = diffDesigns(a, b);
    expect(d.entries.map((e) => `${e.kind} ${e.entity} ${e.key}`)).toEqual(["changed integration /orders GET", "removed method /vets PUT"]);
    expect(d.summary.resources.changed).toBe(2);
  });
});

describe("deepEqual", () => {
  it("ignores key order and compares arrays in order", () => {
    expect(deepEqual({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toBe(true);
    expect(deepEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(deepEqual({ a: undefined }, { b: undefined })).toBe(false);
    expect(deepEqual([], {})).toBe(false);
  });
});

describe("diffStages", () => {
  it("compares deployment, variables and nested settings field by field", () => {
    const d = diffStages(
      {
        name: "dev",
        deploymentId: "d1",
        variables: { backend: "dev.example.com", debug: "true" },
        settings: { tracingEnabled: false, methodSettings: { "*/*": { logging: { loglevel: "INFO" }, throttling: { rateLimit: 100 } } } },
      },
      {
        name: "prod",
        deploymentId: "d2",
        variables: { backend: "api.example.com" },
        settings: {
          tracingEnabled: false,
          methodSettings: { "*/*": { logging: { loglevel: "ERROR" }, throttling: { rateLimit: 100 } } },
          cacheClusterEnabled: true,
        },
      },
    );
    expect(d.identical).toBe(false);
    expect(d.fields).toEqual([
      { path: "deploymentId", before: "d1", after: "d2" },
      { path: "settings.cacheClusterEnabled", before: undefined, after: true },
      { path: "settings.methodSettings.*/*.logging.loglevel", before: "INFO", after: "ERROR" },
      { path: "variables.backend", before: "dev.example.com", after: "api.example.com" },
      { path: "variables.debug", before: "true", after: undefined },
    ]);
    expect(formatStageDiffText(d)).toBe(
      [
        "Stage dev → prod: 5 fields differ",
        '  deploymentId: "d1" → "d2"',
        "  settings.cacheClusterEnabled: (none) → true",
        '  settings.methodSettings.*/*.logging.loglevel: "INFO" → "ERROR"',
        '  variables.backend: "dev.example.com" → "api.example.com"',
        '  variables.debug: "true" → (none)',
        "",
      ].join("\n"),
    );
  });

  it("reports two stages with equal content as identical whatever their names", () => {
    const d = diffStages(
      { name: "a", deploymentId: "d", variables: { x: "1" }, settings: {} },
      { name: "b", deploymentId: "d", variables: { x: "1" }, settings: {} },
    );
    expect(d).toEqual({ before: "a", after: "b", identical: true, fields: [] });
    expect(formatStageDiffText(d)).toBe("Stage a → b: no differences.\n");
  });
});

describe("formatDiffText", () => {
  it("prints No differences. for equal designs", () => {
    expect(formatDiffText(diffDesigns(petStore(), petStore("z")))).toBe("No differences.\n");
  });

  it("prints a summary, then marked entries with field changes and template line diffs", () => {
    const a = petStore();
    const b = petStore();
    b.description = "Pets and owners";
    const get = byId(b, "apets").methods.GET;
    get.integration!.requestTemplates["application/json"] = get.integration!.requestTemplates["application/json"].replace('"name"', '"age"');
    get.methodResponses["404"] = { statusCode: "404", responseParameters: {}, responseModels: { "application/json": "Error" } };
    b.resources = b.resources.filter((r) => r.id !== "athumb");
    b.requestValidators[1].validateRequestBody = true;
    expect(formatDiffText(diffDesigns(a, b))).toBe(
      [
        "Summary: 7 changes",
        "  API settings: description changed",
        "  resources: 1 removed, 1 changed",
        "  methods: 2 removed",
        "  integrations: 1 changed",
        "  method responses: 1 added",
        "  request validators: 1 changed",
        "",
        "~ api settings",
        '    description: "Pets" → "Pets and owners"',
        "~ integration /pets GET",
        "    requestTemplates.application/json:",
        "        {",
        '          "limit": "$input.params(\'limit\')",',
        '      -   "sort": "name"',
        '      +   "sort": "age"',
        "        }",
        "+ method response /pets GET 404",
        '    responseModels.application/json: "Error"',
        "- resource /pets/{id}/photos/thumb",
        "- method /pets/{id}/photos/thumb GET",
        "- method /pets/{id}/photos/thumb DELETE",
        "~ request validator params",
        "    validateRequestBody: false → true",
        "",
      ].join("\n"),
    );
  });
});

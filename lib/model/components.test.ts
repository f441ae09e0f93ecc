/** Models, request validators and authorizers: what AWS refuses is refused, with the field; deletes in use are refused. */
import { describe, expect, it } from "vitest";
import type { ApiDesign } from "./design";
import { NotFoundError, ValidationError } from "../errors";
import {
  checkModelSchema,
  createAuthorizer,
  createModel,
  createRequestValidator,
  deleteAuthorizer,
  deleteModel,
  deleteRequestValidator,
  functionArnOfUri,
  modelRefUrl,
  modelUsages,
  updateAuthorizer,
  updateModel,
  updateRequestValidator,
  type AuthorizerInput,
} from "./components";
import { addResourcePath, newDesign, putMethod, putMethodResponse } from "./operations";

const PET = JSON.stringify({
  $schema: "http://json-schema.org/draft-04/schema#",
  type: "object",
  required: ["name"],
  properties: { name: { type: "string" }, tag: { type: "string" } },
});
const FN = "arn:aws:lambda:eu-west-1:123456789012:function:auth";
const POOL = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123xyz";

function issuesOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues;
    throw e;
  }
  throw new Error("expected a ValidationError");
}

function withPets(): { design: ApiDesign; petsId: string } {
  const { design, resource } = addResourcePath(newDesign({ name: "Pets" }), "/pets");
  return { design, petsId: resource.id };
}

describe("models", () => {
  it("creates a model with AWS's default content type and an id", () => {
    const { design, model } = createModel(newDesign({ name: "A" }), { name: "Pet", schema: PET, description: " a pet " });
    expect(model).toMatchObject({ name: "Pet", contentType: "application/json", description: "a pet", schema: PET });
    expect(model.id).toMatch(/^[a-z0-9]{10}$/);
    expect(design.models).toEqual([model]);
  });

  it("refuses names that are not alphanumeric, and duplicates", () => {
    const d = createModel(newDesign({ name: "A" }), { name: "Pet", schema: PET }).design;
    for (const name of ["my-model", "my_model", "My Model", "Pét"]) {
      expect(issuesOf(() => createModel(d, { name, schema: PET }))).toEqual([{ field: "model.name", message: expect.stringContaining("alphanumeric") }]);
    }
    expect(issuesOf(() => createModel(d, { name: "Pet", schema: PET }))[0]).toEqual({
      field: "model.name",
      message: "A model named Pet already exists in this API",
    });
    expect(issuesOf(() => createModel(d, { name: " ", schema: PET }))[0].message).toBe("Name is required");
  });

  it("refuses a schema that is not JSON, not an object, or not draft 4", () => {
    const d = newDesign({ name: "A" });
    expect(issuesOf(() => createModel(d, { name: "Bad", schema: '{"type": "object",' }))[0]).toMatchObject({
      field: "model.schema",
      message: expect.stringMatching(/^Invalid JSON/),
    });
    expect(issuesOf(() => createModel(d, { name: "Bad", schema: "[1,2]" }))[0].message).toMatch(/must be a JSON object/);
    expect(issuesOf(() => createModel(d, { name: "Bad", schema: '{"type": "strung"}' }))[0].message).toMatch(/^Not a valid JSON Schema draft 4: \/type/);
    expect(issuesOf(() => createModel(d, { name: "Bad", schema: '{"required": []}' }))[0].message).toMatch(/required/); // draft 4: minItems 1
    expect(issuesOf(() => createModel(d, { name: "Bad", schema: '{"$schema": "http://json-schema.org/draft-07/schema#"}' }))[0].message).toMatch(/draft 4/);
    expect(issuesOf(() => createModel(d, { name: "Bad", schema: "" }))[0].message).toBe("Enter the model's JSON schema");
  });

  it("refuses a content type that is not a media type", () => {
    expect(issuesOf(() => createModel(newDesign({ name: "A" }), { name: "Pet", contentType: "json", schema: PET }))).toEqual([
      { field: "model.contentType", message: expect.any(String) },
    ]);
  });

  it("resolves $refs to other models by their AWS URL and to local definitions; refuses unknown ones", () => {
    const d = createModel(newDesign({ name: "A" }), { name: "Pet", schema: PET }).design;
    const list = JSON.stringify({ type: "array", items: { $ref: modelRefUrl("Pet", "abc123") } });
    expect(() => createModel(d, { name: "Pets", schema: list })).not.toThrow();
    const local = JSON.stringify({ definitions: { tag: { type: "string" } }, type: "object", properties: { t: { $ref: "#/definitions/tag" } } });
    expect(() => createModel(d, { name: "Tagged", schema: local })).not.toThrow();

    const missing = JSON.stringify({ type: "array", items: { $ref: modelRefUrl("Owner", "abc123") } });
    expect(issuesOf(() => createModel(d, { name: "Owners", schema: missing }))[0].message).toMatch(/no model named Owner/);
    const external = JSON.stringify({ $ref: "https://example.com/schema.json" });
    expect(issuesOf(() => createModel(d, { name: "Ext", schema: external }))[0].message).toMatch(/refer to this API's models as/);
    const badLocal = JSON.stringify({ properties: { t: { $ref: "#/definitions/nope" } } });
    expect(issuesOf(() => createModel(d, { name: "Loc", schema: badLocal }))[0].message).toMatch(/can't resolve reference/);
  });

  it("checks a schema as the editor types, against the models of the design", () => {
    const d = createModel(newDesign({ name: "A" }), { name: "Pet", schema: PET }).design;
    expect(checkModelSchema(d, PET, "Pet")).toEqual([]);
    expect(checkModelSchema(d, JSON.stringify({ items: { $ref: modelRefUrl("Pet") } }), "List")).toEqual([]);
    expect(checkModelSchema(d, "{", "X")).toHaveLength(1);
  });

  it("lists where a model is used and refuses to delete it while used", () => {
    let { design, petsId } = withPets();
    design = createModel(design, { name: "Pet", schema: PET }).design;
    design = createModel(design, { name: "Pets", schema: JSON.stringify({ type: "array", items: { $ref: modelRefUrl("Pet", "x") } }) }).design;
    design = putMethod(design, petsId, { httpMethod: "POST", requestModels: { "application/json": "Pet" } });
    design = putMethod(design, petsId, { httpMethod: "GET" });
    design = putMethodResponse(design, petsId, "GET", { statusCode: "200", responseParameters: {}, responseModels: { "application/json": "Pets" } });
    expect(modelUsages(design, "Pet")).toEqual(["POST /pets request body (application/json)", "model Pets"]);
    expect(modelUsages(design, "Pets")).toEqual(["GET /pets response 200 (application/json)"]);

    const pet = design.models.find((m) => m.name === "Pet")!;
    const issues = issuesOf(() => deleteModel(design, pet.id));
    expect(issues).toEqual([
      { field: "modelId", message: "Model Pet is still used by POST /pets request body (application/json), model Pets; remove those references first" },
    ]);

    const unused = createModel(design, { name: "Spare", schema: "{}" });
    expect(deleteModel(unused.design, unused.model.id).models.map((m) => m.name)).toEqual(["Pet", "Pets"]);
    expect(() => deleteModel(design, "nope")).toThrow(NotFoundError);
  });

  it("renames a model and its references: method models and other models' $ref URLs, keeping their formatting", () => {
    let { design, petsId } = withPets();
    design = createModel(design, { name: "Pet", schema: PET }).design;
    const listText = `{\n  "type": "array",\n  "items": { "$ref": "https://apigateway.amazonaws.com/restapis/abc/models/Pet" }\n}`;
    design = createModel(design, { name: "PetList", schema: listText }).design;
    design = putMethod(design, petsId, { httpMethod: "POST", requestModels: { "application/json": "Pet" } });
    const pet = design.models.find((m) => m.name === "Pet")!;
    const { design: next, renamedReferences } = updateModel(design, pet.id, { name: "Animal" });
    expect(renamedReferences).toEqual(["POST /pets request body (application/json)", "model PetList"]);
    expect(next.models.map((m) => m.name)).toEqual(["Animal", "PetList"]);
    expect(next.resources.find((r) => r.id === petsId)!.methods.POST.requestModels).toEqual({ "application/json": "Animal" });
    expect(next.models[1].schema).toBe(listText.replace("/models/Pet", "/models/Animal"));
    expect(design.models[0].name).toBe("Pet"); // the input design is untouched
  });

  it("updates a model's schema with the same checks, and refuses a rename onto another model", () => {
    let design = createModel(newDesign({ name: "A" }), { name: "Pet", schema: PET }).design;
    design = createModel(design, { name: "Owner", schema: "{}" }).design;
    const pet = design.models[0];
    expect(updateModel(design, pet.id, { schema: '{"type":"string"}' }).model.schema).toBe('{"type":"string"}');
    expect(issuesOf(() => updateModel(design, pet.id, { schema: '{"type": 5}' }))[0].field).toBe("model.schema");
    expect(issuesOf(() => updateModel(design, pet.id, { name: "Owner" }))[0].message).toBe("A model named Owner already exists in this API");
  });
});

describe("request validators", () => {
  it("creates, updates with a unique name, and defaults both checks to off", () => {
    const { design, validator } = createRequestValidator(newDesign({ name: "A" }), { name: "body-only", validateRequestBody: true });
    expect(validator).toMatchObject({ name: "body-only", validateRequestBody: true, validateRequestParameters: false });
    const two = createRequestValidator(design, { name: "params" }).design;
    expect(issuesOf(() => createRequestValidator(two, { name: "params" }))).toEqual([
      { field: "validator.name", message: "A request validator named params already exists in this API" },
    ]);
    expect(issuesOf(() => createRequestValidator(two, { name: "" }))[0].message).toBe("Name is required");
    expect(issuesOf(() => updateRequestValidator(two, validator.id, { name: "params" }))[0].field).toBe("validator.name");
    const updated = updateRequestValidator(two, validator.id, { validateRequestParameters: true }).validator;
    expect(updated).toEqual({ ...validator, validateRequestParameters: true });
  });

  it("refuses deleting a validator a method uses, naming the method", () => {
    let { design, petsId } = withPets();
    const created = createRequestValidator(design, { name: "all", validateRequestBody: true, validateRequestParameters: true });
    design = putMethod(created.design, petsId, { httpMethod: "POST", requestValidatorId: created.validator.id });
    expect(issuesOf(() => deleteRequestValidator(design, created.validator.id))).toEqual([
      { field: "validatorId", message: "Request validator all is used by POST /pets; choose another validator (or none) on those methods first" },
    ]);
    expect(deleteRequestValidator(created.design, created.validator.id).requestValidators).toEqual([]);
  });
});

describe("authorizers", () => {
  const token: AuthorizerInput = { name: "jwt", type: "TOKEN", functionArn: FN, identitySource: "method.request.header.Authorization" };

  it("builds the authorizer URI from the function ARN as AWS does, with a 300 s TTL by default", () => {
    const { authorizer } = createAuthorizer(newDesign({ name: "A" }), { ...token, identityValidationExpression: "^Bearer [-0-9a-zA-Z._]*$" });
    expect(authorizer).toMatchObject({
      name: "jwt",
      type: "TOKEN",
      authorizerUri: `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FN}/invocations`,
      identitySource: "method.request.header.Authorization",
      identityValidationExpression: "^Bearer [-0-9a-zA-Z._]*$",
      authorizerResultTtlInSeconds: 300,
      providerARNs: [],
    });
    expect(functionArnOfUri(authorizer.authorizerUri)).toBe(FN);
    const alias = "arn:aws-cn:lambda:cn-north-1:123456789012:function:f:live";
    expect(createAuthorizer(newDesign({ name: "B" }), { ...token, functionArn: alias }).authorizer.authorizerUri).toBe(
      `arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/${alias}/invocations`,
    );
    // The Region API Gateway calls Lambda in cannot be a stage variable.
    expect(
      issuesOf(() =>
        createAuthorizer(newDesign({ name: "B" }), { ...token, functionArn: "arn:aws:lambda:${stageVariables.region}:123456789012:function:auth" }),
      )[0].field,
    ).toBe("authorizer.functionArn");
  });

  it("TOKEN: needs one header identity source, a valid regex, a TTL of 0-3600, a role ARN for credentials", () => {
    const d = newDesign({ name: "A" });
    expect(issuesOf(() => createAuthorizer(d, { ...token, identitySource: "" }))[0].field).toBe("authorizer.identitySource");
    expect(issuesOf(() => createAuthorizer(d, { ...token, identitySource: "method.request.querystring.token" }))[0].message).toMatch(/one header/);
    expect(issuesOf(() => createAuthorizer(d, { ...token, identityValidationExpression: "^Bearer [" }))[0]).toMatchObject({
      field: "authorizer.identityValidationExpression",
      message: expect.stringMatching(/^Not a valid regular expression/),
    });
    expect(issuesOf(() => createAuthorizer(d, { ...token, authorizerResultTtlInSeconds: 3601 }))[0].field).toBe("authorizer.authorizerResultTtlInSeconds");
    expect(issuesOf(() => createAuthorizer(d, { ...token, authorizerResultTtlInSeconds: -1 }))[0].field).toBe("authorizer.authorizerResultTtlInSeconds");
    expect(createAuthorizer(d, { ...token, authorizerResultTtlInSeconds: 0 }).authorizer.authorizerResultTtlInSeconds).toBe(0);
    expect(issuesOf(() => createAuthorizer(d, { ...token, authorizerCredentials: "arn:aws:iam::123456789012:user/bob" }))[0].field).toBe(
      "authorizer.authorizerCredentials",
    );
    expect(createAuthorizer(d, { ...token, authorizerCredentials: "arn:aws:iam::123456789012:role/apigw-invoke" }).authorizer.authorizerCredentials).toBe(
      "arn:aws:iam::123456789012:role/apigw-invoke",
    );
    expect(issuesOf(() => createAuthorizer(d, { ...token, functionArn: "auth" }))[0].field).toBe("authorizer.functionArn");
    expect(issuesOf(() => createAuthorizer(d, { ...token, functionArn: undefined }))[0]).toEqual({
      field: "authorizer.functionArn",
      message: "Enter the Lambda function's ARN",
    });
    expect(issuesOf(() => createAuthorizer(d, { ...token, functionArn: undefined, authorizerUri: "https://example.com" }))[0].field).toBe(
      "authorizer.authorizerUri",
    );
  });

  it("REQUEST: comma-separated identity sources, required only while caching", () => {
    const d = newDesign({ name: "A" });
    const request: AuthorizerInput = {
      name: "req",
      type: "REQUEST",
      functionArn: FN,
      identitySource: "method.request.header.Auth,  method.request.querystring.name,stageVariables.env, context.requestId",
    };
    expect(createAuthorizer(d, request).authorizer.identitySource).toBe(
      "method.request.header.Auth, method.request.querystring.name, stageVariables.env, context.requestId",
    );
    expect(issuesOf(() => createAuthorizer(d, { ...request, identitySource: "" }))[0].message).toMatch(/caching/);
    expect(createAuthorizer(d, { ...request, identitySource: "", authorizerResultTtlInSeconds: 0 }).authorizer.identitySource).toBeUndefined();
    expect(issuesOf(() => createAuthorizer(d, { ...request, identitySource: "header.Auth" }))[0].message).toMatch(/not valid: header.Auth/);
    expect(issuesOf(() => createAuthorizer(d, { ...request, identityValidationExpression: ".*" }))[0].field).toBe("authorizer.identityValidationExpression");
  });

  it("COGNITO_USER_POOLS: user pool ARNs required and well-formed; no Lambda fields kept", () => {
    const d = newDesign({ name: "A" });
    const cognito: AuthorizerInput = {
      name: "pool",
      type: "COGNITO_USER_POOLS",
      providerARNs: [POOL],
      identitySource: "method.request.header.Authorization",
      functionArn: FN,
    };
    const { authorizer } = createAuthorizer(d, cognito);
    expect(authorizer.providerARNs).toEqual([POOL]);
    expect(authorizer.authorizerUri).toBeUndefined();
    expect(issuesOf(() => createAuthorizer(d, { ...cognito, providerARNs: [] }))).toEqual([
      { field: "authorizer.providerARNs", message: "Add at least one Cognito user pool ARN" },
    ]);
    expect(issuesOf(() => createAuthorizer(d, { ...cognito, providerARNs: ["arn:aws:cognito-idp:eu-west-1:123:userpool/x"] }))[0].message).toMatch(
      /Not a user pool ARN/,
    );
  });

  it("names are unique and an API holds at most 10 authorizers", () => {
    let d = newDesign({ name: "A" });
    for (let i = 0; i < 10; i++) d = createAuthorizer(d, { ...token, name: `a${i}` }).design;
    expect(issuesOf(() => createAuthorizer(d, { ...token, name: "a0" })).map((i) => i.message)).toContain("An authorizer named a0 already exists in this API");
    expect(issuesOf(() => createAuthorizer(d, { ...token, name: "a10" }))[0].message).toBe("An API can have at most 10 authorizers");
  });

  it("refuses deleting an authorizer a method uses, or switching it between Lambda and Cognito while used", () => {
    let { design, petsId } = withPets();
    const created = createAuthorizer(design, token);
    design = putMethod(created.design, petsId, { httpMethod: "GET", authorizationType: "CUSTOM", authorizerId: created.authorizer.id });
    expect(issuesOf(() => deleteAuthorizer(design, created.authorizer.id))).toEqual([
      { field: "authorizerId", message: "Authorizer jwt is used by GET /pets; change their authorization first" },
    ]);
    expect(
      issuesOf(() =>
        updateAuthorizer(design, created.authorizer.id, {
          name: "jwt",
          type: "COGNITO_USER_POOLS",
          providerARNs: [POOL],
          identitySource: "method.request.header.Authorization",
        }),
      )[0].field,
    ).toBe("authorizer.type");
    const changed = updateAuthorizer(design, created.authorizer.id, { ...token, type: "REQUEST", authorizerResultTtlInSeconds: 60 }).authorizer;
    expect(changed).toMatchObject({ id: created.authorizer.id, type: "REQUEST", authorizerResultTtlInSeconds: 60 });
    expect(deleteAuthorizer(created.design, created.authorizer.id).authorizers).toEqual([]);
  });
});

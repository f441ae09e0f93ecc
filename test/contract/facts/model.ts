/**
 * Models: CreateModel, GetModels, UpdateModel, DeleteModel — how AWS answered.
 * Sources as in rest-api.ts ("rec <test>/<step>" in control-plane-api.json).
 */
import { expect } from "vitest";
import { FAKE_ACCOUNT_ID } from "../../fakes/fake-apigateway";
import type { Fact, World } from "../run-facts";

const bad = (message: string) => ({ status: 400, error: { code: "BadRequestException", message } });
const schema = JSON.stringify({ title: "MySchema", type: "object" });
const create = (name: string) => (ids: Record<string, string>) => ({ restApiId: ids.api, name, contentType: "application/json", schema });
const withMySchema = async (w: World) => void (await w.send("CreateModel", create("MySchema")(w.ids)));
const update =
  (...patchOperations: Record<string, string>[]) =>
  (ids: Record<string, string>) => ({ restApiId: ids.api, modelName: "MySchema", patchOperations });

export const modelFacts: Fact[] = [
  {
    name: "a new API lists the built-in Empty and Error models",
    source: "rec test_model_lifecycle/get-models (asserts Error and Empty are present)",
    op: "GetModels",
    input: (ids) => ({ restApiId: ids.api }),
    status: 200,
    returns: { item: expect.arrayContaining([expect.objectContaining({ name: "Empty" }), expect.objectContaining({ name: "Error" })]) },
  },
  {
    name: "CreateModel answers id, name, contentType and the schema as sent",
    source: "rec test_put_method_model/create-model",
    op: "CreateModel",
    input: create("MySchema"),
    status: 201,
    returns: { id: expect.any(String), name: "MySchema", contentType: "application/json", schema },
  },
  {
    name: "CreateModel on an unknown API is a 404 naming the account",
    source: "rec test_model_validation/create-model-wrong-id",
    op: "CreateModel",
    input: { restApiId: "abcde0", name: "MySchema", contentType: "application/json", schema },
    status: 404,
    error: { code: "NotFoundException", message: `Invalid API identifier specified ${FAKE_ACCOUNT_ID}:abcde0` },
  },
  {
    name: "a second model of the same name is a 409",
    source: "rec test_model_validation/create-model-already-exists",
    given: withMySchema,
    op: "CreateModel",
    input: create("MySchema"),
    status: 409,
    error: { code: "ConflictException", message: "Model name already exists for this REST API" },
  },
  {
    name: "an empty name is refused",
    source: "rec test_model_validation/create-model-empty-name",
    op: "CreateModel",
    input: create(""),
    ...bad("Model name must be non-empty"),
  },
  {
    name: "a JSON model without a schema is refused",
    source: "rec test_model_validation/create-model-no-schema-json",
    op: "CreateModel",
    input: (ids) => ({ restApiId: ids.api, name: "MyEmptySchema", contentType: "application/json" }),
    ...bad("Model schema must have at least 1 property or array items defined"),
  },
  {
    name: "UpdateModel replaces /schema and /description; an empty description is left out",
    source: "rec test_update_model/update-model",
    given: withMySchema,
    op: "UpdateModel",
    input: update(
      { op: "replace", path: "/schema", value: JSON.stringify({ title: "Updated schema", type: "object" }) },
      { op: "replace", path: "/description", value: "" },
    ),
    status: 200,
    returns: { name: "MySchema", schema: JSON.stringify({ title: "Updated schema", type: "object" }) },
    absent: ["description"],
  },
  {
    name: "UpdateModel takes only replace",
    source: "rec test_update_model/update-model-invalid-op",
    given: withMySchema,
    op: "UpdateModel",
    input: update({ op: "add", path: "/wrong-path", value: "not supported op" }),
    ...bad("Invalid patch path  '/wrong-path' specified for op 'add'. Please choose supported operations"),
  },
  {
    name: "a model's name cannot be patched",
    source: "rec test_update_model/update-model-invalid-path",
    given: withMySchema,
    op: "UpdateModel",
    input: update({ op: "replace", path: "/name", value: "invalid" }),
    ...bad("Invalid patch path  '/name' specified for op 'replace'. Must be one of: [/description, /schema]"),
  },
  {
    name: "an empty schema is refused",
    source: "rec test_update_model/update-model-empty-schema",
    given: withMySchema,
    op: "UpdateModel",
    input: update({ op: "replace", path: "/schema", value: "" }),
    ...bad("Model schema must have at least 1 property or array items defined"),
  },
  {
    name: "UpdateModel of an unknown model is a 404 naming it",
    source: "rec test_update_model/update-model-wrong-id",
    op: "UpdateModel",
    input: (ids) => ({ restApiId: ids.api, modelName: "mySchema", patchOperations: [{ op: "replace", path: "/description", value: "x" }] }),
    status: 404,
    error: { code: "NotFoundException", message: "Invalid model name specified: mySchema" },
  },
  {
    name: "a model used by a method cannot be deleted (409 naming the method)",
    source: "rec test_put_method_model/delete-model-used",
    given: async (w) => {
      await withMySchema(w);
      await w.send("PutMethod", {
        restApiId: w.ids.api,
        resourceId: w.ids.root,
        httpMethod: "ANY",
        authorizationType: "NONE",
        requestModels: { "application/json": "MySchema" },
      });
    },
    op: "DeleteModel",
    input: (ids) => ({ restApiId: ids.api, modelName: "MySchema" }),
    status: 409,
    error: { code: "ConflictException", message: "Cannot delete model 'MySchema', is referenced in method request: //ANY" },
  },
  {
    name: "DeleteModel answers 202",
    source: "rec test_model_lifecycle/del-model",
    given: withMySchema,
    op: "DeleteModel",
    input: (ids) => ({ restApiId: ids.api, modelName: "MySchema" }),
    status: 202,
  },
];

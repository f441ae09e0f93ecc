import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { planContext } from "./context";
import { modelsInDependencyOrder, planModelDeletes, planModels } from "./models";

const PET = '{"type":"object","properties":{"id":{"type":"integer"}}}';
const PET_LIST = '{"type":"array","items":{"$ref":"https://apigateway.amazonaws.com/restapis/{restapi_id}/models/Pet"}}';

const design = (models: unknown[]) => parseDesign({ name: "pets", resources: [{ id: "root", parentId: null, pathPart: "" }], models });

function live(models: LiveApi["models"]): LiveApi {
  return { restApi: { id: "a1b2c3" }, resources: [], models, requestValidators: [], authorizers: [], gatewayResponses: [] };
}

describe("planModels", () => {
  it("on a new API creates referenced models first and updates the built-in Error rather than creating it again", () => {
    const ctx = planContext(
      design([
        { id: "m1", name: "PetList", schema: PET_LIST },
        { id: "m2", name: "Pet", schema: PET, description: "A pet" },
        { id: "m3", name: "Error", schema: '{"type":"object"}' },
      ]),
      null,
    );
    const calls = planModels(ctx);
    expect(calls.map((c) => `${c.operation} ${c.target}`)).toEqual(["CreateModel model Pet", "CreateModel model PetList", "UpdateModel model Error"]);
    expect(calls[0].params).toEqual({ restApiId: { ref: "restApi" }, name: "Pet", contentType: "application/json", schema: PET, description: "A pet" });
    expect(calls[2].params).toEqual({
      restApiId: { ref: "restApi" },
      modelName: "Error",
      patchOperations: [
        { op: "replace", path: "/schema", value: '{"type":"object"}' },
        { op: "replace", path: "/description" },
      ],
    });
  });

  it("leaves a model alone whose live schema differs only by formatting and by AWS's real id in a $ref", () => {
    const liveSchema = '{ "type": "array", "items": { "$ref": "https://apigateway.amazonaws.com/restapis/a1b2c3/models/Pet" } }';
    const ctx = planContext(
      design([{ id: "m1", name: "PetList", schema: PET_LIST }]),
      live([{ name: "PetList", schema: liveSchema, contentType: "application/json" }]),
    );
    expect(planModels(ctx)).toEqual([]);
  });

  it("deletes and creates again a model whose content type changes, and says so", () => {
    const ctx = planContext(
      design([{ id: "m1", name: "Pet", schema: PET, contentType: "text/plain" }]),
      live([{ id: "x", name: "Pet", schema: PET, contentType: "application/json" }]),
    );
    expect(planModels(ctx).map((c) => [c.operation, c.description])).toEqual([
      ["DeleteModel", "Delete model Pet (content type changes)"],
      ["CreateModel", "Create model Pet"],
    ]);
    expect(ctx.notes).toEqual(["Model Pet changes content type: it is deleted and created again."]);
  });

  it("updates only the description when that is all that changed", () => {
    const ctx = planContext(
      design([{ id: "m1", name: "Pet", schema: PET, description: "A pet" }]),
      live([{ name: "Pet", schema: PET, contentType: "application/json" }]),
    );
    expect(planModels(ctx)).toEqual([
      {
        operation: "UpdateModel",
        target: "model Pet",
        description: "Update model Pet (description)",
        kind: "update",
        params: { restApiId: "a1b2c3", modelName: "Pet", patchOperations: [{ op: "replace", path: "/description", value: "A pet" }] },
      },
    ]);
  });
});

describe("planModelDeletes", () => {
  it("deletes live models the design dropped, never the built-in Empty and Error", () => {
    const ctx = planContext(design([{ id: "m1", name: "Pet", schema: PET }]), live([{ name: "Pet" }, { name: "Old" }, { name: "Empty" }, { name: "Error" }]));
    expect(planModelDeletes(ctx)).toEqual([
      { operation: "DeleteModel", target: "model Old", description: "Delete model Old", kind: "delete", params: { restApiId: "a1b2c3", modelName: "Old" } },
    ]);
  });

  it("deletes nothing when there is no live API", () => {
    expect(planModelDeletes(planContext(design([]), null))).toEqual([]);
  });
});

describe("modelsInDependencyOrder", () => {
  it("puts a referenced model before the models that refer to it, otherwise keeps design order, and survives a cycle", () => {
    const ref = (name: string) => `{"$ref":"https://apigateway.amazonaws.com/restapis/{restapi_id}/models/${name}"}`;
    const models = [
      { name: "A", schema: ref("C") },
      { name: "B", schema: "{}" },
      { name: "C", schema: ref("B") },
      { name: "D", schema: ref("E") },
      { name: "E", schema: ref("D") },
    ];
    expect(modelsInDependencyOrder(models).map((m) => m.name)).toEqual(["B", "C", "A", "E", "D"]);
  });
});

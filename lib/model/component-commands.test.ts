/** Component commands through the one design-command entry point: parsing, delegation, and what the history is told. */
import { describe, expect, it } from "vitest";
import { applyCommand, parseDesignCommand } from "./commands";
import type { ApiDesign } from "./design";
import { ValidationError } from "../errors";
import { addResourcePath, newDesign } from "./operations";

function run(design: ApiDesign, raw: unknown) {
  return applyCommand(design, parseDesignCommand(raw));
}

describe("component commands", () => {
  it("are parsed by parseDesignCommand with field paths for bad input", () => {
    try {
      parseDesignCommand({ type: "createAuthorizer", authorizer: { name: "a", type: "JWT", authorizerResultTtlInSeconds: 1.5 } });
      throw new Error("expected a ValidationError");
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues.map((i) => i.field).sort()).toEqual(["authorizer.authorizerResultTtlInSeconds", "authorizer.type"]);
    }
  });

  it("create, rename and delete a model, each telling the history what happened", () => {
    let design = newDesign({ name: "A" });
    const created = run(design, { type: "createModel", model: { name: "Pet", schema: '{"type":"object"}' } });
    expect(created).toMatchObject({ action: "model.create", entityType: "model", entityId: "Pet", summary: "Added model Pet", before: null });
    design = created.design;
    const modelId = design.models[0].id;
    const renamed = run(design, { type: "updateModel", modelId, changes: { name: "Animal" } });
    expect(renamed).toMatchObject({ action: "model.update", entityId: "Animal", summary: "Renamed model Pet to Animal" });
    const deleted = run(renamed.design, { type: "deleteModel", modelId });
    expect(deleted).toMatchObject({ action: "model.delete", entityId: "Animal", after: null });
    expect(deleted.design.models).toEqual([]);
  });

  it("validators and authorizers go through the same path", () => {
    const v = run(newDesign({ name: "A" }), { type: "createRequestValidator", validator: { name: "body", validateRequestBody: true } });
    expect(v).toMatchObject({ action: "requestValidator.create", entityType: "requestValidator", entityId: "body" });
    const a = run(v.design, {
      type: "createAuthorizer",
      authorizer: {
        name: "jwt",
        type: "TOKEN",
        functionArn: "arn:aws:lambda:us-east-1:123456789012:function:auth",
        identitySource: "method.request.header.Authorization",
      },
    });
    expect(a).toMatchObject({ action: "authorizer.create", entityType: "authorizer", summary: "Added TOKEN authorizer jwt" });
    const removed = run(a.design, { type: "deleteAuthorizer", authorizerId: a.design.authorizers[0].id });
    expect(removed.design.authorizers).toEqual([]);
    expect(() => run(v.design, { type: "createRequestValidator", validator: { name: "body" } })).toThrow(ValidationError);
  });

  it("enableCors is one command: one history entry carrying the settings and the list of changes", () => {
    const { design, resource } = addResourcePath(newDesign({ name: "A" }), "/pets");
    const cors = { allowOrigin: "*", allowMethods: ["OPTIONS"], allowHeaders: ["Content-Type"] };
    const outcome = run(design, { type: "enableCors", resourceId: resource.id, cors });
    expect(outcome).toMatchObject({ action: "cors.enable", entityType: "cors", entityId: "/pets", summary: "Enabled CORS on /pets: 4 created, 0 updated" });
    expect((outcome.after as { changes: unknown[] }).changes).toHaveLength(4);
    expect((outcome.after as { settings: unknown }).settings).toEqual({ ...cors, exposeHeaders: [], allowCredentials: false });
  });
});

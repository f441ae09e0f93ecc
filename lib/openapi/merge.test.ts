import { describe, expect, it } from "vitest";
import { resourcePath } from "../model/tree";
import { ValidationError } from "../errors";
import { diffDesigns } from "../snapshot/diff";
import { generateDesign } from "../snapshot/sample-design";
import { importOpenApiDocument } from "./import";
import { applyImport } from "./merge";

const mock = { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' }, responses: { default: { statusCode: "200" } } };
const op = (...statuses: string[]) => ({
  responses: Object.fromEntries(statuses.map((s) => [s, { description: s }])),
  "x-amazon-apigateway-integration": mock,
});
const doc = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  importOpenApiDocument({ openapi: "3.0.1", info: { title: "File" }, paths, ...extra });

describe("applyImport", () => {
  // AWS's example (api-gateway-import-api-update): B has GET /a (200, 206) and POST /a; A defines GET /a (200, 400).
  const b = doc({ "/a": { get: op("200", "206"), post: op("200", "206") } }, { "x-amazon-apigateway-binary-media-types": ["image/png"] }).design;
  b.name = "Existing";
  const a = doc({ "/a": { get: op("200", "400") } });

  it("merge: the file's GET /a replaces ours whole, POST /a stays, settings the file doesn't set stay", () => {
    const merged = applyImport(b, a.design, "merge", a.settings);
    const res = merged.resources.find((r) => r.pathPart === "a")!;
    expect(Object.keys(res.methods.GET.methodResponses)).toEqual(["200", "400"]);
    expect(Object.keys(res.methods.POST.methodResponses)).toEqual(["200", "206"]);
    expect(merged).toMatchObject({ name: "Existing", binaryMediaTypes: ["image/png"] });
    expect(res.id).toBe(b.resources.find((r) => r.pathPart === "a")!.id);
  });

  it("overwrite: only the file's definition remains, settings it doesn't set return to defaults, the name stays", () => {
    const over = applyImport(b, a.design, "overwrite", a.settings);
    const res = over.resources.find((r) => r.pathPart === "a")!;
    expect(Object.keys(res.methods)).toEqual(["GET"]);
    expect(over).toMatchObject({ name: "Existing", binaryMediaTypes: [] });
  });

  it("merge adds new paths, models and validators by name, keeping ids of matches and remapping references", () => {
    const existing = generateDesign({ resources: 5 });
    const file = doc(
      { "/pets/{id}/photos": { post: { ...op("200"), "x-amazon-apigateway-request-validator": "body-and-params" } } },
      { "x-amazon-apigateway-request-validators": { "body-and-params": { validateRequestBody: false, validateRequestParameters: true } } },
    );
    const merged = applyImport(existing, file.design, "merge", file.settings);
    const diff = diffDesigns(existing, merged);
    expect(diff.entries.map((e) => `${e.kind} ${e.entity} ${e.key}`)).toEqual([
      "added resource /pets/{id}/photos",
      "added method /pets/{id}/photos POST",
      "changed requestValidator body-and-params",
    ]);
    const photos = merged.resources.find((r) => resourcePath(merged, r) === "/pets/{id}/photos")!;
    const validator = existing.requestValidators.find((v) => v.name === "body-and-params")!;
    expect(photos.methods.POST.requestValidatorId).toBe(validator.id);
    expect(merged.requestValidators).toHaveLength(2);
  });

  it("refuses a merge that puts a second {param} beside an existing one", () => {
    const existing = generateDesign({ resources: 3 });
    const file = doc({ "/pets/{petId}": { get: op("200") } });
    expect(() => applyImport(existing, file.design, "merge", file.settings)).toThrow(ValidationError);
    expect(() => applyImport(existing, file.design, "merge", file.settings)).toThrow("/pets/{petId}: a sibling ({id}) already has a variable path part");
  });
});

/**
 * OpenAPI import/export services on both databases: a new API from a document (audited), import
 * into an API in merge and overwrite mode (one audited change, version checked), refusals that
 * write nothing, and exports of the draft and of a deployment.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import type { Actor } from "../../lib/audit/mutate";
import type { Role } from "../../lib/auth/roles";
import { seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { ConflictError, ForbiddenError, ValidationError } from "../../lib/errors";
import { resourcePath } from "../../lib/model/tree";
import { importOpenApi } from "../../lib/openapi/import";
import { diffDesigns } from "../../lib/snapshot/diff";
import { exportApiOpenApi, importOpenApiAsNewApi, importOpenApiIntoApi, OpenApiDocumentError, previewOpenApiImport } from "../../lib/restapi/openapi-service";
import { editDesign, getRestApiOrThrow } from "../../lib/restapi/service";
import { actorsOfEveryRole } from "../helpers/actors";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";
import { rejection } from "../helpers/rejection";

const petstoreYaml = readFileSync(join(__dirname, "../../lib/openapi/fixtures/aws-petstore.yaml"), "utf8");
const mock = { type: "mock", requestTemplates: { "application/json": '{"statusCode": 200}' }, responses: { default: { statusCode: "200" } } };
const small = (paths: Record<string, unknown>) => JSON.stringify({ openapi: "3.0.1", info: { title: "Small" }, paths });

describe.each(DATABASE_KINDS)("OpenAPI services on %s", (kind) => {
  let db: TestDatabase;
  let actors: Record<Role, Actor>;
  const p = () => db.handle.prisma;
  const auditCount = () => p().auditEvent.count();
  const apiCount = () => p().restApi.count();

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedDemo(p());
    actors = (await actorsOfEveryRole(p())).actors;
  });
  afterAll(() => db?.drop());

  it("imports AWS's PetStore as a new API, audited as api.create, and reports what it skipped", async () => {
    const before = await auditCount();
    const r = await importOpenApiAsNewApi(p(), actors.editor, { document: petstoreYaml, name: "Imported PetStore" });
    const api = await getRestApiOrThrow(p(), actors.editor.workspaceId, r.id);
    expect(api.name).toBe("Imported PetStore");
    expect(diffDesigns({ ...importOpenApi(parseYaml(petstoreYaml)), name: "Imported PetStore" }, api.design).entries).toEqual([]);
    expect(r.warnings.map((w) => w.pointer)).toContain("/x-amazon-apigateway-documentation");
    expect(await auditCount()).toBe(before + 1);
    expect(await p().auditEvent.findFirst({ where: { restApiId: r.id } })).toMatchObject({ action: "api.create", actorEmail: actors.editor.email });
  });

  it("refuses an invalid document with every problem's pointer, creating nothing", async () => {
    const [apis, audits] = [await apiCount(), await auditCount()];
    const bad = small({
      "/a": {
        get: { responses: {}, "x-amazon-apigateway-integration": { ...mock, type: "lambda" } },
        post: { responses: {}, "x-amazon-apigateway-integration": { ...mock, timeoutInMillis: 1 } },
      },
    });
    const e = await rejection(importOpenApiAsNewApi(p(), actors.editor, { document: bad }), OpenApiDocumentError);
    expect(e.status).toBe(400);
    expect(e.problems).toEqual([
      { pointer: "/paths/~1a/get/x-amazon-apigateway-integration/type", message: 'must be one of mock, http, http_proxy, aws, aws_proxy (got "lambda")' },
      { pointer: "/paths/~1a/post/x-amazon-apigateway-integration/timeoutInMillis", message: "Timeout must be between 50 ms and 29000 ms" },
    ]);
    expect((await rejection(importOpenApiAsNewApi(p(), actors.editor, { document: "openapi: [" }), OpenApiDocumentError)).problems[0].message).toMatch(
      /^invalid YAML \(line 1/,
    );
    expect((await rejection(importOpenApiAsNewApi(p(), actors.editor, { document: '{"resources": []}' }), OpenApiDocumentError)).problems[0].message).toContain(
      "Not an OpenAPI document",
    );
    await rejection(importOpenApiAsNewApi(p(), actors.viewer, { document: petstoreYaml }), ForbiddenError);
    expect([await apiCount(), await auditCount()]).toEqual([apis, audits]);
  });

  it("merges into an existing API in one audited change; a stale version is refused", async () => {
    const created = await importOpenApiAsNewApi(p(), actors.editor, { document: petstoreYaml });
    const api = await getRestApiOrThrow(p(), actors.editor.workspaceId, created.id);
    const doc = small({
      "/pets": { delete: { responses: { "204": { description: "gone" } }, "x-amazon-apigateway-integration": mock } },
      "/toys": { get: { responses: {}, "x-amazon-apigateway-integration": mock } },
    });
    const preview = await previewOpenApiImport(p(), actors.editor, api.id, { document: doc, mode: "merge" });
    expect(preview.lines).toEqual(["+ method /pets DELETE", "+ resource /toys", "+ method /toys GET"]);
    expect(await p().restApi.findUniqueOrThrow({ where: { id: api.id } })).toMatchObject({ version: api.version });
    const audits = await auditCount();
    const r = await importOpenApiIntoApi(p(), actors.editor, api.id, { document: doc, mode: "merge", baseVersion: api.version });
    expect(r.version).toBe(api.version + 1);
    const after = await getRestApiOrThrow(p(), actors.editor.workspaceId, api.id);
    expect(after.design.resources.map((x) => resourcePath(after.design, x)).sort()).toEqual(["/", "/pets", "/pets/{petId}", "/toys"]);
    expect(Object.keys(after.design.resources.find((x) => x.pathPart === "pets")!.methods).sort()).toEqual(["DELETE", "GET", "OPTIONS", "POST"]);
    expect(after.name).toBe("PetStore");
    expect(await auditCount()).toBe(audits + 1);
    const audit = await p().auditEvent.findFirstOrThrow({ where: { restApiId: api.id, action: "api.import" } });
    expect(audit.summary).toBe("Imported OpenAPI (merge): 3 changes");
    expect(diffDesigns(audit.before as never, api.design).entries).toEqual([]);
    await rejection(importOpenApiIntoApi(p(), actors.editor, api.id, { document: doc, mode: "merge", baseVersion: api.version }), ConflictError);
    await rejection(importOpenApiIntoApi(p(), actors.viewer, api.id, { document: doc, mode: "merge", baseVersion: r.version }), ForbiddenError);
    await rejection(importOpenApiIntoApi(p(), actors.editor, api.id, { document: doc, mode: "replace", baseVersion: r.version }), ValidationError);
    expect(await auditCount()).toBe(audits + 1);
  });

  it("overwrites an API: only the file's definition remains; a bad file changes nothing", async () => {
    const created = await importOpenApiAsNewApi(p(), actors.editor, { document: petstoreYaml });
    const api = await getRestApiOrThrow(p(), actors.editor.workspaceId, created.id);
    const doc = small({ "/toys": { get: { responses: {}, "x-amazon-apigateway-integration": mock } } });
    const preview = await previewOpenApiImport(p(), actors.editor, api.id, { document: doc, mode: "overwrite" });
    expect(preview.summary.resources).toEqual({ added: 1, removed: 2, changed: 1 });
    await rejection(
      importOpenApiIntoApi(p(), actors.editor, api.id, {
        document: small({ "/x": { get: { responses: {}, "x-amazon-apigateway-integration": { type: "nope" } } } }),
        mode: "overwrite",
        baseVersion: api.version,
      }),
      OpenApiDocumentError,
    );
    expect((await p().restApi.findUniqueOrThrow({ where: { id: api.id } })).version).toBe(api.version);
    await importOpenApiIntoApi(p(), actors.editor, api.id, { document: doc, mode: "overwrite", baseVersion: api.version });
    const after = await getRestApiOrThrow(p(), actors.editor.workspaceId, api.id);
    expect(after.design.resources.map((x) => resourcePath(after.design, x)).sort()).toEqual(["/", "/toys"]);
    expect(after.design.models).toEqual([]);
  });

  it("exports the draft and a deployment as JSON or YAML, each with a download name", async () => {
    const created = await importOpenApiAsNewApi(p(), actors.editor, { document: petstoreYaml, name: "Shop API" });
    const deployment = await createDeployment(p(), actors.admin, created.id, { description: "v1" });
    const api = await getRestApiOrThrow(p(), actors.editor.workspaceId, created.id);
    const root = api.design.resources.find((x) => x.parentId === null)!;
    await editDesign(p(), actors.editor, api.id, api.version, { type: "addResource", parentId: root.id, pathPart: "later" });
    const draft = await exportApiOpenApi(p(), actors.viewer, api.id, { format: "yaml" });
    expect(draft.filename).toBe("shop-api-draft-oas30.yaml");
    expect(draft.contentType).toContain("yaml");
    expect(Object.keys(parseYaml(draft.text).paths)).toContain("/later");
    const deployed = await exportApiOpenApi(p(), actors.viewer, api.id, { format: "json", deploymentId: deployment.id });
    expect(deployed.filename).toBe(`shop-api-deployment-${deployment.id.slice(0, 8)}-oas30.json`);
    const doc = JSON.parse(deployed.text);
    expect(Object.keys(doc.paths)).not.toContain("/later");
    expect(diffDesigns(api.design, importOpenApi(doc)).entries).toEqual([]);
    await rejection(exportApiOpenApi(p(), actors.viewer, api.id, { format: "xml" }), ValidationError);
  });

  it("failOnWarnings refuses a document with warnings (each with its pointer) and writes nothing; without it the warnings come back", async () => {
    const [apis, audits] = [await apiCount(), await auditCount()];
    const e = await rejection(importOpenApiAsNewApi(p(), actors.editor, { document: petstoreYaml, failOnWarnings: true }), OpenApiDocumentError);
    expect(e.problems.map((x) => x.pointer)).toContain("/x-amazon-apigateway-documentation");
    expect(e.problems.every((x) => x.message.endsWith("(a warning, refused because failOnWarnings is set)"))).toBe(true);
    expect([await apiCount(), await auditCount()]).toEqual([apis, audits]);
    const created = await importOpenApiAsNewApi(p(), actors.editor, {
      document: small({ "/a": { get: { responses: {}, "x-amazon-apigateway-integration": mock } } }),
    });
    const api = await getRestApiOrThrow(p(), actors.editor.workspaceId, created.id);
    const warned = small({ "/b": { get: { security: [{ nope: [] }], responses: {}, "x-amazon-apigateway-integration": mock } } });
    await rejection(previewOpenApiImport(p(), actors.editor, api.id, { document: warned, mode: "merge", failOnWarnings: true }), OpenApiDocumentError);
    const refused = await rejection(
      importOpenApiIntoApi(p(), actors.editor, api.id, { document: warned, mode: "merge", baseVersion: api.version, failOnWarnings: true }),
      OpenApiDocumentError,
    );
    expect(refused.problems).toEqual([
      {
        pointer: "/paths/~1b/get/security/0/nope",
        message: 'security scheme "nope" is not defined; ignored (a warning, refused because failOnWarnings is set)',
      },
    ]);
    expect((await p().restApi.findUniqueOrThrow({ where: { id: api.id } })).version).toBe(api.version);
    const ok = await importOpenApiIntoApi(p(), actors.editor, api.id, { document: warned, mode: "merge", baseVersion: api.version });
    expect(ok.preview.warnings).toEqual([{ pointer: "/paths/~1b/get/security/0/nope", message: 'security scheme "nope" is not defined; ignored' }]);
  });

  it("a Swagger 2 basePath is prepended on request (ignored by default); an unknown mode is a field error", async () => {
    const swagger = JSON.stringify({
      swagger: "2.0",
      info: { title: "V1" },
      basePath: "/v1",
      paths: { "/pets": { get: { responses: {}, "x-amazon-apigateway-integration": mock } } },
    });
    const prepended = await importOpenApiAsNewApi(p(), actors.editor, { document: swagger, basePath: "prepend" });
    const design = (await getRestApiOrThrow(p(), actors.editor.workspaceId, prepended.id)).design;
    expect(design.resources.map((x) => resourcePath(design, x)).sort()).toEqual(["/", "/v1", "/v1/pets"]);
    const ignored = await importOpenApiAsNewApi(p(), actors.editor, { document: swagger });
    const plain = (await getRestApiOrThrow(p(), actors.editor.workspaceId, ignored.id)).design;
    expect(plain.resources.map((x) => resourcePath(plain, x)).sort()).toEqual(["/", "/pets"]);
    const apis = await apiCount();
    const e = await rejection(importOpenApiAsNewApi(p(), actors.editor, { document: swagger, basePath: "strip" }), ValidationError);
    expect(e.issues).toEqual([{ field: "basePath", message: "Base path must be ignore, prepend or split" }]);
    expect(await apiCount()).toBe(apis);
  });

  it("the export is lossless by default (model descriptions survive); awsOnly gives what API Gateway reads", async () => {
    const created = await importOpenApiAsNewApi(p(), actors.editor, { document: petstoreYaml, name: "Described" });
    const api = await getRestApiOrThrow(p(), actors.editor.workspaceId, created.id);
    const design = { ...api.design, models: api.design.models.map((m) => (m.name === "Pet" ? { ...m, description: "One pet" } : m)) };
    await p().restApi.update({ where: { id: api.id }, data: { design: design as object } });
    const lossless = JSON.parse((await exportApiOpenApi(p(), actors.viewer, api.id, { format: "json" })).text);
    expect(lossless["x-gatehouse-models"]).toEqual({ Pet: { description: "One pet" } });
    expect(diffDesigns(design, importOpenApi(lossless)).entries).toEqual([]);
    const aws = JSON.parse((await exportApiOpenApi(p(), actors.viewer, api.id, { format: "json", awsOnly: true })).text);
    expect(aws["x-gatehouse-models"]).toBeUndefined();
  });
});

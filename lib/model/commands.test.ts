/** Design commands: parsing untrusted input, and what each command tells the history. */
import { describe, expect, it } from "vitest";
import { applyCommand, parseDesignCommand, type DesignCommand } from "./commands";
import type { ApiDesign } from "./design";
import { ValidationError } from "../errors";
import { newDesign } from "./operations";
import { findResourceByPath, rootResource } from "./tree";

function run(design: ApiDesign, raw: unknown) {
  return applyCommand(design, parseDesignCommand(raw));
}

function idOf(design: ApiDesign, path: string): string {
  const r = findResourceByPath(design, path);
  if (!r) throw new Error(`no resource ${path}`);
  return r.id;
}

function parseIssues(raw: unknown): { field: string; message: string }[] {
  try {
    parseDesignCommand(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error("expected a ValidationError");
}

/** `/pets/{id}` GET with method responses 200 and 404, a MOCK integration and integration response 200, built through commands. */
function petDesign(): ApiDesign {
  let d = run(newDesign({ name: "Pets", description: "pet shop" }), { type: "addResourcePath", path: "/pets/{id}" }).design;
  const id = idOf(d, "/pets/{id}");
  const steps: unknown[] = [
    { type: "putMethod", resourceId: id, method: { httpMethod: "GET", operationName: "GetPet", requestParameters: { "method.request.path.id": true } } },
    { type: "putMethodResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "200" } },
    { type: "putMethodResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "404" } },
    {
      type: "putIntegration",
      resourceId: id,
      httpMethod: "GET",
      integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
    },
    { type: "putIntegrationResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "200" } },
  ];
  for (const s of steps) d = run(d, s).design;
  return d;
}

describe("parseDesignCommand", () => {
  it("accepts a well-formed command and fills schema defaults", () => {
    const c = parseDesignCommand({ type: "putMethodResponse", resourceId: "r1", httpMethod: "GET", response: { statusCode: "200" } });
    expect(c).toEqual({
      type: "putMethodResponse",
      resourceId: "r1",
      httpMethod: "GET",
      response: { statusCode: "200", responseParameters: {}, responseModels: {} },
    });
  });

  it("refuses an unknown command type on the `type` field", () => {
    const issues = parseIssues({ type: "dropTable" });
    expect(issues.map((i) => i.field)).toEqual(["type"]);
    expect(parseIssues("not an object")).toHaveLength(1);
    expect(parseIssues(null)).toHaveLength(1);
  });

  it("reports each bad field by its dotted path", () => {
    const issues = parseIssues({ type: "putMethod", resourceId: "", method: { httpMethod: "FETCH", apiKeyRequired: "yes" } });
    expect(issues.map((i) => i.field).sort()).toEqual(["method.apiKeyRequired", "method.httpMethod", "resourceId"]);
    expect(issues.find((i) => i.field === "resourceId")!.message).toBe("Required");
  });

  it("reports nested integration fields", () => {
    const issues = parseIssues({
      type: "putIntegration",
      resourceId: "r",
      httpMethod: "GET",
      integration: { type: "LAMBDA", timeoutInMillis: "29000", requestTemplates: { "application/json": 1 } },
    });
    expect(issues.map((i) => i.field).sort()).toEqual(["integration.requestTemplates.application/json", "integration.timeoutInMillis", "integration.type"]);
  });

  it("reports missing required fields", () => {
    expect(parseIssues({ type: "addResource", parentId: "p" }).map((i) => i.field)).toEqual(["pathPart"]);
    expect(parseIssues({ type: "deleteMethodResponse", resourceId: "r", httpMethod: "GET" }).map((i) => i.field)).toEqual(["statusCode"]);
  });

  it("the ValidationError is a 400 whose message names the fields", () => {
    try {
      parseDesignCommand({ type: "deleteResource", resourceId: "" });
      expect.unreachable();
    } catch (e) {
      expect((e as ValidationError).status).toBe(400);
      expect((e as ValidationError).code).toBe("ValidationError");
      expect((e as ValidationError).message).toBe("resourceId: Required");
    }
  });
});

describe("applyCommand: what the history records", () => {
  it("updateApi renames and trims, with before/after name and description", () => {
    const d = newDesign({ name: "Old", description: "desc" });
    const out = run(d, { type: "updateApi", name: " New ", description: " d2 " });
    expect(out).toMatchObject({
      action: "api.update",
      entityType: "api",
      entityId: "/",
      before: { name: "Old", description: "desc" },
      after: { name: "New", description: "d2" },
    });
    expect(out.design.name).toBe("New");
    expect(d.name).toBe("Old");
    expect(() => run(d, { type: "updateApi", name: "  " })).toThrow(ValidationError);
  });

  it("addResource and addResourcePath record the full path and the new resource", () => {
    const d = newDesign({ name: "A" });
    const a = run(d, { type: "addResource", parentId: rootResource(d).id, pathPart: "pets" });
    expect(a).toMatchObject({ action: "resource.create", entityType: "resource", entityId: "/pets", before: null, summary: "Added resource /pets" });
    expect(a.after).toEqual(findResourceByPath(a.design, "/pets"));
    const b = run(a.design, { type: "addResourcePath", path: "/pets/{id}/photos" });
    expect(b).toMatchObject({ action: "resource.create", entityId: "/pets/{id}/photos", before: null });
    // Two segments were created ({id} and photos): the history keeps both, so a revert removes both.
    expect((b.after as { pathPart: string }[]).map((r) => r.pathPart)).toEqual(["{id}", "photos"]);
  });

  it("deleteResource records every removed resource as before", () => {
    const d = petDesign();
    const out = run(d, { type: "deleteResource", resourceId: idOf(d, "/pets") });
    expect(out).toMatchObject({
      action: "resource.delete",
      entityType: "resource",
      entityId: "/pets",
      after: null,
      summary: "Deleted resource /pets and 1 below it",
    });
    expect((out.before as { pathPart: string }[]).map((r) => r.pathPart).sort()).toEqual(["pets", "{id}"]);
    expect(findResourceByPath(out.design, "/pets")).toBeUndefined();
  });

  it("method commands use `/path VERB` as the entity id", () => {
    const d = petDesign();
    const id = idOf(d, "/pets/{id}");
    const put = run(d, { type: "putMethod", resourceId: id, method: { httpMethod: "DELETE" } });
    expect(put).toMatchObject({
      action: "method.create",
      entityType: "method",
      entityId: "/pets/{id} DELETE",
      before: null,
      summary: "Added method DELETE /pets/{id}",
    });
    expect(put.after).toMatchObject({ httpMethod: "DELETE", authorizationType: "NONE" });

    const upd = run(d, { type: "updateMethod", resourceId: id, httpMethod: "GET", changes: { operationName: "FetchPet" } });
    expect(upd).toMatchObject({ action: "method.update", entityId: "/pets/{id} GET" });
    expect(upd.before).toMatchObject({ operationName: "GetPet" });
    expect(upd.after).toMatchObject({ operationName: "FetchPet" });
    // The method's children are left out of a method-request change.
    expect(upd.before).not.toHaveProperty("integration");
    expect(upd.after).not.toHaveProperty("methodResponses");

    const del = run(d, { type: "deleteMethod", resourceId: id, httpMethod: "GET" });
    expect(del).toMatchObject({ action: "method.delete", entityId: "/pets/{id} GET", after: null });
    expect((del.before as { integration: { type: string } }).integration.type).toBe("MOCK");
  });

  it("updateMethod changes only the fields it is given", () => {
    const d = petDesign();
    const id = idOf(d, "/pets/{id}");
    const out = run(d, { type: "updateMethod", resourceId: id, httpMethod: "GET", changes: { apiKeyRequired: true } });
    const m = findResourceByPath(out.design, "/pets/{id}")!.methods.GET;
    expect(m.apiKeyRequired).toBe(true);
    expect(m.operationName).toBe("GetPet");
    // Fields the command did not mention keep their values.
    expect(m.requestParameters).toEqual({ "method.request.path.id": true });
    expect(out.before).toEqual({ ...(out.after as object), apiKeyRequired: false });
  });

  it("updateMethod keeps a custom authorizer when only another field changes", () => {
    const d = petDesign();
    d.authorizers.push({ id: "auth1", name: "tokens", type: "TOKEN", providerARNs: [] });
    const id = idOf(d, "/pets/{id}");
    const withAuth = run(d, {
      type: "updateMethod",
      resourceId: id,
      httpMethod: "GET",
      changes: { authorizationType: "CUSTOM", authorizerId: "auth1" },
    }).design;
    const out = run(withAuth, { type: "updateMethod", resourceId: id, httpMethod: "GET", changes: { operationName: "Renamed" } });
    expect(findResourceByPath(out.design, "/pets/{id}")!.methods.GET).toMatchObject({
      authorizationType: "CUSTOM",
      authorizerId: "auth1",
      operationName: "Renamed",
    });
  });

  it("putIntegration is a create the first time and an update after, without responses in before/after", () => {
    let d = run(newDesign({ name: "A" }), { type: "addResourcePath", path: "/x" }).design;
    const x = idOf(d, "/x");
    d = run(d, { type: "putMethod", resourceId: x, method: { httpMethod: "POST" } }).design;
    const created = run(d, { type: "putIntegration", resourceId: x, httpMethod: "POST", integration: { type: "MOCK" } });
    expect(created).toMatchObject({
      action: "integration.create",
      entityType: "integration",
      entityId: "/x POST",
      before: null,
      summary: "Set MOCK integration of POST /x",
    });
    expect(created.after).toMatchObject({ type: "MOCK", timeoutInMillis: 29000 });
    expect(created.after).not.toHaveProperty("integrationResponses");

    const updated = run(created.design, {
      type: "putIntegration",
      resourceId: x,
      httpMethod: "POST",
      integration: { type: "HTTP", httpMethod: "POST", uri: "https://example.com" },
    });
    expect(updated).toMatchObject({ action: "integration.update", before: { type: "MOCK" }, after: { type: "HTTP", uri: "https://example.com" } });
  });

  it("integration and method responses use `/path VERB STATUS` and record create, update and delete", () => {
    const d = petDesign();
    const id = idOf(d, "/pets/{id}");
    const ir = run(d, { type: "putIntegrationResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "404", selectionPattern: "404" } });
    expect(ir).toMatchObject({
      action: "integrationResponse.create",
      entityType: "integrationResponse",
      entityId: "/pets/{id} GET 404",
      before: null,
      after: { statusCode: "404", selectionPattern: "404" },
    });
    const irUpd = run(ir.design, {
      type: "putIntegrationResponse",
      resourceId: id,
      httpMethod: "GET",
      response: { statusCode: "404", selectionPattern: "4\\d{2}" },
    });
    expect(irUpd).toMatchObject({ action: "integrationResponse.update", before: { selectionPattern: "404" }, after: { selectionPattern: "4\\d{2}" } });
    const irDel = run(irUpd.design, { type: "deleteIntegrationResponse", resourceId: id, httpMethod: "GET", statusCode: "404" });
    expect(irDel).toMatchObject({ action: "integrationResponse.delete", entityId: "/pets/{id} GET 404", before: { selectionPattern: "4\\d{2}" }, after: null });

    const mr = run(d, { type: "putMethodResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "500" } });
    expect(mr).toMatchObject({
      action: "methodResponse.create",
      entityType: "methodResponse",
      entityId: "/pets/{id} GET 500",
      before: null,
      after: { statusCode: "500" },
    });
    const mrUpd = run(mr.design, {
      type: "putMethodResponse",
      resourceId: id,
      httpMethod: "GET",
      response: { statusCode: "500", responseParameters: { "method.response.header.X": true } },
    });
    expect(mrUpd).toMatchObject({
      action: "methodResponse.update",
      before: { responseParameters: {} },
      after: { responseParameters: { "method.response.header.X": true } },
    });
    const mrDel = run(mrUpd.design, { type: "deleteMethodResponse", resourceId: id, httpMethod: "GET", statusCode: "500" });
    expect(mrDel).toMatchObject({ action: "methodResponse.delete", entityId: "/pets/{id} GET 500", after: null });
  });

  it("passes the operations' validation errors through and leaves the design untouched", () => {
    const d = petDesign();
    const before = JSON.stringify(d);
    const id = idOf(d, "/pets/{id}");
    const bad: DesignCommand[] = [
      { type: "addResourcePath", path: "/pets/{id}" },
      { type: "putMethod", resourceId: id, method: { httpMethod: "GET" } },
      { type: "putIntegration", resourceId: id, httpMethod: "GET", integration: { type: "MOCK", timeoutInMillis: 30_000 } },
      { type: "putIntegrationResponse", resourceId: id, httpMethod: "GET", response: { statusCode: "404", responseParameters: {}, responseTemplates: {} } },
      { type: "deleteResource", resourceId: rootResource(d).id },
    ];
    for (const c of bad) expect(() => applyCommand(d, c), c.type).toThrow(ValidationError);
    expect(JSON.stringify(d)).toBe(before);
  });
});

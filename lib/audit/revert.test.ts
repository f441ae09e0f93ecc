/**
 * Reverting a design change from its history entry, as a pure function: every kind of change
 * comes back exactly, and a revert is refused once a later change touched the entity.
 */
import { describe, expect, it } from "vitest";
import { applyCommand, parseDesignCommand } from "../model/commands";
import type { ApiDesign } from "../model/design";
import { ConflictError, ValidationError } from "../errors";
import { newDesign } from "../model/operations";
import { findResourceByPath, rootResource } from "../model/tree";
import { canonicalJson } from "../snapshot/snapshot";
import { maskSecrets } from "./mask";
import { revertDesignChange, type RevertableEntry } from "./revert";

/** What the audit row holds: masked, through JSON, SQL NULL for nothing. */
const stored = (v: unknown) => (v === undefined || v === null ? null : JSON.parse(JSON.stringify(maskSecrets(v))));

let seq = 0;
/** Applies a command and returns the new design with the history entry it would write. */
function change(design: ApiDesign, raw: unknown): { design: ApiDesign; entry: RevertableEntry } {
  const o = applyCommand(design, parseDesignCommand(raw));
  return {
    design: o.design,
    entry: {
      id: String(++seq),
      action: o.action,
      entityType: o.entityType,
      entityId: o.entityId,
      summary: o.summary,
      before: stored(o.before),
      after: stored(o.after),
    },
  };
}

const idOf = (d: ApiDesign, path: string) => findResourceByPath(d, path)!.id;

/** Applies commands one after the other (each may use the design so far). */
function apply(design: ApiDesign, ...commands: ((d: ApiDesign) => unknown)[]): ApiDesign {
  return commands.reduce((d, c) => change(d, c(d)).design, design);
}

/** `/pets/{id}` GET on MOCK with method responses 200/404, integration response 200, a gateway response. */
function base(): ApiDesign {
  let d = newDesign({ name: "Pets", description: "demo" });
  d = apply(
    d,
    () => ({ type: "addResourcePath", path: "/pets/{id}" }),
    (x) => ({
      type: "putMethod",
      resourceId: idOf(x, "/pets/{id}"),
      method: { httpMethod: "GET", operationName: "GetPet", requestParameters: { "method.request.path.id": true } },
    }),
    (x) => ({ type: "putMethodResponse", resourceId: idOf(x, "/pets/{id}"), httpMethod: "GET", response: { statusCode: "200" } }),
    (x) => ({ type: "putMethodResponse", resourceId: idOf(x, "/pets/{id}"), httpMethod: "GET", response: { statusCode: "404" } }),
    (x) => ({
      type: "putIntegration",
      resourceId: idOf(x, "/pets/{id}"),
      httpMethod: "GET",
      integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 200}' } },
    }),
    (x) => ({
      type: "putIntegrationResponse",
      resourceId: idOf(x, "/pets/{id}"),
      httpMethod: "GET",
      response: { statusCode: "200", responseTemplates: { "application/json": '{"id": "$input.params(\'id\')"}' } },
    }),
    () => ({
      type: "putGatewayResponse",
      response: { responseType: "DEFAULT_4XX", statusCode: "400", responseTemplates: { "application/json": '{"message": $context.error.messageString}' } },
    }),
    () => ({ type: "putGatewayResponse", response: { responseType: "THROTTLED", responseTemplates: { "application/json": '{"slow": "down"}' } } }),
  );
  return d;
}

const pet = (d: ApiDesign) => idOf(d, "/pets/{id}");

function expectRevertRestores(before: ApiDesign, raw: unknown, expected: { action: string; entityType: string }) {
  const frozen = canonicalJson(before);
  const { design: after, entry } = change(before, raw);
  expect(entry).toMatchObject(expected);
  expect(canonicalJson(after)).not.toBe(frozen);
  const afterJson = canonicalJson(after);
  const reverted = revertDesignChange(after, entry);
  expect(canonicalJson(reverted)).toBe(frozen);
  // Pure: the design passed in is untouched.
  expect(canonicalJson(after)).toBe(afterJson);
  return { after, entry };
}

function expectConflict(design: ApiDesign, entry: RevertableEntry) {
  expect(() => revertDesignChange(design, entry)).toThrow(ConflictError);
}

describe("revertDesignChange restores the design before the change", () => {
  it("api rename", () => {
    expectRevertRestores(base(), { type: "updateApi", name: "Renamed", description: "new words" }, { action: "api.update", entityType: "api" });
  });

  it("resource create (removes it)", () => {
    const d = base();
    expectRevertRestores(d, { type: "addResource", parentId: rootResource(d).id, pathPart: "owners" }, { action: "resource.create", entityType: "resource" });
    expectRevertRestores(d, { type: "addResource", parentId: pet(d), pathPart: "toys" }, { action: "resource.create", entityType: "resource" });
  });

  // Known bug (not fixed here): addResourcePath records only the leaf it created, so reverting
  // "/owners/{ownerId}" removes {ownerId} and leaves the /owners it also created. Fixing it needs the
  // history entry to name every created resource (lib/model/commands.ts + revert.ts). Flip to `it` then.
  it("resource create through a path that created the parents too", () => {
    const d = base();
    expectRevertRestores(d, { type: "addResourcePath", path: "/owners/{ownerId}" }, { action: "resource.create", entityType: "resource" });
  });

  it("resource delete (puts the subtree back with its methods)", () => {
    let d = base();
    d = apply(
      d,
      () => ({ type: "addResourcePath", path: "/pets/{id}/toys" }),
      (x) => ({ type: "putMethod", resourceId: idOf(x, "/pets/{id}/toys"), method: { httpMethod: "POST" } }),
    );
    const { entry } = expectRevertRestores(d, { type: "deleteResource", resourceId: idOf(d, "/pets") }, { action: "resource.delete", entityType: "resource" });
    expect((entry.before as unknown[]).length).toBe(3);
  });

  it("method create, update and delete", () => {
    const d = base();
    expectRevertRestores(
      d,
      { type: "putMethod", resourceId: pet(d), method: { httpMethod: "DELETE", apiKeyRequired: true } },
      { action: "method.create", entityType: "method" },
    );
    expectRevertRestores(
      d,
      { type: "updateMethod", resourceId: pet(d), httpMethod: "GET", changes: { operationName: "FetchPet", apiKeyRequired: true } },
      { action: "method.update", entityType: "method" },
    );
    expectRevertRestores(d, { type: "deleteMethod", resourceId: pet(d), httpMethod: "GET" }, { action: "method.delete", entityType: "method" });
  });

  it("a method without an integration: update and delete", () => {
    const d = apply(base(), (x) => ({ type: "putMethod", resourceId: pet(x), method: { httpMethod: "PUT" } }));
    expectRevertRestores(
      d,
      { type: "updateMethod", resourceId: pet(d), httpMethod: "PUT", changes: { operationName: "PutPet" } },
      { action: "method.update", entityType: "method" },
    );
    expectRevertRestores(d, { type: "deleteMethod", resourceId: pet(d), httpMethod: "PUT" }, { action: "method.delete", entityType: "method" });
  });

  it("integration create and update (the template comes back, the responses stay)", () => {
    const d = base();
    const { after } = expectRevertRestores(
      d,
      {
        type: "putIntegration",
        resourceId: pet(d),
        httpMethod: "GET",
        integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode": 404}' } },
      },
      { action: "integration.update", entityType: "integration" },
    );
    expect(findResourceByPath(after, "/pets/{id}")!.methods.GET.integration!.integrationResponses["200"]).toBeDefined();
    const withPut = apply(d, (x) => ({ type: "putMethod", resourceId: pet(x), method: { httpMethod: "PUT" } }));
    expectRevertRestores(
      withPut,
      { type: "putIntegration", resourceId: pet(d), httpMethod: "PUT", integration: { type: "HTTP", httpMethod: "PUT", uri: "https://example.com/pets" } },
      { action: "integration.create", entityType: "integration" },
    );
  });

  it("integration response create, update and delete", () => {
    const d = base();
    expectRevertRestores(
      d,
      { type: "putIntegrationResponse", resourceId: pet(d), httpMethod: "GET", response: { statusCode: "404", selectionPattern: "4\\d{2}" } },
      { action: "integrationResponse.create", entityType: "integrationResponse" },
    );
    expectRevertRestores(
      d,
      {
        type: "putIntegrationResponse",
        resourceId: pet(d),
        httpMethod: "GET",
        response: { statusCode: "200", responseTemplates: { "application/json": "{}" } },
      },
      { action: "integrationResponse.update", entityType: "integrationResponse" },
    );
    expectRevertRestores(
      d,
      { type: "deleteIntegrationResponse", resourceId: pet(d), httpMethod: "GET", statusCode: "200" },
      { action: "integrationResponse.delete", entityType: "integrationResponse" },
    );
  });

  it("method response create, update and delete", () => {
    const d = base();
    expectRevertRestores(
      d,
      { type: "putMethodResponse", resourceId: pet(d), httpMethod: "GET", response: { statusCode: "500" } },
      { action: "methodResponse.create", entityType: "methodResponse" },
    );
    expectRevertRestores(
      d,
      {
        type: "putMethodResponse",
        resourceId: pet(d),
        httpMethod: "GET",
        response: { statusCode: "404", responseParameters: { "method.response.header.X-Why": true } },
      },
      { action: "methodResponse.update", entityType: "methodResponse" },
    );
    expectRevertRestores(
      d,
      { type: "deleteMethodResponse", resourceId: pet(d), httpMethod: "GET", statusCode: "404" },
      { action: "methodResponse.delete", entityType: "methodResponse" },
    );
  });

  it("gateway response create, update and reset (keeping their order)", () => {
    const d = base();
    expectRevertRestores(
      d,
      { type: "putGatewayResponse", response: { responseType: "ACCESS_DENIED", statusCode: "403" } },
      { action: "gatewayResponse.create", entityType: "gatewayResponse" },
    );
    expectRevertRestores(
      d,
      { type: "putGatewayResponse", response: { responseType: "DEFAULT_4XX", statusCode: "418" } },
      { action: "gatewayResponse.update", entityType: "gatewayResponse" },
    );
    expectRevertRestores(
      d,
      { type: "deleteGatewayResponse", responseType: "DEFAULT_4XX" },
      { action: "gatewayResponse.delete", entityType: "gatewayResponse" },
    );
  });
});

describe("revertDesignChange refuses when a later change touched the entity", () => {
  it("api renamed again", () => {
    const d = base();
    const first = change(d, { type: "updateApi", name: "One" });
    const second = change(first.design, { type: "updateApi", name: "Two" });
    expectConflict(second.design, first.entry);
    // Newest first: the later one reverts, then the first does too.
    const back = revertDesignChange(second.design, second.entry);
    expect(canonicalJson(back)).toBe(canonicalJson(first.design));
    expect(canonicalJson(revertDesignChange(back, first.entry))).toBe(canonicalJson(d));
  });

  it("resource created, then given a child or a method; or already gone", () => {
    const d = base();
    const created = change(d, { type: "addResource", parentId: rootResource(d).id, pathPart: "owners" });
    const owners = idOf(created.design, "/owners");
    expectConflict(change(created.design, { type: "addResource", parentId: owners, pathPart: "{ownerId}" }).design, created.entry);
    expectConflict(change(created.design, { type: "putMethod", resourceId: owners, method: { httpMethod: "GET" } }).design, created.entry);
    expectConflict(change(created.design, { type: "deleteResource", resourceId: owners }).design, created.entry);
  });

  it("resource deleted, then its path used again", () => {
    const d = base();
    const deleted = change(d, { type: "deleteResource", resourceId: pet(d) });
    const recreated = change(deleted.design, { type: "addResourcePath", path: "/pets/{id}" }).design;
    expectConflict(recreated, deleted.entry);
    // Its parent deleted as well.
    const parentGone = change(deleted.design, { type: "deleteResource", resourceId: idOf(deleted.design, "/pets") }).design;
    expectConflict(parentGone, deleted.entry);
  });

  it("method created then changed; updated then updated again; deleted then re-added", () => {
    const d = base();
    const created = change(d, { type: "putMethod", resourceId: pet(d), method: { httpMethod: "PATCH" } });
    expectConflict(
      change(created.design, { type: "updateMethod", resourceId: pet(d), httpMethod: "PATCH", changes: { apiKeyRequired: true } }).design,
      created.entry,
    );
    expectConflict(
      change(created.design, { type: "putIntegration", resourceId: pet(d), httpMethod: "PATCH", integration: { type: "MOCK" } }).design,
      created.entry,
    );

    const updated = change(d, { type: "updateMethod", resourceId: pet(d), httpMethod: "GET", changes: { operationName: "A" } });
    expectConflict(
      change(updated.design, { type: "updateMethod", resourceId: pet(d), httpMethod: "GET", changes: { operationName: "B" } }).design,
      updated.entry,
    );

    const deleted = change(d, { type: "deleteMethod", resourceId: pet(d), httpMethod: "GET" });
    expectConflict(change(deleted.design, { type: "putMethod", resourceId: pet(d), method: { httpMethod: "GET" } }).design, deleted.entry);
    // The resource itself is gone.
    expectConflict(change(deleted.design, { type: "deleteResource", resourceId: pet(d) }).design, deleted.entry);
  });

  it("integration template edited again; integration created and then given responses", () => {
    const d = base();
    const put = (design: ApiDesign, template: string) =>
      change(design, {
        type: "putIntegration",
        resourceId: pet(d),
        httpMethod: "GET",
        integration: { type: "MOCK", requestTemplates: { "application/json": template } },
      });
    const first = put(d, '{"statusCode": 201}');
    const second = put(first.design, '{"statusCode": 202}');
    expectConflict(second.design, first.entry);

    const withPut = apply(
      d,
      (x) => ({ type: "putMethod", resourceId: pet(x), method: { httpMethod: "PUT" } }),
      (x) => ({ type: "putMethodResponse", resourceId: pet(x), httpMethod: "PUT", response: { statusCode: "200" } }),
    );
    const created = change(withPut, { type: "putIntegration", resourceId: pet(d), httpMethod: "PUT", integration: { type: "MOCK" } });
    const responded = change(created.design, { type: "putIntegrationResponse", resourceId: pet(d), httpMethod: "PUT", response: { statusCode: "200" } });
    expectConflict(responded.design, created.entry);
  });

  it("integration or method response changed later; a method response that an integration response now uses", () => {
    const d = base();
    const ir = change(d, {
      type: "putIntegrationResponse",
      resourceId: pet(d),
      httpMethod: "GET",
      response: { statusCode: "200", responseTemplates: { "application/json": "{}" } },
    });
    expectConflict(
      change(ir.design, {
        type: "putIntegrationResponse",
        resourceId: pet(d),
        httpMethod: "GET",
        response: { statusCode: "200", responseTemplates: { "application/json": "[]" } },
      }).design,
      ir.entry,
    );

    const mr = change(d, { type: "putMethodResponse", resourceId: pet(d), httpMethod: "GET", response: { statusCode: "500" } });
    expectConflict(
      change(mr.design, {
        type: "putMethodResponse",
        resourceId: pet(d),
        httpMethod: "GET",
        response: { statusCode: "500", responseModels: { "application/json": "Error" } },
      }).design,
      mr.entry,
    );
    const used = change(mr.design, {
      type: "putIntegrationResponse",
      resourceId: pet(d),
      httpMethod: "GET",
      response: { statusCode: "500", selectionPattern: "5\\d{2}" },
    });
    expectConflict(used.design, mr.entry);
  });

  it("gateway response changed again", () => {
    const d = base();
    const first = change(d, { type: "putGatewayResponse", response: { responseType: "DEFAULT_4XX", statusCode: "401" } });
    const second = change(first.design, { type: "putGatewayResponse", response: { responseType: "DEFAULT_4XX", statusCode: "402" } });
    expectConflict(second.design, first.entry);
    expectConflict(change(first.design, { type: "deleteGatewayResponse", responseType: "DEFAULT_4XX" }).design, first.entry);
  });
});

describe("revertDesignChange refuses what cannot be restored", () => {
  it("entries whose before holds masked secrets", () => {
    const d = apply(base(), (x) => ({
      type: "putIntegration",
      resourceId: pet(x),
      httpMethod: "GET",
      integration: {
        type: "AWS",
        httpMethod: "POST",
        uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/f/invocations",
        credentials: "arn:aws:iam::123456789012:role/Invoker",
      },
    }));
    const edit = change(d, { type: "putIntegration", resourceId: pet(d), httpMethod: "GET", integration: { type: "MOCK" } });
    expect(JSON.stringify(edit.entry.before)).toContain('"****"');
    const e = (() => {
      try {
        revertDesignChange(edit.design, edit.entry);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).issues.map((i) => i.field)).toEqual(["entry"]);
  });

  it("entity types that are not part of a design", () => {
    const entry: RevertableEntry = {
      id: "1",
      action: "member.invite",
      entityType: "member",
      entityId: "a@b.c",
      summary: "",
      before: null,
      after: { email: "a@b.c" },
    };
    expect(() => revertDesignChange(base(), entry)).toThrow(ValidationError);
  });
});

/**
 * adoptLive: the draft takes each drifted entity's live value and keeps everything else it has —
 * its own edits, ids, and the parts of a changed entity that have entries of their own.
 */
import { describe, expect, it } from "vitest";
import { designOf, mockMethod } from "../../test/helpers/invoke";
import type { ApiDesign } from "../model/design";
import { resourcePath } from "../model/tree";
import { adoptLive, diffDrift } from "./drift";

const paths = (d: ApiDesign) => d.resources.map((r) => resourcePath(d, r)).sort();

const validator = { id: "v-live", name: "body-only", validateRequestBody: true, validateRequestParameters: false };

function base(): ApiDesign {
  return designOf(
    {
      "/pets": { GET: mockMethod('{"v": 1}') },
      "/pets/{id}": { GET: mockMethod('{"pet": 1}') },
      "/pets/{id}/toys": { GET: mockMethod('{"toys": 1}') },
    },
    { models: [{ id: "m-draft", name: "Pet", contentType: "application/json", schema: '{"type":"object"}' }] },
  );
}

describe("adoptLive", () => {
  it("a changed method takes the live method fields and a live validator, keeping the draft's integration and responses", () => {
    const draft = base();
    draft.resources.find((r) => r.id === "/pets")!.methods.GET!.integration!.requestTemplates = { "application/json": '{"statusCode": 200, "draft": true}' };
    const live = base();
    live.requestValidators.push(validator);
    Object.assign(live.resources.find((r) => r.id === "/pets")!.methods.GET!, { apiKeyRequired: true, requestValidatorId: "v-live" });
    const entries = diffDrift(base(), live).entries.filter((e) => e.entity === "method");
    const out = adoptLive(draft, live, entries);
    const get = out.resources.find((r) => r.id === "/pets")!.methods.GET!;
    expect(get.apiKeyRequired).toBe(true);
    expect(out.requestValidators.map((v) => v.name)).toEqual(["body-only"]);
    expect(get.requestValidatorId).toBe(out.requestValidators[0].id);
    expect(get.integration?.requestTemplates["application/json"]).toContain('"draft": true');
  });

  it("a resource removed on AWS goes with everything below it; one added on AWS arrives with its parents", () => {
    const live = base();
    live.resources = live.resources.filter((r) => !r.id.startsWith("/pets/{id}"));
    const added = designOf({ "/owners/{ownerId}": { GET: mockMethod("{}") } });
    live.resources.push(...added.resources.filter((r) => r.id !== "/"));
    const out = adoptLive(base(), live, diffDrift(base(), live).entries);
    expect(paths(out)).toEqual(["/", "/owners", "/owners/{ownerId}", "/pets"]);
    expect(out.resources.find((r) => resourcePath(out, r) === "/owners/{ownerId}")?.methods.GET?.integration?.type).toBe("MOCK");
  });

  it("a changed integration takes the live fields and keeps the draft's integration responses unless they drifted too", () => {
    const draft = base();
    draft.resources.find((r) => r.id === "/pets/{id}")!.methods.GET!.integration!.integrationResponses["200"].responseTemplates = {
      "application/json": '{"draft": 1}',
    };
    const live = base();
    Object.assign(live.resources.find((r) => r.id === "/pets/{id}")!.methods.GET!.integration!, { timeoutInMillis: 5000 });
    const entries = diffDrift(base(), live).entries;
    expect(entries.map((e) => e.entity)).toEqual(["integration"]);
    const integration = adoptLive(draft, live, entries).resources.find((r) => r.id === "/pets/{id}")!.methods.GET!.integration!;
    expect(integration.timeoutInMillis).toBe(5000);
    expect(integration.integrationResponses["200"].responseTemplates["application/json"]).toBe('{"draft": 1}');
  });

  it("models are matched by name and keep the draft's id; gateway responses by type; removed ones go", () => {
    const live = base();
    live.models[0] = { ...live.models[0], id: "m-live", schema: '{"type":"object","required":["id"]}' };
    live.gatewayResponses.push({
      responseType: "DEFAULT_4XX",
      statusCode: "400",
      responseParameters: {},
      responseTemplates: { "application/json": '{"m": "x"}' },
    });
    const out = adoptLive(base(), live, diffDrift(base(), live).entries);
    expect(out.models).toEqual([{ ...live.models[0], id: "m-draft" }]);
    expect(out.gatewayResponses.map((g) => g.responseType)).toEqual(["DEFAULT_4XX"]);
    const gone = adoptLive(out, base(), diffDrift(out, base()).entries);
    expect(gone.gatewayResponses).toEqual([]);
  });

  it("a method deleted on AWS is deleted from the draft, its resource kept", () => {
    const live = base();
    delete live.resources.find((r) => r.id === "/pets/{id}/toys")!.methods.GET;
    const out = adoptLive(base(), live, diffDrift(base(), live).entries);
    expect(out.resources.find((r) => r.id === "/pets/{id}/toys")?.methods).toEqual({});
  });
});

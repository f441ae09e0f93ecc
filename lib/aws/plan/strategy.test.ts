import { describe, expect, it } from "vitest";
import { parseDesign } from "../../model/design";
import type { LiveApi } from "../live";
import { planContext } from "./context";
import { planEntityCalls } from "./plan-push";
import { chooseStrategy } from "./strategy";

/** A design with `n` resources under the root, each with a MOCK GET: 3 per-entity calls each (CreateResource, PutMethod, PutIntegration). */
function wide(n: number, extra: Record<string, unknown> = {}) {
  const resources: unknown[] = [{ id: "root", parentId: null, pathPart: "" }];
  for (let i = 0; i < n; i++)
    resources.push({
      id: `r${i}`,
      parentId: "root",
      pathPart: `p${i}`,
      methods: { GET: { httpMethod: "GET", integration: { type: "MOCK", requestTemplates: { "application/json": '{"statusCode":200}' } } } },
    });
  return parseDesign({ name: "wide", resources, ...extra });
}

function liveWith(paths: string[]): LiveApi {
  return {
    restApi: { id: "a1b2c3", name: "wide", endpointConfiguration: { types: ["EDGE"] } },
    resources: paths.map((path, i) => ({ id: `l${i}`, path })),
    models: [],
    requestValidators: [],
    authorizers: [],
    gatewayResponses: [],
  };
}

describe("chooseStrategy", () => {
  it("keeps per-entity calls when there are none, or when per-entity is asked for", () => {
    const ctx = planContext(wide(5), null);
    const calls = planEntityCalls(ctx);
    expect(chooseStrategy(ctx, [], "auto")).toEqual({ calls: [], strategy: { kind: "per-entity", perEntityCalls: 0, reason: "0 per-entity calls" } });
    const chosen = chooseStrategy(ctx, calls, "per-entity");
    expect(chosen.calls).toBe(calls);
    expect(chosen.strategy).toEqual({ kind: "per-entity", perEntityCalls: 16, reason: "16 per-entity calls" });
  });

  it("overwrites a new API with CreateRestApi + PutRestApi when that is fewer calls, keeping only the API's own binding", () => {
    const ctx = planContext(wide(5), null);
    const { calls, strategy } = chooseStrategy(ctx, planEntityCalls(ctx), "auto");
    expect(calls.map((c) => c.operation)).toEqual(["CreateRestApi", "PutRestApi"]);
    expect(calls[1].params).toMatchObject({ restApiId: { ref: "restApi" }, mode: "overwrite", failOnWarnings: true });
    expect(JSON.parse(calls[1].params.body as string).paths["/p4"].get["x-amazon-apigateway-integration"].type).toBe("mock");
    expect(strategy).toMatchObject({
      kind: "put-rest-api",
      perEntityCalls: 16,
      putRestApiCalls: 2,
      mode: "overwrite",
      reason: "PutRestApi: 2 calls instead of 16",
    });
    expect(ctx.notes).toHaveLength(1);
    expect(ctx.notes[0]).toMatch(/^PutRestApi: 2 calls instead of 16 \(mode=overwrite, .* document, failOnWarnings\)/);
  });

  it("changes a live API with content in place while the calls fit in the burst, and says why", () => {
    const live = liveWith(["/", "/p0"]);
    const ctx = planContext(wide(5), live);
    const calls = planEntityCalls(ctx);
    const chosen = chooseStrategy(ctx, calls, "auto");
    expect(chosen.calls).toBe(calls);
    expect(chosen.strategy).toEqual({
      kind: "per-entity",
      perEntityCalls: calls.length,
      putRestApiCalls: 2,
      reason: `${calls.length} per-entity calls: within the 40-request burst the live API is changed in place rather than overwritten`,
    });
    // Changed in place: the live resources' ids stay bound for the calls.
    expect(ctx.bindings["resource:/p0"]).toBe("l1");
  });

  it("on an overwrite of a live API adds UpdateRestApi for the endpoint type PutRestApi leaves alone", () => {
    const ctx = planContext(wide(5), liveWith(["/"]));
    const { calls } = chooseStrategy(ctx, planEntityCalls(ctx), "put-rest-api");
    expect(calls.map((c) => c.operation)).toEqual(["PutRestApi", "UpdateRestApi"]);
    expect(calls[1].params.patchOperations).toEqual([{ op: "replace", path: "/endpointConfiguration/types/EDGE", value: "REGIONAL" }]);
    expect(ctx.bindings).toEqual({ restApi: "a1b2c3" });
  });

  it("keeps per-entity calls, with the reason as a note, when the OpenAPI document can't carry the design", () => {
    // A schema's top-level description would become the model's, which has none: only per-entity calls avoid that.
    const ctx = planContext(wide(5, { models: [{ id: "m", name: "Pet", schema: '{"type":"object","description":"a pet"}' }] }), null);
    const calls = planEntityCalls(ctx);
    const chosen = chooseStrategy(ctx, calls, "auto");
    expect(chosen.calls).toBe(calls);
    expect(chosen.strategy.kind).toBe("per-entity");
    expect(chosen.strategy.reason).toBe(
      "17 per-entity calls: PutRestApi (2 calls) not used because model Pet has no description but its schema has one, which AWS would make the model's",
    );
    expect(ctx.notes).toEqual([chosen.strategy.reason]);
  });
});

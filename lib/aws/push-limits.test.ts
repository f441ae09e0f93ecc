/**
 * What a push must never do on a live API: delete API Gateway's default gateway responses (AWS
 * lists every response type, the untouched ones with `defaultResponse: true`), or keep retrying a
 * hard limit as if it were throttling (both answer 429; only TooManyRequestsException waits).
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { type ApiDesign, parseDesign } from "../model/design";
import { callApiGateway, createApiGatewayClient } from "./client";
import { ApiGatewayLimiter, ManualClock } from "./limiter";
import { PushError, executePush, planPush, push } from "./push";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
});

function design(): ApiDesign {
  return parseDesign({
    name: "limits",
    resources: [
      { id: "g-root", parentId: null, pathPart: "" },
      {
        id: "g-items",
        parentId: "g-root",
        pathPart: "items",
        methods: {
          GET: {
            httpMethod: "GET",
            methodResponses: { "200": { statusCode: "200" } },
            integration: {
              type: "MOCK",
              requestTemplates: { "application/json": '{"statusCode": 200}' },
              integrationResponses: { "200": { statusCode: "200" } },
            },
          },
        },
      },
    ],
  });
}

let fake: FakeApiGateway;
let clock: ManualClock;
let client: APIGatewayClient;

beforeEach(async () => {
  clock = new ManualClock();
  fake = await startFakeApiGateway({ now: clock.now });
  client = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter: new ApiGatewayLimiter({ clock }) });
});
afterEach(async () => {
  client.destroy();
  await fake.close();
});

type GatewayResponses = { items: { responseType: string; defaultResponse: boolean; statusCode?: string }[] };

describe("default gateway responses", () => {
  it("are listed by AWS but never planned as deletes; only a customised one is reset", async () => {
    const d = design();
    d.gatewayResponses = [
      {
        responseType: "DEFAULT_4XX",
        statusCode: "400",
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: {},
      },
    ];
    const first = await push(client, { design: d, stageName: "dev", strategy: "per-entity" });
    const listed = await callApiGateway<GatewayResponses>(client, "GetGatewayResponses", { restApiId: first.restApiId, limit: 500 });
    expect(listed.items.length).toBeGreaterThan(10);
    expect(listed.items.filter((g) => !g.defaultResponse).map((g) => g.responseType)).toEqual(["DEFAULT_4XX"]);

    expect((await planPush(client, { design: d, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
    d.gatewayResponses = [];
    const plan = await planPush(client, { design: d, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(plan.calls.map((c) => `${c.operation} ${c.target}`)).toEqual([expect.stringMatching(/^DeleteGatewayResponse .*DEFAULT_4XX/)]);
    await executePush(client, plan);
    const after = await callApiGateway<GatewayResponses>(client, "GetGatewayResponses", { restApiId: first.restApiId, limit: 500 });
    expect(after.items.length).toBe(listed.items.length);
    expect(after.items.every((g) => g.defaultResponse)).toBe(true);
    expect((await planPush(client, { design: d, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" })).calls).toEqual([]);
  });
});

describe("a hard limit", () => {
  it("stops the push at the call that hit it, once, with AWS's code and the limit named", async () => {
    const first = await push(client, { design: design(), stageName: "dev", strategy: "per-entity" });
    // Grow the live API to AWS's 300 resources behind the push's back.
    const api = fake.state.restApis.get(first.restApiId)!;
    const root = fake.state.resourceByPath(first.restApiId, "/")!;
    for (let i = api.resources.size; i < 300; i++)
      api.resources.set(`bulk${i}`, { id: `bulk${i}`, parentId: root.id, pathPart: `bulk${i}`, path: `/bulk${i}`, resourceMethods: {} });
    // The design holds the same resources plus one more: the plan is that one CreateResource.
    const d = parseDesign({
      ...design(),
      resources: [
        ...design().resources,
        ...[...api.resources.values()].filter((r) => r.id.startsWith("bulk")).map((r) => ({ id: `g-${r.id}`, parentId: "g-root", pathPart: r.pathPart })),
        { id: "g-more", parentId: "g-root", pathPart: "more" },
      ],
    });
    fake.reset();
    const t0 = clock.now();
    const err = (await push(client, { design: d, restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" }).catch((e) => e)) as PushError;
    expect(err).toBeInstanceOf(PushError);
    expect(err.failed.operation).toBe("CreateResource");
    expect(err.failed.error).toMatchObject({ name: "LimitExceededException", status: 429 });
    expect(err.message).toMatch(/LimitExceededException/);
    expect(err.message).not.toMatch(/kept throttling/);
    expect(fake.calls.filter((c) => c.operation === "CreateResource")).toHaveLength(1);
    expect(clock.now() - t0).toBeLessThan(1_000);
  });
});

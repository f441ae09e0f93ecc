/**
 * After ImportRestApi/PutRestApi, AWS writes a model's `$ref` to another model of the same API
 * with the API's real id (`…/restapis/a1b2c3/models/Pet`); designs keep `{restapi_id}`. A push
 * and an import must read both as the same reference, or every push after a PutRestApi push
 * re-sends every model that refers to another.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { petStoreDesign } from "../../test/live/designs";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { createApiGatewayClient } from "./client";
import { withModelRefPlaceholder } from "./diff";
import { liveToDesign } from "./import";
import { ApiGatewayLimiter, ManualClock } from "./limiter";
import { readLiveApi } from "./live";
import { planPush, push } from "./push";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
});

let fake: FakeApiGateway;
let client: APIGatewayClient;
beforeEach(async () => {
  const clock = new ManualClock();
  fake = await startFakeApiGateway({ now: clock.now });
  client = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter: new ApiGatewayLimiter({ clock }) });
});
afterEach(async () => {
  client.destroy();
  await fake.close();
});

describe("model references", () => {
  it("are read with the placeholder whatever id AWS wrote, and only for this API", () => {
    const schema =
      '{"items":{"$ref":"https://apigateway.amazonaws.com/restapis/a1b2c3/models/Pet"},"x":{"$ref":"https://apigateway.amazonaws.com/restapis/zzz999/models/Other"}}';
    expect(withModelRefPlaceholder(schema, "a1b2c3")).toBe(
      '{"items":{"$ref":"https://apigateway.amazonaws.com/restapis/{restapi_id}/models/Pet"},"x":{"$ref":"https://apigateway.amazonaws.com/restapis/zzz999/models/Other"}}',
    );
    expect(withModelRefPlaceholder(schema, null)).toBe(schema);
  });

  it("a design pushed with PutRestApi plans nothing on the next push, and imports as it was designed", async () => {
    const design = petStoreDesign();
    expect(design.models.some((m) => m.schema.includes("{restapi_id}"))).toBe(true);
    const first = await push(client, { design, stageName: "prod", strategy: "put-rest-api" });
    expect(fake.calls.some((c) => c.operation === "PutRestApi")).toBe(true);
    const stored = [...fake.state.restApis.get(first.restApiId)!.models.values()].map((m) => String(m.schema)).join("\n");
    expect(stored).toContain(`/restapis/${first.restApiId}/models/`);

    const plan = await planPush(client, { design, restApiId: first.restApiId, stageName: "prod", deployedDeploymentId: first.deploymentId });
    expect(plan.calls.map((c) => c.description)).toEqual([]);
    const imported = liveToDesign((await readLiveApi(client, first.restApiId))!);
    expect(imported.models.map((m) => m.schema).join("\n")).not.toContain(first.restApiId);
  });
});

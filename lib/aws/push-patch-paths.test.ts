/**
 * The patch operations a push builds are ones AWS takes: the fake refuses, as AWS does, every path
 * and op AWS refuses (test/contract/facts), so an edit of every patchable field must apply cleanly
 * and leave nothing to plan. Escaping is checked on the wire: `/` in a key is `~1`, never raw.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { type ApiDesign, parseDesign } from "../model/design";
import { createApiGatewayClient } from "./client";
import { ApiGatewayLimiter, ManualClock } from "./limiter";
import { planPush, push } from "./push";

beforeAll(() => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
});

function shop(): ApiDesign {
  return parseDesign({
    name: "shop",
    description: "Shop",
    resources: [
      { id: "g-root", parentId: null, pathPart: "" },
      {
        id: "g-items",
        parentId: "g-root",
        pathPart: "items",
        methods: {
          GET: {
            httpMethod: "GET",
            requestParameters: { "method.request.querystring.q": false },
            methodResponses: {
              "200": { statusCode: "200", responseParameters: { "method.response.header.X-A": false }, responseModels: { "application/json": "Empty" } },
            },
            integration: {
              type: "HTTP",
              httpMethod: "GET",
              uri: "https://shop.example.com/items",
              requestParameters: { "integration.request.querystring.q": "method.request.querystring.q" },
              requestTemplates: { "application/json": '{"q": "$input.params(\'q\')"}' },
              cacheKeyParameters: ["method.request.querystring.q"],
              integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": "$input.body" } } },
            },
          },
        },
      },
    ],
    models: [{ id: "g-item", name: "Item", schema: '{"type":"object","properties":{"id":{"type":"string"}}}' }],
    requestValidators: [{ id: "g-val", name: "all", validateRequestBody: true, validateRequestParameters: true }],
    gatewayResponses: [
      {
        responseType: "DEFAULT_4XX",
        statusCode: "400",
        responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
        responseTemplates: {},
      },
    ],
  });
}

/** Changes every field the per-entity diff patches (rather than re-puts). */
function editEverything(d: ApiDesign): ApiDesign {
  d.description = "Shop v2";
  d.binaryMediaTypes = ["image/png", "application/octet-stream"];
  d.minimumCompressionSize = 1024;
  d.endpointType = "EDGE";
  d.disableExecuteApiEndpoint = true;
  d.models[0].description = "An item";
  d.requestValidators[0].validateRequestBody = false;
  const get = d.resources.find((r) => r.id === "g-items")!.methods.GET;
  get.apiKeyRequired = true;
  get.operationName = "ListItems";
  get.requestValidatorId = "g-val";
  get.requestParameters = { "method.request.header.X-Trace": true };
  get.requestModels = { "application/json": "Item" };
  get.methodResponses["200"].responseParameters = { "method.response.header.X-B": true };
  get.methodResponses["200"].responseModels = { "application/json": "Item", "text/plain": "Empty" };
  const i = get.integration!;
  i.uri = "https://shop.example.com/v2/items";
  i.requestParameters = { "integration.request.header.X-Trace": "method.request.header.X-Trace" };
  i.requestTemplates = { "application/json": "{}", "application/xml": "<q/>" };
  i.timeoutInMillis = 5000;
  i.cacheKeyParameters = ["method.request.header.X-Trace"];
  i.contentHandling = "CONVERT_TO_TEXT";
  i.tlsConfig = { insecureSkipVerification: true };
  return d;
}

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

const patchPaths = (f: FakeApiGateway) =>
  f.calls.filter((c) => c.method === "PATCH").flatMap((c) => ((c.body?.patchOperations ?? []) as { path: string }[]).map((o) => `${c.operation} ${o.path}`));

describe("patch operations a push sends", () => {
  it("a gateway response customised without templates converges: AWS fills its default template", async () => {
    const first = await push(client, { design: shop(), stageName: "dev", strategy: "per-entity" });
    const again = await planPush(client, { design: shop(), restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(again.calls.map((c) => c.description)).toEqual([]);
  });

  it("an edit of every patchable field uses only paths AWS takes, escaped, and leaves nothing to plan", async () => {
    const first = await push(client, { design: shop(), stageName: "dev", strategy: "per-entity" });
    fake.calls.length = 0;
    const second = await push(client, { design: editEverything(shop()), restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    // push() throws on the first refusal: every call was taken.
    expect(second.calls.filter((c) => !c.ok)).toEqual([]);
    const paths = patchPaths(fake);
    expect(paths).toEqual(
      expect.arrayContaining([
        "UpdateRestApi /binaryMediaTypes/image~1png",
        "UpdateRestApi /binaryMediaTypes/application~1octet-stream",
        "UpdateRestApi /endpointConfiguration/types/REGIONAL",
        "UpdateMethod /requestModels/application~1json",
        "UpdateMethodResponse /responseModels/text~1plain",
        "UpdateIntegration /requestTemplates/application~1xml",
        "UpdateIntegration /tlsConfig/insecureSkipVerification",
      ]),
    );
    expect(paths.filter((p) => /\/(application|text|image)\//.test(p))).toEqual([]);
    const after = await planPush(client, { design: editEverything(shop()), restApiId: first.restApiId, stageName: "dev", strategy: "per-entity" });
    expect(after.calls.map((c) => c.description)).toEqual([]);
  });
});

/** TestInvokeMethod through the SDK against the FAKE control plane, and the side-by-side compare. */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeApiGateway, startFakeApiGateway } from "../../test/fakes/fake-apigateway";
import { DEMO_PET_REQUEST_TEMPLATE } from "../db/seed";
import { compareInvokeResults } from "../invoke/compare";
import { invokeMethod } from "../invoke/index";
import { designOf } from "../../test/helpers/invoke";
import { createApiGatewayClient } from "./client";
import { ApiGatewayLimiter, ManualClock } from "./limiter";
import { push } from "./push";
import { AwsTestInvokeError, testInvokeOnAws } from "./test-invoke";

const design = designOf({
  "/pets/{petId}": {
    GET: {
      requestParameters: { "method.request.path.petId": true },
      methodResponses: { "200": { statusCode: "200", responseParameters: { "method.response.header.X-Kind": false } }, "404": { statusCode: "404" } },
      integration: {
        type: "MOCK",
        passthroughBehavior: "WHEN_NO_TEMPLATES",
        requestTemplates: { "application/json": DEMO_PET_REQUEST_TEMPLATE },
        integrationResponses: {
          "200": {
            statusCode: "200",
            responseParameters: { "method.response.header.X-Kind": "'pet'" },
            responseTemplates: { "application/json": '{"id": "$input.params(\'petId\')", "type": "dog"}' },
          },
          "404": {
            statusCode: "404",
            selectionPattern: "404",
            responseTemplates: { "application/json": `{"message": "Pet $input.params('petId') was not found"}` },
          },
        },
      },
    },
  },
  "/pets": {
    GET: {
      methodResponses: { "200": { statusCode: "200" } },
      integration: { type: "HTTP", httpMethod: "GET", uri: "http://127.0.0.1:9/pets", integrationResponses: { "200": { statusCode: "200" } } },
    },
  },
});

let fake: FakeApiGateway;
let client: APIGatewayClient;
let limiter: ApiGatewayLimiter;
let restApiId: string;
const conn = () => ({ region: "us-east-1", endpointUrl: fake.url });

beforeAll(async () => {
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret";
  const clock = new ManualClock();
  fake = await startFakeApiGateway({ now: clock.now });
  limiter = new ApiGatewayLimiter({ clock });
  client = createApiGatewayClient(conn(), { limiter });
  const result = await push(client, { design, restApiId: null, stageName: "dev", stageVariables: {} });
  restApiId = result.restApiId;
});
afterAll(async () => {
  client?.destroy();
  await fake?.close();
});

describe("testInvokeOnAws against the fake control plane", () => {
  it("finds the resource by path and returns status, headers, body and AWS's log", async () => {
    const out = await testInvokeOnAws(
      conn(),
      { restApiId, resourcePath: "/pets/{petId}", httpMethod: "GET", pathWithQueryString: "/pets/7" },
      { client, limiter },
    );
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body)).toEqual({ id: "7", type: "dog" });
    expect(out.headers["X-Kind"]).toBe("pet");
    expect(out.resourceId).toBe(fake.state.resourceByPath(restApiId, "/pets/{petId}")!.id);
    expect(out.log).toMatch(/^Execution log for request /);
    expect(out.log).toMatch(/ : Method completed with status: 200\n$/);
    const call = fake.callsOf("TestInvokeMethod").at(-1)!;
    expect(call.body).toMatchObject({ pathWithQueryString: "/pets/7" });
    const notFound = await testInvokeOnAws(
      conn(),
      { restApiId, resourcePath: "/pets/{petId}", httpMethod: "GET", pathWithQueryString: "/pets/0" },
      { client, limiter },
    );
    expect([notFound.status, notFound.body]).toEqual([404, '{"message": "Pet 0 was not found"}']);
  });

  it("agrees with the local pipeline on a MOCK method (compareInvokeResults finds nothing)", async () => {
    for (const path of ["/pets/7", "/pets/0"]) {
      const aws = await testInvokeOnAws(
        conn(),
        { restApiId, resourcePath: "/pets/{petId}", httpMethod: "GET", pathWithQueryString: path },
        { client, limiter },
      );
      const local = await invokeMethod(
        design,
        { httpMethod: "GET", pathWithQueryString: path, headers: {}, body: "", stageVariables: {}, stage: null },
        { apiId: restApiId },
      );
      expect(compareInvokeResults(local, aws)).toEqual([]);
    }
  });

  it("non-MOCK: the fake calls no backend and says so", async () => {
    const out = await testInvokeOnAws(conn(), { restApiId, resourcePath: "/pets", httpMethod: "GET", pathWithQueryString: "/pets" }, { client, limiter });
    expect(out.status).toBe(500);
    expect(out.log).toContain("does not call HTTP backends");
  });

  it("explains a missing API, resource or method", async () => {
    const fails = async (input: Partial<Parameters<typeof testInvokeOnAws>[1]>) => {
      try {
        await testInvokeOnAws(
          conn(),
          { restApiId, resourcePath: "/pets/{petId}", httpMethod: "GET", pathWithQueryString: "/pets/1", ...input },
          { client, limiter },
        );
      } catch (e) {
        expect(e).toBeInstanceOf(AwsTestInvokeError);
        return (e as AwsTestInvokeError).message;
      }
      throw new Error("expected a failure");
    };
    expect(await fails({ restApiId: "nosuchapi1" })).toMatch(/Push this API to AWS first/);
    expect(await fails({ resourcePath: "/owners" })).toMatch(/Resource \/owners is not on AWS yet/);
    expect(await fails({ httpMethod: "DELETE" })).toMatch(/DELETE \/pets\/\{petId\} is not on AWS yet/);
  });
});

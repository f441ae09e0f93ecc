/**
 * The local gateway over HTTP, through both of its adapters — Next's route handler (app/gw/…/route.ts)
 * with real Request and Response objects, and the plain Node handler `npm start` and the gateway's
 * own port use (lib/gateway/node-handler.ts) over a real socket — on both databases: a PetStore-shaped API deployed to a stage answers its MOCK and
 * HTTP methods (the HTTP one at a loopback server standing in for
 * petstore-demo-endpoint.execute-api.com) as AWS would, and every bad request gets AWS's error —
 * unknown route 403, validation 400s, 415, 429, 504, each naming its error in x-amzn-ErrorType — never a crash. Binary answers leave as the
 * exact bytes, binary uploads reach the backend as they were sent, repeated Set-Cookie stay apart.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { systemActor, type Actor } from "../../lib/audit/mutate";
import type { Db } from "../../lib/db/client";
import { DEMO_PET_REQUEST_TEMPLATE, DEMO_PET_RESPONSE_TEMPLATE, seedDemo } from "../../lib/db/seed";
import { createDeployment } from "../../lib/deployment/service";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { clearSnapshotCache, consoleGatewayOptions, createNodeGatewayHandler } from "../../lib/gateway/index";
import { designOf, startServer, type TestServer } from "../helpers/invoke";
import { createRestApi } from "../../lib/restapi/service";
import { createStage } from "../../lib/stage/service";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../helpers/databases";

let currentDb: Db | undefined;
vi.mock("@/lib/db", () => ({ getDb: async () => ({ prisma: currentDb }) }));
const route = await import("../../app/gw/[apiRef]/[stage]/[[...path]]/route");

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80, 0x7f]);

const mockGet = (template: string) => ({
  methodResponses: { "200": { statusCode: "200" } },
  integration: {
    type: "MOCK",
    requestTemplates: { "application/json": '{"statusCode": 200}' },
    integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": template } } },
  },
});

function petStore() {
  const http = (path: string, extra: Record<string, unknown> = {}) => ({
    methodResponses: { "200": { statusCode: "200" } },
    integration: {
      type: "HTTP",
      httpMethod: "GET",
      uri: `http://\${stageVariables.backendHost}${path}`,
      integrationResponses: { "200": { statusCode: "200", responseTemplates: {} } },
      ...extra,
    },
  });
  return designOf(
    {
      "/pets": {
        GET: http("/petstore/pets"),
        POST: {
          requestValidatorId: "all",
          requestParameters: { "method.request.querystring.owner": true },
          requestModels: { "application/json": "NewPet" },
          ...mockGet('{"created": true}'),
        },
      },
      "/pets/{petId}": {
        GET: {
          requestParameters: { "method.request.path.petId": true },
          methodResponses: { "200": { statusCode: "200" }, "404": { statusCode: "404" } },
          integration: {
            type: "MOCK",
            passthroughBehavior: "WHEN_NO_TEMPLATES",
            requestTemplates: { "application/json": DEMO_PET_REQUEST_TEMPLATE },
            integrationResponses: {
              "200": { statusCode: "200", responseTemplates: { "application/json": DEMO_PET_RESPONSE_TEMPLATE } },
              "404": {
                statusCode: "404",
                selectionPattern: "404",
                responseTemplates: { "application/json": `{"message": "Pet $input.params('petId') was not found"}` },
              },
            },
          },
        },
      },
      "/strict": {
        POST: {
          ...mockGet('{"ok": true}'),
          integration: { ...mockGet("").integration, passthroughBehavior: "NEVER", integrationResponses: { "200": { statusCode: "200" } } },
        },
      },
      "/slow": { GET: http("/slow", { timeoutInMillis: 50 }) },
      "/limited": { GET: mockGet('{"ok": true}') },
      // As on AWS, a non-proxy integration passes the backend's Content-Type only through a mapping.
      "/logo": {
        GET: http("/logo", {
          integrationResponses: {
            "200": { statusCode: "200", responseParameters: { "method.response.header.Content-Type": "integration.response.header.Content-Type" } },
          },
        }),
      },
      "/upload": { PUT: http("/upload", { httpMethod: "PUT" }) },
      "/cookies": { GET: { integration: { type: "HTTP_PROXY", httpMethod: "GET", uri: "http://${stageVariables.backendHost}/cookies" } } },
    },
    {
      binaryMediaTypes: ["image/png"],
      requestValidators: [{ id: "all", name: "all", validateRequestBody: true, validateRequestParameters: true }],
      models: [
        {
          id: "m1",
          name: "NewPet",
          contentType: "application/json",
          schema: JSON.stringify({ type: "object", required: ["name"], properties: { name: { type: "string" } } }),
        },
      ],
    },
  );
}

const ADAPTERS = ["next route", "node handler"] as const;
const CASES = DATABASE_KINDS.flatMap((kind) => ADAPTERS.map((adapter) => [kind, adapter] as const));

describe.each(CASES)("the local gateway's HTTP surface on %s, through the %s", (kind, adapter) => {
  let db: TestDatabase;
  let actor: Actor;
  let backend: TestServer;
  let apiId: string;
  let nodeServer: Server | undefined;

  const call = async (method: string, path: string, init: { headers?: Record<string, string>; body?: BodyInit } = {}): Promise<Response> => {
    if (adapter === "node handler") {
      if (!nodeServer) {
        const handler = createNodeGatewayHandler(consoleGatewayOptions(async () => currentDb as Db));
        nodeServer = createServer((req, res) => void handler(req, res));
        await new Promise<void>((resolve) => nodeServer?.listen(0, "127.0.0.1", resolve));
      }
      const port = (nodeServer.address() as AddressInfo).port;
      return fetch(`http://127.0.0.1:${port}/gw/${apiId}/prod${path}`, {
        method,
        headers: init.headers,
        body: init.body,
        ...(init.body ? { duplex: "half" } : {}),
      } as RequestInit);
    }
    const handler = route[method as "GET"];
    const request = new Request(`http://localhost:3000/gw/${apiId}/prod${path}`, {
      method,
      headers: init.headers,
      body: init.body,
      ...(init.body ? { duplex: "half" } : {}),
    } as RequestInit);
    return handler(request);
  };

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    currentDb = db.handle.prisma;
    await seedDemo(db.handle.prisma);
    const ws = await db.handle.prisma.workspace.findUniqueOrThrow({ where: { slug: "demo" } });
    actor = systemActor(ws.id);
    backend = await startServer((req, _body, res) => {
      if (req.url?.startsWith("/slow")) {
        setTimeout(() => res.end("late"), 500);
        return;
      }
      if (req.url?.startsWith("/logo")) {
        res.writeHead(200, { "Content-Type": "image/png" });
        res.end(PNG);
        return;
      }
      if (req.url?.startsWith("/cookies")) {
        res.setHeader("Set-Cookie", ["a=1; Path=/", "b=2; Path=/"]);
        res.end("ok");
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify([
          { id: 1, type: "dog", price: 249.99 },
          { id: 2, type: "cat", price: 124.99 },
        ]),
      );
    });
    const api = await createRestApi(db.handle.prisma, actor, { name: "PetStore over HTTP", design: petStore() });
    apiId = api.id;
    const deployment = await createDeployment(db.handle.prisma, actor, apiId, { description: "v1" });
    await createStage(db.handle.prisma, actor, apiId, {
      name: "prod",
      deploymentId: deployment.id,
      variables: { backendHost: backend.url.replace("http://", "") },
    });
    await db.handle.prisma.stage.updateMany({
      where: { restApiId: apiId, name: "prod" },
      data: { settings: { methodSettings: { "limited/GET": { throttlingRateLimit: 0.001, throttlingBurstLimit: 1 } } } },
    });
    clearSnapshotCache();
  });
  afterAll(async () => {
    nodeServer?.closeAllConnections();
    await new Promise<void>((resolve) => (nodeServer ? nodeServer.close(() => resolve()) : resolve()));
    await backend?.close();
    await db?.drop();
    clearSnapshotCache();
  });

  it("MOCK: GET /pets/{petId} answers 200 with the rendered pet, and 404 with the not-found template for pet 0", async () => {
    const ok = await call("GET", "/pets/7");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/json");
    expect(ok.headers.get("x-amzn-errortype")).toBeNull();
    expect(ok.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    const pet = (await ok.json()) as Record<string, unknown>;
    expect(pet).toMatchObject({ id: "7", type: "dog", price: 249.99, resourcePath: "/pets/{petId}" });
    expect(pet.requestId).toBe(ok.headers.get("x-amzn-requestid"));
    const missing = await call("GET", "/pets/0");
    expect([missing.status, await missing.json()]).toEqual([404, { message: "Pet 0 was not found" }]);
  });

  it("HTTP: GET /pets passes the backend's JSON through, with a trace id", async () => {
    const res = await call("GET", "/pets");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([
      { id: 1, type: "dog", price: 249.99 },
      { id: 2, type: "cat", price: 124.99 },
    ]);
    expect(res.headers.get("x-amzn-trace-id")).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
  });

  it("unknown route: 403 Missing Authentication Token", async () => {
    const res = await call("GET", "/nope");
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('{"message":"Missing Authentication Token"}');
    expect(res.headers.get("x-amzn-errortype")).toBe("MissingAuthenticationTokenException");
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get("x-amz-apigw-id")).toBeTruthy();
  });

  it("validation: 400 for a missing required parameter and for a body that does not match the model", async () => {
    const noParam = await call("POST", "/pets", { headers: { "Content-Type": "application/json" }, body: '{"name": "Rex"}' });
    expect([noParam.status, await noParam.text()]).toEqual([400, '{"message": "Missing required request parameters: [owner]"}']);
    expect(noParam.headers.get("x-amzn-errortype")).toBe("BadRequestException");
    const badBody = await call("POST", "/pets?owner=me", { headers: { "Content-Type": "application/json" }, body: '{"age": 3}' });
    expect([badBody.status, await badBody.text()]).toEqual([400, '{"message": "Invalid request body"}']);
    expect(badBody.headers.get("x-amzn-errortype")).toBe("BadRequestException");
    const good = await call("POST", "/pets?owner=me", { headers: { "Content-Type": "application/json" }, body: '{"name": "Rex"}' });
    expect([good.status, await good.json()]).toEqual([200, { created: true }]);
  });

  it("415 Unsupported Media Type when passthroughBehavior NEVER has no template for the Content-Type", async () => {
    const res = await call("POST", "/strict", { headers: { "Content-Type": "text/plain" }, body: "hello" });
    expect([res.status, await res.text()]).toEqual([415, '{"message": "Unsupported Media Type"}']);
    expect(res.headers.get("x-amzn-errortype")).toBe("BadRequestException");
  });

  it("504 when the backend answers after the integration timeout", async () => {
    const res = await call("GET", "/slow");
    expect([res.status, await res.text()]).toEqual([504, '{"message": "Endpoint request timed out"}']);
    expect(res.headers.get("x-amzn-errortype")).toBe("InternalServerErrorException");
  });

  it("429 Too Many Requests once the method's burst is spent", async () => {
    expect((await call("GET", "/limited")).status).toBe(200);
    const res = await call("GET", "/limited");
    expect([res.status, await res.text()]).toEqual([429, '{"message":"Too Many Requests"}']);
    expect(res.headers.get("x-amzn-errortype")).toBe("TooManyRequestsException");
  });

  it("a binary answer leaves as the exact bytes when the client accepts the binary type, base64 text otherwise", async () => {
    const bytes = await call("GET", "/logo", { headers: { Accept: "image/png" } });
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(PNG);
    const text = await call("GET", "/logo", { headers: { Accept: "application/json" } });
    expect(await text.text()).toBe(PNG.toString("base64"));
  });

  it("a binary upload reaches the backend byte for byte", async () => {
    const before = backend.requests.length;
    const res = await call("PUT", "/upload", { headers: { "Content-Type": "image/png" }, body: PNG });
    expect(res.status).toBe(200);
    expect(backend.requests[before].raw).toEqual(PNG);
  });

  it("repeated Set-Cookie headers from the backend stay separate", async () => {
    const res = await call("GET", "/cookies");
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });
});

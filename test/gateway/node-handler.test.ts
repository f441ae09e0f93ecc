/**
 * The gateway's plain Node adapter over a real socket, for what only a socket shows: header names
 * as the client spelled them and every repeat of one, the peer address, uploads over the cap sent
 * in chunks, HEAD, and the console's session cookie never reaching the pipeline.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeGatewayHandler, MAX_PAYLOAD_BYTES, parseStageSettings, singleStageLocator, type StageTarget } from "../../lib/gateway/index";
import { designOf, mockMethod } from "../helpers/invoke";

const echo = mockMethod(
  '{"ua": "$input.params(\'User-Agent\')", "tags": "$util.escapeJavaScript($input.params().header.get(\'X-Tag\'))", "cookie": "$util.escapeJavaScript($input.params(\'Cookie\'))", "ip": "$context.identity.sourceIp"}',
);

/** 200 when the request body the pipeline got is exactly 9 characters long, 404 otherwise. */
const bodyLength = {
  methodResponses: { "200": { statusCode: "200" }, "404": { statusCode: "404" } },
  integration: {
    type: "MOCK",
    requestTemplates: { "application/json": '#if($input.body.length() == 9){"statusCode": 200}#else{"statusCode": 404}#end' },
    integrationResponses: {
      "200": { statusCode: "200", responseTemplates: { "application/json": '{"whole": true}' } },
      "404": { statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": '{"whole": false}' } },
    },
  },
};

const target: StageTarget = {
  restApiId: "api",
  contextApiId: "abcdef1234",
  stageName: "prod",
  deploymentId: "d1",
  design: designOf({ "/echo": { GET: echo, POST: echo, HEAD: mockMethod("") }, "/length": { POST: bodyLength } }),
  variables: {},
  settings: parseStageSettings({}),
  canary: null,
};

let server: Server;
let base: string;

beforeAll(async () => {
  const handler = createNodeGatewayHandler({ locate: singleStageLocator(target), stripCookies: ["gatehouse_session"], appendPeer: true });
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** A raw request, so repeated headers stay repeated (fetch would join them). */
function send(
  method: string,
  path: string,
  headers: [string, string][],
  body?: Buffer | Buffer[],
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers: [["Host", "127.0.0.1"], ...headers].flat() as unknown as Record<string, string> }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    for (const chunk of Array.isArray(body) ? body : body ? [body] : []) req.write(chunk);
    req.end();
  });
}

describe("the gateway's Node adapter", () => {
  it("gives the pipeline every value of a repeated header and the last one as the single value, as API Gateway does", async () => {
    const r = await send("GET", "/prod/echo", [
      ["X-Tag", "one"],
      ["X-Tag", "two"],
      ["User-Agent", "probe/1"],
    ]);
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body.tags).toBe("two");
    expect(body.ua).toBe("probe/1");
  });

  it("never lets the console's session cookie reach the pipeline, keeping the API's own cookies", async () => {
    const r = await send("GET", "/prod/echo", [["Cookie", "gatehouse_session=secret-token; theme=dark"]]);
    expect(JSON.parse(r.body).cookie).toBe("theme=dark");
  });

  it("reads the client's address from the socket, not from a forged X-Forwarded-For", async () => {
    const r = await send("GET", "/prod/echo", [["X-Forwarded-For", "203.0.113.9"]]);
    expect(JSON.parse(r.body).ip).toBe("127.0.0.1");
  });

  it("answers 413 to a chunked upload over API Gateway's 10 MB cap and keeps the connection's answer whole", async () => {
    const chunk = Buffer.alloc(1024 * 1024, 97);
    const chunks = Array.from({ length: Math.ceil(MAX_PAYLOAD_BYTES / chunk.length) + 1 }, () => chunk);
    const r = await send("POST", "/prod/echo", [["Content-Type", "application/json"]], chunks);
    expect(r.status).toBe(413);
    expect(r.headers["x-amzn-errortype"]).toBe("RequestTooLargeException");
  });

  it("reads a body under the cap whole", async () => {
    const whole = await send("POST", "/prod/length", [["Content-Type", "application/json"]], [Buffer.from('{"a":'), Buffer.from('"é"}')]);
    expect(whole.status).toBe(200);
    const cut = await send("POST", "/prod/length", [["Content-Type", "application/json"]], Buffer.from('{"a":"é",}'));
    expect(cut.status).toBe(404);
  });

  it("answers an unknown stage with AWS's 403 Forbidden, and HEAD with headers only", async () => {
    const unknown = await send("GET", "/dev/echo", []);
    expect(unknown.status).toBe(403);
    expect(JSON.parse(unknown.body)).toEqual({ message: "Forbidden" });
    const head = await send("HEAD", "/prod/echo", []);
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });
});

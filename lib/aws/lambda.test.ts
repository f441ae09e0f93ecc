/**
 * createLambdaInvoker against a FAKE Lambda: a tiny loopback HTTP server (a test double, not AWS)
 * answering the Lambda Invoke REST call `POST /2015-03-31/functions/{name}/invocations`, with
 * dummy credentials from the environment.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeMethod } from "../invoke/index";
import { designOf, request } from "../../test/helpers/invoke";
import { createLambdaInvoker } from "./lambda";

const saved = { ...process.env };

interface FakeLambdaCall {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** FAKE Lambda Invoke endpoint: `fail` in the event → function error; `deny` as the function name → 403. */
function startFakeLambda(): Promise<{ url: string; calls: FakeLambdaCall[]; close(): Promise<void> }> {
  const calls: FakeLambdaCall[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      calls.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const m = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(req.url ?? "");
      if (req.method !== "POST" || !m) {
        res.writeHead(404, { "Content-Type": "application/json", "x-amzn-ErrorType": "ResourceNotFoundException" });
        res.end(JSON.stringify({ message: "Function not found" }));
        return;
      }
      const name = decodeURIComponent(m[1]);
      if (name.endsWith("deny")) {
        res.writeHead(403, { "Content-Type": "application/json", "x-amzn-ErrorType": "AccessDeniedException" });
        res.end(JSON.stringify({ Message: "User is not authorized to perform: lambda:InvokeFunction" }));
        return;
      }
      const event = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      if (event.fail) {
        res.writeHead(200, { "Content-Type": "application/json", "X-Amz-Function-Error": "Unhandled", "X-Amz-Executed-Version": "$LATEST" });
        res.end(JSON.stringify({ errorMessage: `Invalid input: ${String(event.fail)}`, errorType: "Error" }));
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json", "X-Amz-Executed-Version": "$LATEST" });
      res.end(JSON.stringify({ echo: event, fn: name }));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        calls,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    }),
  );
}

let fake: Awaited<ReturnType<typeof startFakeLambda>>;

beforeAll(async () => {
  // Keep the default chain away from this machine's real config and the instance metadata service.
  process.env.AWS_CONFIG_FILE = "/nonexistent/gatehouse-test-config";
  process.env.AWS_SHARED_CREDENTIALS_FILE = "/nonexistent/gatehouse-test-credentials";
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  process.env.AWS_ACCESS_KEY_ID = "AKIDFAKEFAKEFAKE";
  process.env.AWS_SECRET_ACCESS_KEY = "fake-secret-value";
  fake = await startFakeLambda();
});
afterAll(async () => {
  await fake.close();
  process.env = saved;
});

const FN = "arn:aws:lambda:us-east-1:123456789012:function:calc";

describe("createLambdaInvoker (against a fake Lambda endpoint)", () => {
  it("invokes the function with a signed RequestResponse call and returns status and payload", async () => {
    const invoke = createLambdaInvoker({ region: "us-east-1", endpointUrl: fake.url });
    try {
      const out = await invoke(FN, '{"a":1}');
      expect(out).toEqual({ statusCode: 200, payload: JSON.stringify({ echo: { a: 1 }, fn: FN }) });
      const call = fake.calls.at(-1)!;
      expect(call.method).toBe("POST");
      expect(call.url).toBe(`/2015-03-31/functions/${encodeURIComponent(FN)}/invocations`);
      expect(call.headers["x-amz-invocation-type"]).toBe("RequestResponse");
      expect(call.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDFAKEFAKEFAKE\/\d{8}\/us-east-1\/lambda\/aws4_request/);
      expect(call.body).toBe('{"a":1}');
    } finally {
      invoke.destroy();
    }
  });

  it("reports a function error from X-Amz-Function-Error", async () => {
    const invoke = createLambdaInvoker({ region: "us-east-1", endpointUrl: fake.url });
    try {
      const out = await invoke(FN, '{"fail":"pow"}');
      expect(out.functionError).toBe("Unhandled");
      expect(JSON.parse(out.payload)).toEqual({ errorMessage: "Invalid input: pow", errorType: "Error" });
    } finally {
      invoke.destroy();
    }
  });

  it("throws the SDK's AccessDeniedException on 403", async () => {
    const invoke = createLambdaInvoker({ region: "us-east-1", endpointUrl: fake.url });
    try {
      await expect(invoke("deny", "{}")).rejects.toMatchObject({ name: "AccessDeniedException" });
    } finally {
      invoke.destroy();
    }
  });

  it("drives a non-proxy Lambda integration end to end through invokeMethod", async () => {
    const design = designOf({
      "/calc": {
        POST: {
          methodResponses: { "200": { statusCode: "200" }, "400": { statusCode: "400" } },
          integration: {
            type: "AWS",
            httpMethod: "POST",
            uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations`,
            integrationResponses: { "200": { statusCode: "200" }, "400": { statusCode: "400", selectionPattern: "Invalid.*" } },
          },
        },
      },
    });
    const lambda = createLambdaInvoker({ region: "us-east-1", endpointUrl: fake.url });
    try {
      const opts = { apiId: "abc123", lambda };
      const ok = await invokeMethod(design, request({ httpMethod: "POST", pathWithQueryString: "/calc", body: '{"op":"add"}' }), opts);
      expect(ok.status).toBe(200);
      expect(JSON.parse(ok.body)).toEqual({ echo: { op: "add" }, fn: FN });
      const bad = await invokeMethod(design, request({ httpMethod: "POST", pathWithQueryString: "/calc", body: '{"fail":"pow"}' }), opts);
      expect(bad.status).toBe(400);
      expect(bad.log).not.toContain("fake-secret-value");
    } finally {
      lambda.destroy();
    }
  });
});

/**
 * Backend answers are capped at API Gateway's 10 MB payload limit (issue #16 item 2): the answer
 * is streamed and reading stops past the cap, and the client gets what AWS answers, a 500
 * `Internal server error` with AWS's execution-log line ("Execution failed due to configuration
 * error: Integration response of reported length … is larger than allowed maximum of 10485760
 * bytes.", as AWS logs it).
 */
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invokeMethod } from "./index";
import { MAX_PAYLOAD_BYTES } from "./payload-limit";
import { designOf, startServer, type TestServer } from "../../test/helpers/invoke";

const CHUNK = Buffer.alloc(64 * 1024, "a");
/** What the endless backend writes at most, far beyond the cap, so a test cannot run away. */
const ENDLESS_LIMIT = 64 * 1024 * 1024;

let server: TestServer;
let endless = { written: 0, closedEarly: false };

/** Writes `total` bytes with chunked encoding (no Content-Length), respecting backpressure. */
function stream(res: ServerResponse, total: number, onDone: (closedEarly: boolean) => void) {
  let written = 0;
  let closed = false;
  res.on("close", () => {
    closed = true;
    onDone(written < total);
  });
  const pump = () => {
    while (!closed && written < total) {
      const part = CHUNK.subarray(0, Math.min(CHUNK.length, total - written));
      written += part.length;
      endless.written = written;
      if (!res.write(part)) return void res.once("drain", pump);
    }
    if (!closed) res.end();
  };
  pump();
}

beforeAll(async () => {
  server = await startServer((req, _body, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/exact") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      return stream(res, Number(url.searchParams.get("bytes")), () => undefined);
    }
    if (url.pathname === "/declared") {
      // Declares 50 MB, sends one chunk, then stalls: the cap must answer from the header alone.
      res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": String(50 * 1024 * 1024) });
      res.write(CHUNK);
      return;
    }
    res.writeHead(200, { "Content-Type": "text/plain" });
    stream(res, ENDLESS_LIMIT, (closedEarly) => {
      endless.closedEarly = closedEarly;
    });
  });
});
afterAll(() => server.close());

function callBackend(path: string) {
  const design = designOf({
    "/big": {
      GET: {
        methodResponses: { "200": { statusCode: "200" } },
        integration: { type: "HTTP_PROXY", httpMethod: "GET", uri: `${server.url}${path}`, timeoutInMillis: 10_000 },
      },
    },
  });
  return invokeMethod(design, { httpMethod: "GET", pathWithQueryString: "/big", headers: {}, body: "", stageVariables: {}, stage: null }, { apiId: "a1" });
}

describe("integration response size cap", () => {
  it("passes an answer of exactly 10485760 bytes", async () => {
    const result = await callBackend(`/exact?bytes=${MAX_PAYLOAD_BYTES}`);
    expect(result.status).toBe(200);
    expect(Buffer.byteLength(result.body)).toBe(MAX_PAYLOAD_BYTES);
  });

  it("answers 500 Internal server error one byte past the cap, with AWS's log line", async () => {
    const result = await callBackend(`/exact?bytes=${MAX_PAYLOAD_BYTES + 1}`);
    expect([result.status, result.body]).toEqual([500, '{"message": "Internal server error"}']);
    expect(result.headers["x-amzn-ErrorType"]).toBe("InternalServerErrorException");
    expect(result.log).toContain("Execution failed due to configuration error: Integration response is larger than allowed maximum of 10485760 bytes.");
  });

  it("answers from a declared Content-Length over the cap without waiting for the body", async () => {
    // Reading the body would wait for the 10 s timeout and answer 504.
    const result = await callBackend("/declared");
    expect(result.status).toBe(500);
    expect(result.log).toContain(
      `Execution failed due to configuration error: Integration response of reported length ${50 * 1024 * 1024} is larger than allowed maximum of 10485760 bytes.`,
    );
  });

  it("stops reading an endless answer at the cap and closes the connection", async () => {
    endless = { written: 0, closedEarly: false };
    const result = await callBackend("/endless");
    expect(result.status).toBe(500);
    await expect.poll(() => endless.closedEarly).toBe(true);
    expect(endless.written).toBeLessThan(ENDLESS_LIMIT);
  });
});

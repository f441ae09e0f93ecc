/**
 * Binary payloads: the developer guide's two conversion tables (request: Content-Type ×
 * binaryMediaTypes × contentHandling; response: Accept × binaryMediaTypes × contentHandling),
 * then the same rules end to end through the pipeline — HTTP integrations against a real loopback
 * server, the Lambda proxy event and response, and `$input.body` after CONVERT_TO_TEXT.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeBase64, integrationRequestPayload, isBinaryMediaType, methodResponsePayload, type Payload } from "./binary";
import type { LambdaInvoker } from "./context";
import { GatewayError } from "./errors";
import { invokeMethod } from "./index";
import { designOf, FIXED_NOW, request, startServer, type TestServer } from "../../test/helpers/invoke";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe, 0x80]);
const OPTIONS = { apiId: "abc123", requestId: "req-1", now: () => FIXED_NOW };

describe("isBinaryMediaType", () => {
  it.each([
    [["image/png"], "image/png", true],
    [["image/png"], "IMAGE/PNG; charset=binary", true],
    [["image/*"], "image/jpeg", true],
    [["image/*"], "text/plain", false],
    [["*/*"], "application/json", true],
    [["application/octet-stream"], "application/json", false],
    // Only the first Accept type counts.
    [["image/png"], "text/html,image/png", false],
    [["image/png"], "image/png,text/html", true],
    [[], "image/png", false],
    [["image/png"], undefined, false],
    [["image/png"], "garbage", false],
  ])("%j with %s → %s", (types, value, expected) => {
    expect(isBinaryMediaType(types, value)).toBe(expected);
  });
});

const text = (t: string): Payload => ({ kind: "text", text: t });
const bin = (b: Buffer): Payload => ({ kind: "binary", bytes: b });

describe("request payload conversions (the developer guide's request table)", () => {
  const b64 = PNG.toString("base64");
  it.each([
    // [method request payload, Content-Type is a binary type, contentHandling, integration request payload]
    ["text, binaryMediaTypes unset", Buffer.from("hello"), false, undefined, text("hello")],
    ["text, unset, CONVERT_TO_BINARY", Buffer.from(b64), false, "CONVERT_TO_BINARY", bin(PNG)],
    ["text, unset, CONVERT_TO_TEXT", Buffer.from("hello"), false, "CONVERT_TO_TEXT", text("hello")],
    ["binary, matching type", PNG, true, undefined, bin(PNG)],
    ["binary, matching type, CONVERT_TO_BINARY", PNG, true, "CONVERT_TO_BINARY", bin(PNG)],
    ["binary, matching type, CONVERT_TO_TEXT", PNG, true, "CONVERT_TO_TEXT", text(b64)],
  ] as const)("%s", (_, bytes, binary, handling, expected) => {
    expect(integrationRequestPayload(bytes, binary, handling)).toEqual(expected);
  });

  it("answers a CONVERT_TO_BINARY body that is not base64 with a 500", () => {
    expect(() => integrationRequestPayload(Buffer.from("{not base64}"), false, "CONVERT_TO_BINARY")).toThrow(GatewayError);
    try {
      decodeBase64("abcde", "request");
      expect.unreachable();
    } catch (e) {
      expect((e as GatewayError).logLines.join("\n")).toMatch(/Unable to decode the request payload as base64/);
    }
  });
});

describe("response payload conversions (the developer guide's response table)", () => {
  const b64 = PNG.toString("base64");
  it.each([
    // [integration response payload, payload type is binary, Accept is binary, contentHandling, method response payload]
    ["text, text Accept, none", text("hi"), false, false, undefined, text("hi")],
    ["text, text Accept, CONVERT_TO_BINARY", text(b64), false, false, "CONVERT_TO_BINARY", bin(PNG)],
    ["text, text Accept, CONVERT_TO_TEXT", text("hi"), false, false, "CONVERT_TO_TEXT", text("hi")],
    ["text, binary Accept, none → base64-decoded", text(b64), false, true, undefined, bin(PNG)],
    ["text, binary Accept, CONVERT_TO_BINARY", text(b64), false, true, "CONVERT_TO_BINARY", bin(PNG)],
    ["text, binary Accept, CONVERT_TO_TEXT", text("hi"), false, true, "CONVERT_TO_TEXT", text("hi")],
    ["binary, text Accept, none → base64-encoded", bin(PNG), true, false, undefined, text(b64)],
    ["binary, text Accept, CONVERT_TO_BINARY", bin(PNG), true, false, "CONVERT_TO_BINARY", bin(PNG)],
    ["binary, text Accept, CONVERT_TO_TEXT", bin(PNG), true, false, "CONVERT_TO_TEXT", text(b64)],
    ["binary, binary Accept, none", bin(PNG), true, true, undefined, bin(PNG)],
    ["binary, binary Accept, CONVERT_TO_BINARY", bin(PNG), true, true, "CONVERT_TO_BINARY", bin(PNG)],
    ["binary, binary Accept, CONVERT_TO_TEXT", bin(PNG), true, true, "CONVERT_TO_TEXT", text(b64)],
  ] as const)("%s", (_, payload, binaryType, binaryAccept, handling, expected) => {
    expect(methodResponsePayload(payload, binaryType, binaryAccept, handling)).toEqual(expected);
  });
});

describe("binary through the pipeline", () => {
  let backend: TestServer;
  beforeAll(async () => {
    backend = await startServer((req, _body, res) => {
      if (req.url?.startsWith("/b64")) {
        res.writeHead(200, { "Content-Type": "text/plain" });
        res.end(PNG.toString("base64"));
        return;
      }
      if (req.url?.startsWith("/image")) {
        res.writeHead(200, { "Content-Type": "image/png" });
        res.end(PNG);
        return;
      }
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end("{}");
    });
  });
  afterAll(() => backend.close());

  const http = (path: string, extra: Record<string, unknown> = {}, response: Record<string, unknown> = {}) => ({
    methodResponses: { "200": { statusCode: "200" } },
    integration: {
      type: "HTTP",
      httpMethod: "POST",
      uri: `${backend.url}${path}`,
      integrationResponses: { "200": { statusCode: "200", ...response } },
      ...extra,
    },
  });

  it("passes a binary request body through to an HTTP backend byte for byte (no template)", async () => {
    const design = designOf({ "/upload": { POST: http("/upload") } }, { binaryMediaTypes: ["image/png"] });
    const before = backend.requests.length;
    const result = await invokeMethod(
      design,
      request({
        httpMethod: "POST",
        pathWithQueryString: "/upload",
        headers: { "Content-Type": "image/png" },
        body: PNG.toString("base64"),
        isBase64Encoded: true,
      }),
      OPTIONS,
    );
    expect(result.status).toBe(200);
    expect(backend.requests[before].raw).toEqual(PNG);
    expect(result.log).toMatch(/Method request body before transformations: \[Binary Data\]/);
    expect(result.log).toMatch(/Endpoint request body after transformations: \[Binary Data\]/);
  });

  it("returns a binary backend response as bytes when the first Accept type is binary, else as base64 text", async () => {
    const design = designOf({ "/image": { GET: http("/image", { httpMethod: "GET" }) } }, { binaryMediaTypes: ["image/png"] });
    const asBytes = await invokeMethod(design, request({ pathWithQueryString: "/image", headers: { Accept: "image/png" } }), OPTIONS);
    expect(asBytes.isBase64Encoded).toBe(true);
    expect(asBytes.bodyBytes).toEqual(PNG);
    expect(asBytes.log).toMatch(/Method response body after transformations: \[Binary Data\]/);
    const asText = await invokeMethod(design, request({ pathWithQueryString: "/image", headers: { Accept: "application/json,image/png" } }), OPTIONS);
    expect(asText.isBase64Encoded).toBeUndefined();
    expect(asText.body).toBe(PNG.toString("base64"));
  });

  it("CONVERT_TO_TEXT on the integration: $input.body in the request template is the base64 of the bytes", async () => {
    const design = designOf(
      {
        "/photo": {
          POST: {
            methodResponses: { "200": { statusCode: "200" } },
            integration: {
              type: "MOCK",
              contentHandling: "CONVERT_TO_TEXT",
              requestTemplates: { "image/png": '{"statusCode": 200}', "application/json": '{"statusCode": 200}' },
              integrationResponses: { "200": { statusCode: "200", responseTemplates: { "application/json": '{"len": "$context.requestId"}' } } },
            },
          },
        },
        "/echo": { POST: http("/echo", { contentHandling: "CONVERT_TO_TEXT", requestTemplates: { "image/png": '{"image": "$input.body"}' } }) },
      },
      { binaryMediaTypes: ["image/png"] },
    );
    const before = backend.requests.length;
    const result = await invokeMethod(
      design,
      request({
        httpMethod: "POST",
        pathWithQueryString: "/echo",
        headers: { "Content-Type": "image/png" },
        body: PNG.toString("base64"),
        isBase64Encoded: true,
      }),
      OPTIONS,
    );
    expect(result.status).toBe(200);
    expect(JSON.parse(backend.requests[before].body)).toEqual({ image: PNG.toString("base64") });
  });

  it("CONVERT_TO_BINARY on the integration response turns a base64 text body into bytes", async () => {
    const design = designOf({ "/b64": { GET: http("/b64", { httpMethod: "GET" }, { contentHandling: "CONVERT_TO_BINARY" }) } });
    const result = await invokeMethod(design, request({ pathWithQueryString: "/b64" }), OPTIONS);
    expect(result.status).toBe(200);
    expect(result.isBase64Encoded).toBe(true);
    expect(result.bodyBytes).toEqual(PNG);
    const plain = await invokeMethod(designOf({ "/b64": { GET: http("/b64", { httpMethod: "GET" }) } }), request({ pathWithQueryString: "/b64" }), OPTIONS);
    expect([plain.isBase64Encoded, plain.body]).toEqual([undefined, PNG.toString("base64")]);
  });
});

describe("binary and the Lambda proxy integration", () => {
  const FN = "arn:aws:lambda:us-east-1:123456789012:function:img";
  const design = designOf(
    {
      "/img": {
        POST: {
          integration: { type: "AWS_PROXY", httpMethod: "POST", uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN}/invocations` },
        },
      },
    },
    { binaryMediaTypes: ["image/*"] },
  );
  const events: Record<string, unknown>[] = [];
  const lambda: LambdaInvoker = async (_fn, payload) => {
    events.push(JSON.parse(payload));
    return {
      statusCode: 200,
      payload: JSON.stringify({ statusCode: 200, headers: { "Content-Type": "image/png" }, body: PNG.toString("base64"), isBase64Encoded: true }),
    };
  };

  it("sends a binary request body base64-encoded with isBase64Encoded true; text bodies stay text", async () => {
    await invokeMethod(
      design,
      request({
        httpMethod: "POST",
        pathWithQueryString: "/img",
        headers: { "Content-Type": "image/jpeg" },
        body: PNG.toString("base64"),
        isBase64Encoded: true,
      }),
      { ...OPTIONS, lambda },
    );
    expect(events.at(-1)).toMatchObject({ body: PNG.toString("base64"), isBase64Encoded: true });
    await invokeMethod(design, request({ httpMethod: "POST", pathWithQueryString: "/img", headers: { "Content-Type": "text/plain" }, body: "héllo" }), {
      ...OPTIONS,
      lambda,
    });
    expect(events.at(-1)).toMatchObject({ body: "héllo", isBase64Encoded: false });
  });

  it("decodes an isBase64Encoded response to bytes only when the first Accept type is binary", async () => {
    const binary = await invokeMethod(design, request({ httpMethod: "POST", pathWithQueryString: "/img", headers: { Accept: "image/png" } }), {
      ...OPTIONS,
      lambda,
    });
    expect(binary.bodyBytes).toEqual(PNG);
    expect(binary.headers["Content-Type"]).toBe("image/png");
    const browser = await invokeMethod(design, request({ httpMethod: "POST", pathWithQueryString: "/img", headers: { Accept: "text/html,image/png" } }), {
      ...OPTIONS,
      lambda,
    });
    expect(browser.bodyBytes).toBeUndefined();
    expect(browser.body).toBe(PNG.toString("base64"));
  });
});

/** describeAwsError on errors the real SDK throws: AWS's refusals, unreadable answers, no credentials, no answer. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startFakeApiGateway, type FakeApiGateway } from "../../test/fakes/fake-apigateway/index";
import { callApiGateway, createApiGatewayClient } from "./client";
import { describeAwsError, formatAwsError, worthRetrying } from "./errors";

const KEYS = { AWS_ACCESS_KEY_ID: "AKIAERRORSTEST000000", AWS_SECRET_ACCESS_KEY: "errors-test-secret" };
const NO_CREDENTIALS = { AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent", AWS_EC2_METADATA_DISABLED: "true" };
const saved = { ...process.env };

function setEnv(values: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(values))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
}

async function failure(endpointUrl: string, operation = "GetRestApis", input: Record<string, unknown> = {}) {
  const client = createApiGatewayClient({ region: "us-east-1", endpointUrl });
  try {
    await callApiGateway(client, operation, input);
  } catch (e) {
    return e;
  } finally {
    client.destroy();
  }
  throw new Error("the call succeeded");
}

describe("describeAwsError", () => {
  let fake: FakeApiGateway;
  let html: Server;
  let htmlUrl: string;
  beforeAll(async () => {
    fake = await startFakeApiGateway({ port: 0 });
    html = createServer((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html>\n<head><title>502 Bad Gateway</title></head>\n<body><h1>502 Bad Gateway</h1></body>\n</html>");
    });
    await new Promise<void>((r) => html.listen(0, "127.0.0.1", r));
    htmlUrl = `http://127.0.0.1:${(html.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await fake.close();
    await new Promise((r) => html.close(r));
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it("keeps AWS's code, message and status, and names the operation the SDK sent", async () => {
    setEnv(KEYS);
    // AWS's answer to CreateResource under {proxy+} (recorded: test_create_proxy_resource_validation,
    // create-proxy-static-child-resource): 400 BadRequestException with this message.
    const message = "Cannot create a child of a resource with a greedy path variable: {proxy+}";
    fake.faults.failNth("CreateResource", 1, { status: 400, type: "BadRequestException", message });
    const e = await failure(fake.url, "CreateResource", { restApiId: "abc", parentId: "proxy", pathPart: "child" });
    const info = describeAwsError(e, { target: "/{proxy+}/child" });
    expect(info).toMatchObject({ kind: "refused", code: "BadRequestException", status: 400, operation: "CreateResource", target: "/{proxy+}/child", message });
    expect(formatAwsError(info)).toBe(`CreateResource (/{proxy+}/child): BadRequestException: ${message}`);
    expect(worthRetrying(info)).toBe(false);
  });

  it("an answer that is not JSON gives the status, the content type and the body's first bytes, not a parse error", async () => {
    setEnv(KEYS);
    const e = await failure(htmlUrl, "PutRestApi", { restApiId: "abc", mode: "overwrite", body: new TextEncoder().encode("{}") });
    expect((e as Error).message).toContain("Unexpected token '<'");
    const info = describeAwsError(e);
    expect(info).toMatchObject({ kind: "unreadable", code: "UnreadableResponse", status: 502, operation: "PutRestApi" });
    expect(info.message).toBe(
      "The endpoint answered HTTP 502 (text/html) with a body that is not API Gateway's JSON: <html> <head><title>502 Bad Gateway</title></head> <body><h1>502 Bad Gateway</h1></body> </html>",
    );
    expect(formatAwsError(info)).not.toContain("Unexpected token");
    expect(worthRetrying(info)).toBe(true);
  });

  it("without the kept body, falls back to the excerpt in the parse error", () => {
    const e = Object.assign(new SyntaxError(`Unexpected token '<', "<html><bod"... is not valid JSON\n  Deserialization error: …`), {
      $metadata: { httpStatusCode: 503 },
    });
    expect(describeAwsError(e).message).toBe("The endpoint answered HTTP 503 with a body that is not API Gateway's JSON: <html><bod");
    const notFound = describeAwsError(
      Object.assign(new SyntaxError(`Unexpected token '<', "<!DOCTYPE "... is not valid JSON`), { $metadata: { httpStatusCode: 404 } }),
    );
    expect(notFound.hint).toBe("Check the endpoint URL: something other than API Gateway answered.");
    expect(worthRetrying(notFound)).toBe(false);
  });

  it("no credentials anywhere: names what is missing and how to provide it", async () => {
    setEnv({ ...NO_CREDENTIALS, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined, AWS_SESSION_TOKEN: undefined, AWS_PROFILE: undefined });
    const before = fake.calls.length;
    const e = await failure(fake.url);
    expect(fake.calls.length).toBe(before); // nothing reached AWS
    const info = describeAwsError(e);
    expect(info).toMatchObject({ kind: "credentials", code: "CredentialsProviderError", operation: "GetRestApis" });
    expect(info.status).toBeUndefined();
    expect(info.message).toContain(
      "No AWS credentials: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment; no AWS_PROFILE and no default profile in /nonexistent or /nonexistent",
    );
    expect(info.message).toContain("instance role lookup disabled (AWS_EC2_METADATA_DISABLED=true)");
    expect(info.message).toContain("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    expect(formatAwsError(info)).not.toMatch(/again/i);
    expect(worthRetrying(info)).toBe(false);
  });

  it("half a key pair and a missing profile are named, with no credential value", () => {
    const e = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    const half = describeAwsError(e, { env: { AWS_ACCESS_KEY_ID: "AKIAHALFPAIR00000000" } }).message;
    expect(half).toContain("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
    expect(half).not.toContain("AKIAHALFPAIR00000000");
    expect(describeAwsError(e, { profile: "deploy", env: {} }).message).toContain(
      'profile "deploy" not found or without credentials in ~/.aws/credentials or ~/.aws/config',
    );
  });

  it("no answer at all is a network error, worth retrying", async () => {
    setEnv(KEYS);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((r) => closed.close(r));
    const info = describeAwsError(await failure(url));
    expect(info).toMatchObject({ kind: "network", code: "ECONNREFUSED", operation: "GetRestApis" });
    expect(worthRetrying(info)).toBe(true);
  });
});

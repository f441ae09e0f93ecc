/**
 * `gatehouse invoke` end to end: the real CLI process on a small OpenAPI file with the PetStore
 * shape — a MOCK GET /pets/{petId} whose request template picks 200 or 404, and an HTTP GET /pets
 * to a node:http server started here — answering as AWS would, bad requests included.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { parseInvokeArguments } from "./invoke";

const root = resolve(__dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "gatehouse-invoke-cli-"));

/** Runs the CLI asynchronously: the backend it calls lives in this process. */
function gatehouse(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [join(root, "bin/gatehouse.mjs"), ...args], { cwd: root, encoding: "utf8", timeout: 60_000 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const petStore = {
  openapi: "3.0.1",
  info: { title: "PetStore", version: "1" },
  paths: {
    "/pets": {
      get: {
        parameters: [
          { name: "type", in: "query", schema: { type: "string" } },
          { name: "x-trace", in: "header", schema: { type: "string" } },
        ],
        responses: { "200": { description: "ok" } },
        "x-amazon-apigateway-integration": {
          type: "http",
          httpMethod: "GET",
          uri: "http://${stageVariables.backend}/petstore/pets",
          requestParameters: {
            "integration.request.querystring.type": "method.request.querystring.type",
            "integration.request.header.x-trace": "method.request.header.x-trace",
          },
          passthroughBehavior: "when_no_match",
          responses: { default: { statusCode: "200" } },
        },
      },
    },
    "/pets/{petId}": {
      get: {
        parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "a pet" }, "404": { description: "no such pet" } },
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '#if($input.params(\'petId\') == "0")\n{"statusCode": 404}\n#else\n{"statusCode": 200}\n#end' },
          passthroughBehavior: "when_no_templates",
          responses: {
            "404": { statusCode: "404", responseTemplates: { "application/json": '{"message": "Pet $input.params(\'petId\') was not found"}' } },
            default: {
              statusCode: "200",
              responseTemplates: {
                "application/json":
                  '{"id": "$input.params(\'petId\')", "x": "$input.params(\'x\')", "stage": "$context.stage", "color": "$stageVariables.color"}',
              },
            },
          },
        },
      },
    },
  },
};

let server: Server;
let backend: string;
const seen: { url?: string; headers: IncomingMessage["headers"] }[] = [];
let file: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url, headers: req.headers });
    res.writeHead(200, { "Content-Type": "application/json", "X-Backend": "node" });
    res.end(JSON.stringify([{ id: 1, type: new URL(req.url!, "http://x").searchParams.get("type") }]));
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  backend = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  file = join(dir, "petstore.yaml");
  writeFileSync(file, toYaml(petStore));
});
afterAll(async () => {
  await new Promise((closed) => server.close(closed));
  rmSync(dir, { recursive: true, force: true });
});

const json = (stdout: string) => JSON.parse(stdout) as { status: number; headers: Record<string, string>; body: string; log: string };

describe("gatehouse invoke", () => {
  it("answers the MOCK method with 200 and the rendered template, with the execution log", async () => {
    const r = await gatehouse("invoke", "--openapi", file, "--method", "GET", "--path", "/pets/1?x=y", "--stage-var", "color=blue");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(Object.keys(out)).toEqual(["status", "headers", "body", "log"]);
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body)).toEqual({ id: "1", x: "y", stage: "test-invoke-stage", color: "blue" });
    expect(out.headers["Content-Type"]).toBe("application/json");
    expect(out.log).toContain("Method request path: {petId=1}");
    expect(out.log).toContain("Method request query string: {x=y}");
    expect(out.log).toContain("Method completed with status: 200");
  });

  it("answers 404 when the request template picks it, still exit 0", async () => {
    const r = await gatehouse("invoke", "--openapi", file, "--method", "get", "--path", "/pets/0", "--stage", "prod");
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.status).toBe(404);
    expect(JSON.parse(out.body)).toEqual({ message: "Pet 0 was not found" });
    expect(out.log).toContain("Method completed with status: 404");
  });

  it("calls the HTTP backend at the stage variable's address with the mapped query string and header", async () => {
    seen.length = 0;
    const r = await gatehouse(
      "invoke",
      "--openapi",
      file,
      "--method",
      "GET",
      "--path",
      "/pets?type=dog",
      "--header",
      "x-trace: abc",
      "--stage-var",
      `backend=${backend}`,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.status).toBe(200);
    expect(JSON.parse(out.body)).toEqual([{ id: 1, type: "dog" }]);
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe("/petstore/pets?type=dog");
    expect(seen[0].headers["x-trace"]).toBe("abc");
    expect(out.log).toContain(`Endpoint request URI: http://${backend}/petstore/pets?type=dog`);
  });

  it("answers unknown paths and methods with AWS's Missing Authentication Token, exit 0", async () => {
    for (const [method, path] of [
      ["GET", "/owners"],
      ["DELETE", "/pets/1"],
    ]) {
      const r = await gatehouse("invoke", "--openapi", file, "--method", method, "--path", path);
      expect(r.code).toBe(0);
      const out = json(r.stdout);
      expect(out.status).toBe(403);
      expect(JSON.parse(out.body)).toEqual({ message: "Missing Authentication Token" });
    }
  });

  it("answers an unreachable backend with the integration failure (504, Internal server error), exit 0", async () => {
    const closed = createServer();
    await new Promise<void>((ready) => closed.listen(0, "127.0.0.1", ready));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((c) => closed.close(c));
    const r = await gatehouse("invoke", "--openapi", file, "--method", "GET", "--path", "/pets", "--stage-var", `backend=127.0.0.1:${port}`);
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.status).toBe(504);
    expect(JSON.parse(out.body)).toEqual({ message: "Internal server error" });
    expect(out.log).toContain("Execution failed due to an integration error");
    expect(out.log).toContain("Method completed with status: 504");
  });

  it("exits 1 with clear messages for bad arguments and unreadable files, printing nothing on stdout", async () => {
    const missing = await gatehouse("invoke", "--method", "GET");
    expect(missing).toMatchObject({ code: 1, stdout: "" });
    expect(missing.stderr).toContain("gatehouse invoke: --openapi FILE is required");
    expect(missing.stderr).toContain("gatehouse invoke: --path is required");

    const bad = await gatehouse("invoke", "--openapi", file, "--method", "FETCH", "--path", "pets", "--header", "nocolon", "--stage-var", "bad name=1");
    expect(bad).toMatchObject({ code: 1, stdout: "" });
    expect(bad.stderr.trim().split("\n")).toEqual([
      'gatehouse invoke: --method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, not "FETCH"',
      'gatehouse invoke: --path must start with /, not "pets"',
      'gatehouse invoke: --header must be name:value, not "nocolon"',
      'gatehouse invoke: --stage-var must be name=value with a name of a-zA-Z0-9_, not "bad name=1"',
    ]);

    const nofile = await gatehouse("invoke", "--openapi", join(dir, "nope.yaml"), "--method", "GET", "--path", "/pets");
    expect(nofile).toMatchObject({ code: 1, stdout: "" });
    expect(nofile.stderr).toMatch(/^gatehouse invoke: .*nope\.yaml/);

    const broken = join(dir, "broken.json");
    writeFileSync(broken, '{"openapi": "3.0.1", "paths": {');
    const r = await gatehouse("invoke", "--openapi", broken, "--method", "GET", "--path", "/pets");
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toMatch(/^gatehouse invoke: .*broken\.json: invalid JSON/);
  });
});

describe("parseInvokeArguments", () => {
  it("collects headers and stage variables, values keeping their own colons and equals signs", () => {
    const r = parseInvokeArguments({
      openapi: "f",
      method: "post",
      path: "/a?b=c",
      header: ["Content-Type: application/json", "X-Url: http://a:1"],
      body: "{}",
      stageVar: ["url=a=b"],
    });
    expect(r).toEqual({
      ok: true,
      file: "f",
      request: {
        httpMethod: "POST",
        pathWithQueryString: "/a?b=c",
        headers: { "Content-Type": "application/json", "X-Url": "http://a:1" },
        body: "{}",
        stageVariables: { url: "a=b" },
        stage: null,
      },
    });
  });

  it("keeps every value of a repeated --header in multiValueHeaders, the last in headers", () => {
    const r = parseInvokeArguments({ openapi: "f", method: "get", path: "/a", header: ["X-Tag: one", "x-tag: two", "A: 1"], stageVar: [] });
    expect(r).toMatchObject({ ok: true, request: { headers: { "X-Tag": "two", A: "1" }, multiValueHeaders: { "X-Tag": ["one", "two"] } } });
  });
});

/**
 * `gatehouse serve`: an API from an OpenAPI file served as a deployed stage at `/{stage}/…` with
 * no database — in process (reload on change, keys, arguments) and as the real binary.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify as toYaml } from "yaml";
import { parseServeArguments, type ServeArguments, startServe } from "./serve";

const root = resolve(__dirname, "../../..");
const dir = mkdtempSync(join(tmpdir(), "gatehouse-serve-cli-"));
const servers: Server[] = [];
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
  rmSync(dir, { recursive: true, force: true });
});

/** A one-method API: GET /pets/{petId} answers with `body` (a response template), keyed if asked. */
function api(body: string, apiKeyRequired = false) {
  return {
    openapi: "3.0.1",
    info: { title: "PetStore", version: "1" },
    ...(apiKeyRequired ? { components: { securitySchemes: { api_key: { type: "apiKey", name: "x-api-key", in: "header" } } } } : {}),
    paths: {
      "/pets/{petId}": {
        get: {
          parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
          ...(apiKeyRequired ? { security: [{ api_key: [] }] } : {}),
          responses: { "200": { description: "a pet" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            passthroughBehavior: "when_no_templates",
            responses: { default: { statusCode: "200", responseTemplates: { "application/json": body } } },
          },
        },
      },
    },
  };
}

const args = (file: string, extra: Partial<ServeArguments> = {}): ServeArguments => ({
  file,
  stage: "local",
  port: 0,
  host: "127.0.0.1",
  variables: { color: "blue" },
  apiKeys: [],
  watch: false,
  ...extra,
});

describe("gatehouse serve", () => {
  it("serves the file's API at /{stage}/… with its stage variables, and 403 Forbidden for another stage", async () => {
    const file = join(dir, "pets.yaml");
    writeFileSync(file, toYaml(api('{"id": "$input.params(\'petId\')", "color": "$stageVariables.color", "stage": "$context.stage"}')));
    const served = await startServe(args(file), () => undefined);
    servers.push(served.server);
    const ok = await fetch(`${served.url}/pets/7`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id: "7", color: "blue", stage: "local" });
    const other = await fetch(served.url.replace(/\/local$/, "/prod/pets/7"));
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ message: "Forbidden" });
    const route = await fetch(`${served.url}/cats`);
    expect(route.status).toBe(403);
    expect(await route.json()).toEqual({ message: "Missing Authentication Token" });
  });

  it("serves a changed file after reload, and keeps the last good version when the file no longer reads", async () => {
    const file = join(dir, "reload.json");
    writeFileSync(file, JSON.stringify(api('{"v": 1}')));
    const lines: string[] = [];
    const served = await startServe(args(file), (l) => lines.push(l));
    servers.push(served.server);
    writeFileSync(file, JSON.stringify(api('{"v": 2}')));
    served.reload();
    expect(await (await fetch(`${served.url}/pets/1`)).json()).toEqual({ v: 2 });
    writeFileSync(file, "{ not json");
    served.reload();
    expect(await (await fetch(`${served.url}/pets/1`)).json()).toEqual({ v: 2 });
    expect(lines.at(-1)).toMatch(/reload\.json.*still serving the last version/);
  });

  it("enforces apiKeyRequired with the keys given", async () => {
    const file = join(dir, "keys.json");
    writeFileSync(file, JSON.stringify(api('{"ok": true}', true)));
    const key = "k".repeat(24);
    const served = await startServe(args(file, { apiKeys: [key] }), () => undefined);
    servers.push(served.server);
    expect((await fetch(`${served.url}/pets/1`)).status).toBe(403);
    expect((await fetch(`${served.url}/pets/1`, { headers: { "x-api-key": "x".repeat(24) } })).status).toBe(403);
    expect((await fetch(`${served.url}/pets/1`, { headers: { "x-api-key": key } })).status).toBe(200);
  });

  it("refuses bad arguments, each by name", () => {
    const r = parseServeArguments({ stage: "bad stage", port: "99999", host: "127.0.0.1", stageVar: ["no-equals"], apiKey: ["short"] });
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toEqual([
      "--openapi FILE is required",
      expect.stringContaining("--stage must be"),
      expect.stringContaining("--port must be"),
      expect.stringContaining("--stage-var must be name=value"),
      expect.stringContaining("--api-key must be 20 to 128"),
    ]);
  });

  it("runs as the real binary: prints where it serves, answers, and stops on SIGTERM", async () => {
    const file = join(dir, "bin.json");
    writeFileSync(file, JSON.stringify(api('{"served": "$context.stage"}')));
    const child = spawn(process.execPath, [join(root, "bin/gatehouse.mjs"), "serve", "--openapi", file, "--port", "0", "--stage", "dev"], { cwd: root });
    const url = await new Promise<string>((done, fail) => {
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
        const m = /at (http:\/\/\S+)\/…/.exec(out);
        if (m) done(m[1]);
      });
      child.on("exit", (code) => fail(new Error(`exited ${code}`)));
    });
    expect(await (await fetch(`${url}/pets/3`)).json()).toEqual({ served: "dev" });
    const exit = new Promise<number | null>((done) => child.on("exit", done));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  }, 60_000);
});

/**
 * The real server's edges (issue #16 items 11 and 12), over raw HTTP so nothing is normalised on
 * the way: chunked gateway bodies over 10 MB are answered 413 REQUEST_TOO_LARGE (they were cut to
 * 10 MB and served 200), console bodies over 12 MB get 413 (declared or chunked), TRACE and paths
 * Next cannot decode get a 4xx rather than Next's 500.
 */
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const RUN = Date.now().toString(36);
const MB = 1024 * 1024;

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly this method and request-target; `chunkedBytes` sends a body without Content-Length. */
function raw(
  baseURL: string,
  method: string,
  target: string,
  options: { headers?: Record<string, string>; chunkedBytes?: number; body?: Buffer } = {},
): Promise<RawAnswer> {
  const base = new URL(baseURL);
  return new Promise((resolve, reject) => {
    let answered = false;
    // A fresh connection per request: a kept-alive socket the server reset after an early 413 would hang the next one.
    const req = httpRequest({ host: base.hostname, port: base.port, method, path: target, headers: options.headers, agent: false }, (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    // The server may answer (413) and close before the whole body is sent: an error after the answer is expected.
    req.on("error", (e) => (answered ? undefined : reject(e)));
    if (options.body) return void req.end(options.body);
    if (options.chunkedBytes === undefined) return void req.end();
    const chunk = Buffer.alloc(64 * 1024, "a");
    let sent = 0;
    const pump = () => {
      while (sent < options.chunkedBytes!) {
        const part = chunk.subarray(0, Math.min(chunk.length, options.chunkedBytes! - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

/** A server action's id, from the build's manifest (as e2e/security.spec.ts finds them). */
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(join(process.cwd(), process.env.GATEHOUSE_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8"));
  const entry = Object.entries(manifest.node as Record<string, { exportedName: string }>).find(([, a]) => a.exportedName === name);
  if (!entry) throw new Error(`no server action ${name} in the build`);
  return entry[0];
}

/** An API of this test's own (deploying PetStore here would leave other specs nothing to deploy), on a stage. */
async function deployOwnApi(page: Page): Promise<{ apiId: string; stage: string }> {
  await signIn(page, ADMIN);
  const doc = {
    openapi: "3.0.1",
    info: { title: `Limits e2e ${RUN}`, version: "1" },
    paths: {
      "/pets/{petId}": {
        get: {
          parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: { default: { statusCode: "200" } },
          },
        },
      },
    },
  };
  await page.goto("/");
  await page.getByLabel("OpenAPI document").fill(JSON.stringify(doc));
  await page.getByLabel("API name").fill(`Limits e2e ${RUN}`);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(page.getByTestId("api-name")).toHaveText(`Limits e2e ${RUN}`);
  const apiId = page.url().split("/apis/")[1].split(/[/?#]/)[0];
  const stage = `lim${RUN}`;
  await page.goto(`/apis/${apiId}/stages`);
  await page.getByLabel("Description").fill(`limits e2e ${RUN}`);
  await page.getByRole("button", { name: "Create deployment" }).click();
  await expect(page.getByTestId("deployment-list")).toContainText(`limits e2e ${RUN}`);
  await page.getByLabel("Stage name").fill(stage);
  await page.getByRole("button", { name: "Create stage" }).click();
  await expect(page.locator(`[data-stage="${stage}"]`)).toBeVisible();
  return { apiId, stage };
}

test("gateway and console bodies over their limits get 413, TRACE and undecodable paths a 4xx, never a 5xx", async ({ page, baseURL }) => {
  const { apiId, stage } = await deployOwnApi(page);
  const gw = `/gw/${apiId}/${stage}`;

  // A small chunked body is read and routed (POST /pets/{petId} has no method: 403, not 413).
  const small = await raw(baseURL!, "POST", `${gw}/pets/1`, { headers: { "Content-Type": "application/json" }, chunkedBytes: 1024 });
  expect([small.status, small.body]).toEqual([403, '{"message":"Missing Authentication Token"}']);
  for (const size of [12 * MB, 20 * MB]) {
    const big = await raw(baseURL!, "POST", `${gw}/pets/1`, { headers: { "Content-Type": "application/json" }, chunkedBytes: size });
    expect([big.status, big.headers["x-amzn-errortype"]], `${size} bytes`).toEqual([413, "RequestTooLargeException"]);
  }

  const trace = await raw(baseURL!, "TRACE", `${gw}/pets/1`);
  expect([trace.status, trace.body]).toEqual([403, '{"message":"Missing Authentication Token"}']);
  expect((await raw(baseURL!, "TRACE", "/")).status).toBe(405);
  for (const target of [`${gw}/pets/%zz`, `${gw}/pets/1%`, `${gw}/pets/%C3%28`]) {
    const bad = await raw(baseURL!, "GET", target);
    expect([bad.status, bad.headers["x-amzn-errortype"]], target).toEqual([400, "BadRequestException"]);
  }
  const badQuery = await raw(baseURL!, "GET", `${gw}/pets/1?q=%zz`);
  expect(badQuery.status).toBe(200);

  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  expect((await raw(baseURL!, "GET", "/apis/%zz", { headers: { cookie } })).status).toBe(400);
  // An 11 MB server action (under the 12 MB bodySizeLimit) reaches its action whole: it was cut at 10 MB and failed with 500.
  const action = actionId("revokeOwnSessionAction");
  const eleven = await raw(baseURL!, "POST", "/", {
    headers: { cookie, "next-action": action, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" },
    body: Buffer.from(JSON.stringify(["x".repeat(11 * MB)])),
  });
  expect(eleven.status).toBeLessThan(400);
  const declared = await raw(baseURL!, "POST", `/apis/${apiId}`, {
    headers: { cookie, "next-action": "0".repeat(42), "content-type": "text/plain" },
    body: Buffer.alloc(13 * MB, "a"),
  });
  expect([declared.status, JSON.parse(declared.body).code]).toEqual([413, "PayloadTooLarge"]);
  const chunked = await raw(baseURL!, "POST", `/apis/${apiId}`, {
    headers: { cookie, "next-action": "0".repeat(42), "content-type": "text/plain" },
    chunkedBytes: 14 * MB,
  });
  expect([chunked.status, JSON.parse(chunked.body).code]).toEqual([413, "PayloadTooLarge"]);
});

/**
 * Fuzz suite against the built console (Next's own request decoding included): seeded, a fixed
 * number of inputs, every server action (from the build manifest) and every route handler and
 * page (from app/), with NUL bytes, malformed and non-UTF-8 bodies, React-reply markers ("$K1"…),
 * bad percent-encoding, huge and deep bodies, opaque origins. It asserts that no answer has a
 * 5xx status (HTTP, or an action result's `status`) and that refused input wrote nothing: the
 * newest audit row (every change writes one, in the same transaction) is unchanged after it.
 * FUZZ_SEED and FUZZ_SCALE (default 1) replay or widen a run.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { ADMIN, signIn } from "./helpers";

const SEED = Number(process.env.FUZZ_SEED ?? 1612);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const ACTION_CALLS = 1500 * SCALE;
const ROUTE_CALLS = 900 * SCALE;
const GATEWAY_CALLS = 300 * SCALE;
const HERE = dirname(fileURLToPath(import.meta.url));
const APP = join(HERE, "..", "app");

/** mulberry32: a small seeded PRNG, so a failing input can be replayed with its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { next, int, pick, chance: (p: number) => next() < p };
}
type Rng = ReturnType<typeof prng>;

/** Real ids of the demo, filled in once signed in, so some inputs reach past "not found". */
const known = { apiId: "00000000-0000-4000-8000-000000000000", rootId: "r", stage: "dev" };

const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "%00",
  "%ZZ",
  "%",
  "%E0%A4%A",
  "\uD800",
  "\uFFFF",
  "\u202E",
  "é",
  "💥",
  "\r\n",
  "\t",
  "$1",
  "$@0",
  "$K1",
  "$Q0",
  "$W0",
  "$B0",
  "$F0",
  "$T",
  "$n1",
  "$D2020",
  "$undefined",
  "$Infinity",
  "$-0",
  "$NaN",
  "$h0",
  "$S",
  "$l",
  "$",
  "$$",
  "${x}",
  "#set($a = 1)",
  "$input.json('$')",
  "<script>alert(1)</script>",
  "'; DROP TABLE users;--",
  "../../etc/passwd",
  "{proxy+}",
  "{id}",
  "orders!",
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "null",
  "true",
  "1e309",
  "-1",
  "NaN",
  "GET",
  "POST",
  "ANY",
  "MOCK",
  "HTTP_PROXY",
  "merge",
  "overwrite",
  "json",
  "yaml",
  "admin",
  "viewer",
  "x@example.com",
  "openapi: 3.0.1\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]",
  '{"openapi":"3.0.1","info":{"title":"t\\u0000"},"paths":{"/a!":{}}}',
  "swagger: '2.0'\ninfo: {title: x, version: '1'}\npaths: {'/p': {get: {responses: {'200': {description: ok}}}}}",
];
const FIELDS = [
  "type",
  "name",
  "description",
  "id",
  "apiId",
  "restApiId",
  "resourceId",
  "parentId",
  "pathPart",
  "path",
  "httpMethod",
  "method",
  "stageName",
  "deploymentId",
  "connectionId",
  "email",
  "role",
  "password",
  "currentPassword",
  "newPassword",
  "document",
  "mode",
  "baseVersion",
  "version",
  "region",
  "endpoint",
  "roleArn",
  "profile",
  "variables",
  "settings",
  "request",
  "headers",
  "body",
  "query",
  "statusCode",
  "integration",
  "changes",
  "patch",
  "target",
  "percentTraffic",
  "token",
  "userId",
  "sessionId",
  "auditEventId",
  "testCaseId",
];
const COMMAND_TYPES = [
  "updateApi",
  "addResource",
  "addResourcePath",
  "deleteResource",
  "renameResource",
  "moveResource",
  "putMethod",
  "updateMethod",
  "deleteMethod",
  "putIntegration",
  "putModel",
  "enableCors",
  "nope",
  "$K1",
];

function randomText(rng: Rng): string {
  if (rng.chance(0.5)) return rng.pick(NASTY);
  if (rng.chance(0.3)) return rng.pick([known.apiId, known.rootId, known.stage]);
  const length = rng.chance(0.05) ? 20_000 + rng.int(200_000) : rng.int(40);
  let s = "";
  for (let i = 0; i < Math.min(length, 64); i++)
    s += String.fromCharCode(rng.chance(0.2) ? rng.int(0x20) : rng.chance(0.1) ? 0x80 + rng.int(0xff00) : 0x20 + rng.int(0x5f));
  return length > 64 ? s.repeat(Math.ceil(length / Math.max(s.length, 1))).slice(0, length) || "x".repeat(length) : s;
}

function randomValue(rng: Rng, depth = 0): unknown {
  const roll = rng.int(depth > 3 ? 5 : 9);
  switch (roll) {
    case 0:
    case 1:
      return randomText(rng);
    case 2:
      return rng.pick([0, -1, 1, 1.5, 2 ** 53, -(2 ** 31), 1e308, 42]);
    case 3:
      return rng.pick([true, false, null]);
    case 4:
      return rng.pick(["dev", "prod", known.apiId]);
    case 5:
      return Array.from({ length: rng.int(4) }, () => randomValue(rng, depth + 1));
    case 6:
      return {
        type: rng.pick(COMMAND_TYPES),
        resourceId: known.rootId,
        parentId: known.rootId,
        pathPart: randomText(rng),
        path: `/${randomText(rng)}`,
        httpMethod: rng.pick(["GET", "ANY", "get", randomText(rng)]),
        name: randomText(rng),
      };
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--) out[rng.chance(0.9) ? rng.pick(FIELDS) : randomText(rng)] = randomValue(rng, depth + 1);
      return out;
    }
  }
}

/** One request body for a server action: usually JSON arguments, sometimes what no browser sends. */
function actionBody(rng: Rng): { contentType: string; data: string | Buffer } {
  const kind = rng.int(20);
  const args = () => JSON.stringify(Array.from({ length: rng.int(4) }, () => randomValue(rng)));
  if (kind < 13) return { contentType: "text/plain;charset=UTF-8", data: args() };
  if (kind === 13) return { contentType: "text/plain;charset=UTF-8", data: args().slice(0, 1 + rng.int(20)) };
  if (kind === 14) return { contentType: "text/plain;charset=UTF-8", data: Buffer.from([0x5b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x00, 0x22, 0x5d]) };
  if (kind === 15)
    return {
      contentType: "multipart/form-data; boundary=fuzz",
      data: `--fuzz\r\nContent-Disposition: form-data; name="1_$K"\r\n\r\n${randomText(rng)}\r\n--fuzz`,
    };
  if (kind === 16) return { contentType: "multipart/form-data; boundary=", data: randomText(rng) };
  if (kind === 17) return { contentType: "application/x-www-form-urlencoded", data: `0=${encode(randomText(rng))}&%ZZ=1&$ACTION_ID_x=1` };
  if (kind === 18) return { contentType: "text/plain;charset=UTF-8", data: `[${"[".repeat(20_000)}${"]".repeat(20_000)}]` };
  return { contentType: rng.pick(["application/json", "text/x-component", "", "application/octet-stream"]), data: args() };
}

function actionsFromManifest(): { id: string; name: string }[] {
  const manifest = JSON.parse(readFileSync(join(HERE, "..", process.env.GATEHOUSE_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8"));
  return Object.entries(manifest.node as Record<string, { exportedName: string }>).map(([id, a]) => ({ id, name: a.exportedName }));
}

function appRoutes(name: string, dir = APP): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return entry.startsWith("_") ? [] : appRoutes(name, path);
    if (entry !== name) return [];
    return [
      "/" +
        relative(APP, path)
          .split("/")
          .slice(0, -1)
          .filter((p) => !/^\(.*\)$/.test(p))
          .join("/"),
    ];
  });
}

/** Percent-encodes any text, lone surrogates included (as U+FFFD, which is all a URL can carry). */
const encode = (text: string) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, "\uFFFD"));

/** A route pattern with its [params] filled by known ids, nasty text, or malformed percent-encoding. */
function fillRoute(rng: Rng, route: string): string {
  const segment = () =>
    rng.chance(0.4)
      ? rng.pick([known.apiId, known.stage, known.rootId])
      : rng.chance(0.3)
        ? rng.pick(["%ZZ", "%00", "%E0%A4%A", "%", "..", "%2e%2e", "%C0%AF"])
        : encode(randomText(rng).slice(0, 200));
  return route.replace(/\[\[?\.{0,3}[^\]]+\]\]?/g, () => segment() || "x");
}

function randomQuery(rng: Rng): string {
  const keys = ["format", "limit", "actor", "action", "entityType", "entity", "from", "to", "restApiId", "deploymentId", "shape", "next", rng.pick(FIELDS)];
  const parts = Array.from({ length: rng.int(4) }, () => {
    const value = rng.chance(0.3) ? rng.pick(["%00", "%ZZ", "%", "%E0%A4%A", "%FF"]) : encode(randomText(rng).slice(0, 300));
    return `${rng.pick(keys)}=${value}`;
  });
  return parts.length ? `?${parts.join("&")}` : "";
}

/** The id of the newest audit row: unchanged means nothing was written. */
async function newestAuditId(admin: APIRequestContext): Promise<string | undefined> {
  const res = await admin.get("/api/history?format=json&limit=1");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { id: string }[])[0]?.id;
}

/** The failure of one answer, or undefined: a 5xx status, or an action result saying 5xx. */
function serverFault(status: number, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}: ${text.slice(0, 200)}`;
  // An action's ActionResult ({ ok: false, status, … }) or the push stream's error line; not any "status" in a rendered page.
  const inResult = /(?:"ok":false|"type":"error"),"status":(5\d\d)/.exec(text);
  return inResult ? `result status ${inResult[1]}: ${text.slice(0, 300)}` : undefined;
}

async function signedIn(browser: Browser): Promise<APIRequestContext> {
  const context = await browser.newContext();
  await signIn(await context.newPage(), ADMIN);
  return context.request;
}

/** Sends one input; returns [fault, whether the answer was a success that may have written]. */
async function send(request: APIRequestContext, method: string, url: string, options: { headers?: Record<string, string>; data?: string | Buffer } = {}) {
  const res = await request.fetch(url, { method, headers: options.headers, data: options.data, maxRedirects: 0, failOnStatusCode: false, timeout: 60_000 });
  const text = await res.text().catch(() => "");
  return { fault: serverFault(res.status(), text), succeeded: res.status() < 300 && !/"ok":false/.test(text) && !/"type":"error"/.test(text) };
}

test.setTimeout(30 * 60_000);

const faults: string[] = [];
test.beforeEach(() => {
  faults.length = 0;
});
const note = (what: string, fault: string | undefined) => {
  if (fault && faults.length < 50) faults.push(`${what} → ${fault}`);
};

test.beforeAll(async ({ browser }) => {
  const admin = await signedIn(browser);
  const history = (await (await admin.get("/api/history?format=json&limit=5000")).json()) as { restApiId: string | null }[];
  known.apiId = history.find((e) => e.restApiId)?.restApiId ?? known.apiId;
  const api = (await (await admin.get(`/api/apis/${known.apiId}`)).json()) as { design?: { resources: { id: string; parentId: string | null }[] } };
  known.rootId = api.design?.resources.find((r) => r.parentId === null)?.id ?? known.rootId;
});

test(`server actions: ${ACTION_CALLS} seeded inputs answer below 500 and refused ones write nothing`, async ({ browser }) => {
  const rng = prng(SEED);
  const admin = await signedIn(browser);
  const anonymous = (await browser.newContext()).request;
  const actions = actionsFromManifest().filter((a) => a.name !== "signOutAction");
  expect(actions.length).toBeGreaterThan(20);
  let newest = await newestAuditId(admin);
  let refusedWrites = 0;
  for (let i = 0; i < ACTION_CALLS; i++) {
    const action = rng.pick(actions);
    const { contentType, data } = actionBody(rng);
    const headers: Record<string, string> = {
      "next-action": rng.chance(0.97) ? action.id : randomText(rng).replace(/[^\x21-\x7e]/g, "") || "00",
      accept: "text/x-component",
    };
    if (contentType) headers["content-type"] = contentType;
    if (rng.chance(0.05)) headers.origin = rng.pick(["null", "http://evil.example", "file://"]);
    const asAdmin = rng.chance(0.85);
    const path = rng.pick(["/", "/apis", `/apis/${known.apiId}`, "/sign-in", "/history"]);
    const { fault, succeeded } = await send(asAdmin ? admin : anonymous, "POST", path, { headers, data });
    note(`#${i} ${action.name} ${contentType} ${String(data).slice(0, 120)}`, fault);
    const after = await newestAuditId(admin);
    if (after !== newest && !succeeded) {
      refusedWrites++;
      note(`#${i} ${action.name}`, `a refused input wrote audit row ${after}: ${String(data).slice(0, 200)}`);
    }
    newest = after;
  }
  // Over the limit (12 MB for actions): refused with 413 before any decoding, never a 500.
  const huge = await send(admin, "POST", "/", {
    headers: { "next-action": actions[0].id, "content-type": "text/plain;charset=UTF-8" },
    data: Buffer.alloc(13 * 1024 * 1024, 0x61),
  });
  note("13 MB action body", huge.fault);
  expect(await newestAuditId(admin)).toBe(newest);
  expect(faults, faults.join("\n")).toEqual([]);
  expect(refusedWrites).toBe(0);
});

test(`route handlers and pages: ${ROUTE_CALLS} seeded requests answer below 500`, async ({ browser }) => {
  const rng = prng(SEED + 1);
  const admin = await signedIn(browser);
  const anonymous = (await browser.newContext()).request;
  const routes = appRoutes("route.ts").filter((r) => !r.startsWith("/gw"));
  const pages = appRoutes("page.tsx");
  let newest = await newestAuditId(admin);
  for (let i = 0; i < ROUTE_CALLS; i++) {
    const isPage = rng.chance(0.35);
    const url = fillRoute(rng, rng.pick(isPage ? pages : routes)) + randomQuery(rng);
    const method = isPage ? rng.pick(["GET", "GET", "POST", "HEAD"]) : rng.pick(["GET", "GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD"]);
    const headers: Record<string, string> = {};
    if (rng.chance(0.3)) headers.origin = rng.pick(["null", "http://evil.example", "", "file://", "http://127.0.0.1"]);
    let data: string | Buffer | undefined;
    if (method === "POST" || method === "PUT") {
      const body = actionBody(rng);
      headers["content-type"] = rng.pick(["application/json", body.contentType || "text/plain"]);
      data = body.data;
    }
    const { fault, succeeded } = await send(rng.chance(0.8) ? admin : anonymous, method, url, { headers, data });
    note(`#${i} ${method} ${url.slice(0, 200)}`, fault);
    const after = await newestAuditId(admin);
    if (after !== newest && !succeeded) note(`#${i} ${method} ${url.slice(0, 200)}`, `a refused request wrote audit row ${after}`);
    newest = after;
  }
  expect(faults, faults.join("\n")).toEqual([]);
});

test(`local gateway: ${GATEWAY_CALLS} seeded requests answer below 500`, async ({ browser }) => {
  const rng = prng(SEED + 2);
  const anonymous = (await browser.newContext()).request;
  for (let i = 0; i < GATEWAY_CALLS; i++) {
    const path = Array.from({ length: rng.int(4) }, () =>
      rng.chance(0.3) ? rng.pick(["%ZZ", "%00", "%E0%A4%A", "%", "%FF"]) : encode(randomText(rng).slice(0, 100)) || "x",
    ).join("/");
    const url = `/gw/${rng.pick([known.apiId, "nope", "%ZZ"])}/${rng.pick([known.stage, "prod", "%00"])}/${path}${randomQuery(rng)}`;
    const method = rng.pick(["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE"]);
    const body = method === "GET" || method === "HEAD" ? undefined : actionBody(rng);
    const { fault } = await send(anonymous, method, url, { headers: body ? { "content-type": body.contentType || "application/json" } : {}, data: body?.data });
    note(`#${i} ${method} ${url.slice(0, 200)}`, fault);
  }
  expect(faults, faults.join("\n")).toEqual([]);
});

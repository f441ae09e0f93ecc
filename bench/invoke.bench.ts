/**
 * Test invoke and the local gateway.
 * 1. Pipeline latency, p50/p99 over N runs: a MOCK method, and an HTTP method to a loopback
 *    node:http backend — against a direct `fetch` to the same backend (the pipeline's overhead).
 * 2. Local-gateway throughput under a loopback load (autocannon, BENCH_SECONDS, default 30 s):
 *    the gateway's Node handler as `npm start` serves /gw (PGlite in memory, seeded with a deployed
 *    stage) — against the same server answering a fixed JSON body without the pipeline (the ceiling).
 * The load generator runs in this process, sharing the CPU with the server under test (both sides alike).
 * Both comparisons alternate the sides (per call, per load round) after a warm-up, with a GC between rounds.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { systemActor } from "../lib/audit/mutate";
import { openDb } from "../lib/db/client";
import { seedDemo } from "../lib/db/seed";
import { createDeployment } from "../lib/deployment/service";
import { consoleGatewayOptions, createNodeGatewayHandler, ThrottleRegistry } from "../lib/gateway/index";
import { invokeMethod, type InvokeRequest } from "../lib/invoke/index";
import { designOf, startServer } from "../test/helpers/invoke";
import { createRestApi } from "../lib/restapi/service";
import { createStage } from "../lib/stage/service";
import { median, quantile, stats } from "./measure";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);

interface Latency {
  name: string;
  samples: number[];
}

function latencyLine(l: Latency): string {
  const s = stats(l.samples);
  return `${l.name.padEnd(34)} p50 ${s.median.toFixed(3).padStart(8)} ms (p25–p75 ${s.p25.toFixed(3)}–${s.p75.toFixed(3)})   p99 ${quantile(l.samples, 0.99).toFixed(3).padStart(8)} ms   (${l.samples.length} runs)`;
}

/** Per-call latencies of two sides, called in alternating order (A,B,A,B…) after a warm-up. */
async function alternatingLatencies(a: [string, () => Promise<unknown>], b: [string, () => Promise<unknown>], runs: number): Promise<[Latency, Latency]> {
  const sides = [a, b];
  for (let i = 0; i < Math.min(200, runs / 10); i++) for (const [, fn] of sides) await fn();
  globalThis.gc?.();
  const out: [Latency, Latency] = [
    { name: a[0], samples: [] },
    { name: b[0], samples: [] },
  ];
  for (let i = 0; i < runs; i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const t = performance.now();
      await sides[k][1]();
      out[k].samples.push(performance.now() - t);
    }
  }
  for (const l of out) console.log(latencyLine(l));
  return out;
}

const design = (backend: string) =>
  designOf({
    "/pets/{petId}": {
      GET: {
        methodResponses: { "200": { statusCode: "200" }, "404": { statusCode: "404" } },
        integration: {
          type: "MOCK",
          requestTemplates: { "application/json": `#if($input.params('petId') == "0"){"statusCode": 404}#else{"statusCode": 200}#end` },
          integrationResponses: {
            "200": {
              statusCode: "200",
              responseTemplates: { "application/json": `{"id": "$input.params('petId')", "type": "dog", "price": 249.99, "requestId": "$context.requestId"}` },
            },
            "404": { statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": `{"message": "not found"}` } },
          },
        },
      },
    },
    "/pets": {
      GET: {
        methodResponses: { "200": { statusCode: "200" } },
        integration: {
          type: "HTTP",
          httpMethod: "GET",
          uri: `${backend}/petstore/pets`,
          integrationResponses: { "200": { statusCode: "200", responseTemplates: {} } },
        },
      },
    },
  });

const request = (partial: Partial<InvokeRequest>): InvokeRequest => ({
  httpMethod: "GET",
  pathWithQueryString: "/",
  headers: {},
  body: "",
  stageVariables: {},
  stage: null,
  ...partial,
});

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
// autocannon ships no types.
const autocannon = ((await import("autocannon" as string)) as { default: (opts: object) => Promise<AutocannonResult> }).default;

interface LoadRound {
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** Load rounds of both servers in alternating order, GC between rounds; median and spread of each. */
async function alternatingLoad(servers: [string, string][]): Promise<void> {
  const seconds = Math.max(1, Math.round(SECONDS / ROUNDS));
  const rounds: LoadRound[][] = servers.map(() => []);
  // One short untimed round each warms both servers up.
  for (const [, url] of servers) await autocannon({ url, connections: 32, duration: 1, pipelining: 1 });
  for (let r = 0; r < ROUNDS; r++) {
    for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) {
      globalThis.gc?.();
      const res = await autocannon({ url: servers[k][1], connections: 32, duration: seconds, pipelining: 1 });
      rounds[k].push({ rps: res.requests.average, p99: res.latency.p99, non2xx: res.non2xx, errors: res.errors });
    }
  }
  const rps = rounds.map((rs) => stats(rs.map((x) => x.rps)));
  servers.forEach(([name], k) => {
    const p99 = stats(rounds[k].map((x) => x.p99));
    const bad = rounds[k].reduce((n, x) => n + x.non2xx + x.errors, 0);
    console.log(
      `${name.padEnd(34)} median ${rps[k].median.toFixed(0).padStart(7)} req/s (p25–p75 ${rps[k].p25.toFixed(0)}–${rps[k].p75.toFixed(0)})   p99 median ${p99.median} ms (p25–p75 ${p99.p25}–${p99.p75})   non-2xx+errors ${bad}`,
    );
  });
  console.log(`(${ROUNDS} alternating rounds of ${seconds} s per server, 32 connections)`);
  console.log(`ratio: the local gateway serves ${(rps[0].median / rps[1].median).toFixed(3)}x the requests/s of the plain server (medians)`);
}

export default async function (): Promise<void> {
  const backend = await startServer((_req, _body, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('[{"id":1,"type":"dog","price":249.99},{"id":2,"type":"cat","price":124.99}]');
  });
  const d = design(backend.url);
  const options = { apiId: "bench00001" };
  // Keep the backend's recorded requests from growing without bound.
  const trim = () => backend.requests.splice(0);

  console.log("### pipeline latency");
  const [mock] = await alternatingLatencies(
    ["invokeMethod MOCK", () => invokeMethod(d, request({ pathWithQueryString: "/pets/7" }), options)],
    ["(MOCK again, no peer)", () => invokeMethod(d, request({ pathWithQueryString: "/pets/7" }), options)],
    RUNS,
  );
  const [http, direct] = await alternatingLatencies(
    [
      "invokeMethod HTTP (loopback)",
      async () => {
        await invokeMethod(d, request({ pathWithQueryString: "/pets" }), options);
        trim();
      },
    ],
    [
      "direct fetch (loopback)",
      async () => {
        await (await fetch(`${backend.url}/petstore/pets`)).text();
        trim();
      },
    ],
    RUNS,
  );
  const p50 = (l: Latency) => median(l.samples);
  console.log(
    "peer: a direct fetch of the same backend; same output: no (the pipeline also maps the request and response), so this is the pipeline's overhead, not a speed ratio",
  );
  console.log(`overhead: HTTP through the pipeline adds ${(p50(http) - p50(direct)).toFixed(3)} ms at p50; MOCK p50 ${p50(mock).toFixed(3)} ms`);

  console.log("\n### local gateway throughput");
  const handle = await openDb({ dataDir: "memory://" });
  const db = handle.prisma;
  await seedDemo(db);
  const ws = await db.workspace.findUniqueOrThrow({ where: { slug: "demo" } });
  const actor = systemActor(ws.id);
  const api = await createRestApi(db, actor, { name: "bench", design: d });
  const dep = await createDeployment(db, actor, api.id, {});
  await createStage(db, actor, api.id, { name: "prod", deploymentId: dep.id });
  const throttles = new ThrottleRegistry();

  // What `npm start` runs for /gw (and the gateway's own port): the plain Node handler.
  const gatewayHandler = createNodeGatewayHandler({ ...consoleGatewayOptions(async () => db), throttles, appendPeer: true });
  const gateway = await listen((req, res) => void gatewayHandler(req, res));
  const ceiling = await listen((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"id": "7", "type": "dog", "price": 249.99, "requestId": "00000000-0000-0000-0000-000000000000"}');
  });

  const check = await (await fetch(`${gateway.url}/gw/${api.id}/prod/pets/7`)).text();
  console.log(`GET /gw/{api}/prod/pets/7 → ${check}`);
  const fixed = await (await fetch(`${ceiling.url}/gw/x/prod/pets/7`)).text();
  console.log(
    `peer: a plain node:http server answering fixed JSON; same output: ${JSON.parse(check).id === JSON.parse(fixed).id ? "same shape" : "no"} (the same body with a fixed request id; the gateway runs the MOCK integration and both templates per request)`,
  );
  await alternatingLoad([
    ["gateway MOCK /pets/7", `${gateway.url}/gw/${api.id}/prod/pets/7`],
    ["fixed JSON (no pipeline)", `${ceiling.url}/gw/x/prod/pets/7`],
  ]);
  console.log(
    "emulator: none compared in this run. serverless-offline needs the Serverless Framework and a serverless.yml describing Lambda handlers; whether it serves a MOCK integration with these templates offline, without an account, was not verified, so it was not added.",
  );

  for (const s of [gateway.server, ceiling.server]) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  await backend.close();
  await handle.close();
}

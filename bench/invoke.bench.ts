/**
 * Test invoke and the local gateway.
 * 1. Pipeline latency, p50/p99 over N runs: a MOCK method, and an HTTP method to a loopback
 *    node:http backend — against a direct `fetch` to the same backend (the pipeline's overhead).
 * 2. Local-gateway throughput under a loopback load (autocannon, BENCH_SECONDS, default 30 s):
 *    the gateway's Node handler as `npm start` serves /gw (PGlite in memory, seeded with a deployed
 *    stage) — against the same server answering a fixed JSON body without the pipeline (the ceiling).
 * The load generator runs in this process, sharing the CPU with the server under test (both sides alike).
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

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RUNS = Number(process.env.BENCH_RUNS ?? 2000);

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

async function latencies(name: string, runs: number, fn: () => Promise<unknown>): Promise<{ name: string; p50: number; p99: number; mean: number }> {
  for (let i = 0; i < Math.min(200, runs / 10); i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  const r = { name, p50: percentile(samples, 50), p99: percentile(samples, 99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
  console.log(
    `${name.padEnd(34)} p50 ${r.p50.toFixed(3).padStart(8)} ms   p99 ${r.p99.toFixed(3).padStart(8)} ms   mean ${r.mean.toFixed(3).padStart(8)} ms   (${runs} runs)`,
  );
  return r;
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

async function load(name: string, url: string): Promise<{ name: string; rps: number; p50: number; p99: number; non2xx: number; errors: number }> {
  const result = await autocannon({ url, connections: 32, duration: SECONDS, pipelining: 1 });
  const r = { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  console.log(
    `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(8)} req/s   latency p50 ${r.p50} ms  p99 ${r.p99} ms   non-2xx ${r.non2xx}  errors ${r.errors}   (${SECONDS} s, 32 connections)`,
  );
  return r;
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
  const mock = await latencies("invokeMethod MOCK", RUNS, () => invokeMethod(d, request({ pathWithQueryString: "/pets/7" }), options));
  const http = await latencies("invokeMethod HTTP (loopback)", RUNS, async () => {
    await invokeMethod(d, request({ pathWithQueryString: "/pets" }), options);
    trim();
  });
  const direct = await latencies("direct fetch (loopback)", RUNS, async () => {
    await (await fetch(`${backend.url}/petstore/pets`)).text();
    trim();
  });
  console.log(
    `ratio: HTTP through the pipeline costs ${(http.p50 / direct.p50).toFixed(2)}x a direct fetch at p50 (${(http.p50 - direct.p50).toFixed(3)} ms overhead), ${(http.p99 / direct.p99).toFixed(2)}x at p99; MOCK p50 ${mock.p50.toFixed(3)} ms`,
  );

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
  const ours = await load("gateway MOCK /pets/7", `${gateway.url}/gw/${api.id}/prod/pets/7`);
  const peer = await load("fixed JSON (no pipeline)", `${ceiling.url}/gw/x/prod/pets/7`);
  console.log(
    `ratio: the local gateway serves ${(ours.rps / peer.rps).toFixed(3)}x the requests/s of a fixed-JSON node:http server (${ours.rps.toFixed(0)} vs ${peer.rps.toFixed(0)} req/s)`,
  );

  for (const s of [gateway.server, ceiling.server]) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  await backend.close();
  await handle.close();
}

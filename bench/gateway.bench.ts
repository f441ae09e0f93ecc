/**
 * The local gateway against a plain node:http server (issue #18 goals 1, 3 and 5).
 * Both servers run in this process and answer the same request with the same bytes: the gateway
 * serves a deployed stage's MOCK method (PGlite in memory, seeded as `npm start` would be) whose
 * request template picks the status and whose response template renders the body; the plain server
 * writes that body and the same header names (a fresh request id each time) with no pipeline.
 * The bench checks the answers match before it measures anything.
 * Load: autocannon in a process of its own (the servers keep this process to themselves, so its
 * CPU time is theirs), alternating rounds (gateway, plain, plain, gateway, …) after a warm-up, a
 * forced GC before each round; at 32 connections, then at 10× as many. Printed per side: median
 * and p25–p75 of requests/s, of p99 latency and of server CPU time per request (the figure other
 * load on the machine disturbs least), the ratio of the medians, and the load average.
 * BENCH_SECONDS (default 30) is the measured time per side and concurrency; BENCH_ROUNDS (default 6).
 */
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { loadavg } from "node:os";
import { systemActor } from "../lib/audit/mutate";
import { openDb } from "../lib/db/client";
import { seedDemo } from "../lib/db/seed";
import { createDeployment } from "../lib/deployment/service";
import { consoleGatewayOptions, createNodeGatewayHandler, ThrottleRegistry } from "../lib/gateway/index";
import type { ApiDesign } from "../lib/model/design";
import { createRestApi } from "../lib/restapi/service";
import { createStage } from "../lib/stage/service";
import { designOf } from "../test/helpers/invoke";
import { stats } from "./measure";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "32,320").split(",").map(Number);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);

/** What both servers answer to GET …/pets/7. */
export const PET_BODY = '{"id": "7", "type": "dog", "price": 249.99}';

/** The MOCK method: the request template chooses 200 or 404, the response template renders PET_BODY. */
export function benchDesign(): ApiDesign {
  return designOf({
    "/pets/{petId}": {
      GET: {
        methodResponses: { "200": { statusCode: "200" }, "404": { statusCode: "404" } },
        integration: {
          type: "MOCK",
          requestTemplates: { "application/json": `#if($input.params('petId') == "0"){"statusCode": 404}#else{"statusCode": 200}#end` },
          integrationResponses: {
            "200": { statusCode: "200", responseTemplates: { "application/json": `{"id": "$input.params('petId')", "type": "dog", "price": 249.99}` } },
            "404": { statusCode: "404", selectionPattern: "404", responseTemplates: { "application/json": `{"message": "not found"}` } },
          },
        },
      },
    },
  });
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The peer: the gateway's answer written directly, with the same headers (ids fresh per request, as the gateway's). */
function plainHandler(_req: IncomingMessage, res: ServerResponse): void {
  const id = randomUUID();
  res.writeHead(200, { "Content-Type": "application/json", "x-amzn-RequestId": id, "x-amz-apigw-id": id, "Content-Length": Buffer.byteLength(PET_BODY) });
  res.end(PET_BODY);
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

/** One autocannon run in a child process (its JSON report on stdout). */
function autocannon(url: string, connections: number, seconds: number): Promise<AutocannonResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [AUTOCANNON, "-j", "-c", String(connections), "-d", String(seconds), url], { maxBuffer: 16 << 20 }, (err, stdout) =>
      err ? reject(err) : resolve(JSON.parse(stdout) as AutocannonResult),
    );
  });
}

interface Round {
  rps: number;
  p99: number;
  /** This process's CPU time (user + system) per request answered, in µs. */
  cpuUs: number;
  bad: number;
}

async function round(url: string, connections: number, seconds: number): Promise<Round> {
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const r = await autocannon(url, connections, seconds);
  const used = process.cpuUsage(cpu);
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    cpuUs: (used.user + used.system) / Math.max(1, r.requests.total),
    bad: r.non2xx + r.errors + r.timeouts,
  };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

/** Alternating rounds (A B B A A B …) at one concurrency; prints both sides and the ratio. */
async function compare(sides: [string, string][], connections: number): Promise<{ rps: number; p99: number; cpuUs: number }[]> {
  const seconds = Math.max(1, Math.round(SECONDS / ROUNDS));
  // Warm-up, untimed: the gateway's first seconds run unoptimised code (JIT) at a fraction of its speed.
  for (const [, url] of sides) await round(url, connections, WARMUP_SECONDS);
  const rounds: Round[][] = sides.map(() => []);
  const loadBefore = load();
  for (let r = 0; r < ROUNDS; r++) for (const k of r % 2 === 0 ? [0, 1] : [1, 0]) rounds[k].push(await round(sides[k][1], connections, seconds));
  console.log(`${connections} connections, ${ROUNDS} alternating rounds of ${seconds} s per side; load average ${loadBefore} before, ${load()} after`);
  const rps = rounds.map((rs) => stats(rs.map((x) => x.rps)));
  sides.forEach(([name], k) => {
    const p99 = stats(rounds[k].map((x) => x.p99));
    const cpu = stats(rounds[k].map((x) => x.cpuUs));
    const bad = rounds[k].reduce((n, x) => n + x.bad, 0);
    console.log(
      `  ${name.padEnd(26)} ${fmt(rps[k].median).padStart(7)} req/s (p25–p75 ${fmt(rps[k].p25)}–${fmt(rps[k].p75)})   p99 ${fmt(p99.median, 1)} ms (p25–p75 ${fmt(p99.p25, 1)}–${fmt(p99.p75, 1)})   server CPU ${fmt(cpu.median, 1)} µs/request (p25–p75 ${fmt(cpu.p25, 1)}–${fmt(cpu.p75, 1)})   non-2xx/errors ${bad}`,
    );
  });
  const cpu = rounds.map((rs) => stats(rs.map((x) => x.cpuUs)));
  console.log(
    `  CPU-bound ratio: ${fmt(cpu[1].median / cpu[0].median, 3)}x (the plain server's CPU per request over the gateway's, medians: the throughput ratio were CPU the only limit)`,
  );
  const pairRatios = stats(rounds[0].map((x, i) => x.rps / rounds[1][i].rps));
  const medians = rounds.map((rs) => ({
    rps: stats(rs.map((x) => x.rps)).median,
    p99: stats(rs.map((x) => x.p99)).median,
    cpuUs: stats(rs.map((x) => x.cpuUs)).median,
  }));
  console.log(
    `  ratio: the gateway serves ${fmt(rps[0].median / rps[1].median, 3)}x the plain server's requests/s (medians; per-round ratios p25–p75 ${fmt(pairRatios.p25, 3)}–${fmt(pairRatios.p75, 3)})`,
  );
  return medians;
}

/** How each side's medians change from the first concurrency to the last (goal 5: 10× the connections). */
function growth(
  names: string[],
  first: { rps: number; p99: number; cpuUs: number }[],
  last: { rps: number; p99: number; cpuUs: number }[],
  factor: number,
): void {
  console.log(`growth at ${factor}x the connections:`);
  names.forEach((name, k) =>
    console.log(
      `  ${name.padEnd(26)} req/s ×${fmt(last[k].rps / first[k].rps, 2)}   p99 ×${fmt(last[k].p99 / first[k].p99, 2)}   CPU per request ×${fmt(last[k].cpuUs / first[k].cpuUs, 2)}`,
    ),
  );
}

/** The two answers must be the same bytes (body, status, header names) before any timing. */
async function sameAnswer(gatewayUrl: string, plainUrl: string): Promise<boolean> {
  const [g, p] = await Promise.all([fetch(gatewayUrl), fetch(plainUrl)]);
  const names = (r: Response) => [...r.headers.keys()].filter((k) => k !== "date").sort();
  const [gb, pb] = await Promise.all([g.text(), p.text()]);
  console.log(`gateway answer: ${g.status} ${gb}`);
  return g.status === p.status && gb === pb && JSON.stringify(names(g)) === JSON.stringify(names(p));
}

export default async function (): Promise<void> {
  const handle = await openDb({ dataDir: "memory://" });
  const db = handle.prisma;
  await seedDemo(db);
  const ws = await db.workspace.findUniqueOrThrow({ where: { slug: "demo" } });
  const actor = systemActor(ws.id);
  const api = await createRestApi(db, actor, { name: "bench", design: benchDesign() });
  const dep = await createDeployment(db, actor, api.id, {});
  await createStage(db, actor, api.id, { name: "prod", deploymentId: dep.id });

  // What `npm start` runs for /gw and the gateway's own port: the plain Node handler.
  const handler = createNodeGatewayHandler({ ...consoleGatewayOptions(async () => db), throttles: new ThrottleRegistry(), appendPeer: true });
  const gateway = await listen((req, res) => void handler(req, res));
  const plain = await listen(plainHandler);
  const gatewayUrl = `${gateway.url}/gw/${api.id}/prod/pets/7`;
  const plainUrl = `${plain.url}/gw/${api.id}/prod/pets/7`;
  const same = await sameAnswer(gatewayUrl, plainUrl);
  console.log(
    `peer: a plain node:http server writing the same answer; same output: ${same ? "yes" : "NO"} (status, body bytes, header names; the request ids differ per request on both sides)`,
  );
  if (same) {
    const sides: [string, string][] = [
      ["gateway MOCK + 2 templates", gatewayUrl],
      ["plain node:http", plainUrl],
    ];
    const results = [];
    for (const c of CONNECTIONS) results.push(await compare(sides, c));
    if (results.length > 1) {
      growth(
        sides.map(([name]) => name),
        results[0],
        results[results.length - 1],
        CONNECTIONS[CONNECTIONS.length - 1] / CONNECTIONS[0],
      );
      console.log("  (with more connections than a server can answer at once, each waits its turn: p99 grows with the queue, not with work per request)");
    }
  }
  console.log(
    "emulator: none compared. serverless-offline needs the Serverless Framework and a serverless.yml of Lambda handlers; whether it serves a MOCK integration with these templates offline, without an account, was not verified, so it was not added.",
  );
  for (const s of [gateway.server, plain.server]) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  await handle.close();
}

/**
 * Test invoke's pipeline.
 * 1. Pipeline latency, p50/p99 over N runs: a MOCK method, and an HTTP method to a loopback
 *    node:http backend — against a direct `fetch` to the same backend (the pipeline's overhead).
 * Both sides alternate per call after a warm-up, with a GC before sampling. The local gateway's
 * throughput against a plain node:http server is gateway.bench.ts.
 */
import { invokeMethod, type InvokeRequest } from "../lib/invoke/index";
import { designOf, startServer } from "../test/helpers/invoke";
import { median, quantile, stats } from "./measure";

const RUNS = Number(process.env.BENCH_RUNS ?? 2000);

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

  await backend.close();
}

/**
 * Mapping-template rendering: Gatehouse's engine (lib/template, Velocity 1.7 semantics) against
 * velocityjs (the engine serverless-offline uses), on the same realistic API Gateway templates
 * and payloads in the same run. velocityjs gets an equivalent context ($input/$util/$context/
 * $stageVariables as JS objects and functions; both start each render from the raw body string,
 * which velocityjs JSON.parses once and ours scans once) and
 * its parsed AST cached per template, as ours caches parses by template text. Only templates
 * where both render the same bytes are timed; the others are reported as fidelity differences.
 */
import { availableParallelism, loadavg } from "node:os";
import { Compile, parse } from "velocityjs";
import { renderTemplate, type TemplateInput } from "../lib/template";
import { cachedTemplateCount, clearTemplateCache, TEMPLATE_CACHE_SIZE } from "../lib/template/cache";
import { alternate, report, type Side, speedRatio } from "./measure";

// ---- payloads ---------------------------------------------------------------

const pets = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  type: ["dog", "cat", "fish", "bird"][i % 4],
  name: `Pet ${i} "O'Malley"`,
  price: Math.round((10 + i * 7.3) * 100) / 100,
  tags: i % 3 === 0 ? [] : ["friendly", `t${i}`],
}));
const petsBody = JSON.stringify({ pets, owner: { name: "Ann O'Neil", email: "ann@example.com", vip: true } });

const orders = Array.from({ length: 400 }, (_, i) => ({
  orderId: `ord-${100000 + i}`,
  status: ["NEW", "SHIPPED", "CANCELLED", "DELIVERED"][i % 4],
  total: Math.round(i * 13.37 * 100) / 100,
  customer: { id: `c${i % 50}`, name: `Customer ${i % 50}`, note: i % 7 === 0 ? "call before\ndelivery" : "" },
  lines: Array.from({ length: (i % 3) + 1 }, (_, k) => ({ sku: `SKU-${i}-${k}`, qty: k + 1 })),
}));
const ordersBody = JSON.stringify({ orders, nextToken: "abc==" });

const dynamoBody = JSON.stringify({
  Items: Array.from({ length: 60 }, (_, i) => ({
    id: { S: `item-${i}` },
    title: { S: `Title ${i}: "quoted" & <tagged>` },
    views: { N: String(i * 31) },
    published: { BOOL: i % 2 === 0 },
  })),
  Count: 60,
  ScannedCount: 60,
});

const errorBody = JSON.stringify({ errorMessage: JSON.stringify({ code: "NOT_FOUND", detail: { resource: "pet", id: 42 } }), errorType: "Error" });

const params = {
  path: { petId: "42", stage: "v1" },
  querystring: { limit: "25", sort: "price", q: "friendly dog" },
  header: { "Content-Type": "application/json", Accept: "application/json", "User-Agent": "bench/1.0", "X-Request-Id": "abc-123", Host: "api.example.com" },
};
const context = {
  requestId: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef",
  accountId: "123456789012",
  apiId: "a1b2c3d4e5",
  stage: "prod",
  httpMethod: "POST",
  resourcePath: "/pets/{petId}",
  identity: { sourceIp: "203.0.113.9", userAgent: "bench/1.0", user: "", caller: "" },
  authorizer: { principalId: "user-1", claims: { sub: "u-1", email: "ann@example.com" } },
};
const stageVariables = { table: "Pets", env: "prod", lambdaAlias: "live" };

// ---- templates ------------------------------------------------------------------

export const cases: { name: string; template: string; body: string }[] = [
  {
    name: "params passthrough (AWS default)",
    body: petsBody,
    template: `#set($allParams = $input.params())
{
"body-json" : $input.json('$'),
"params" : {
#foreach($type in $allParams.keySet())
    #set($params = $allParams.get($type))
"$type" : {
    #foreach($paramName in $params.keySet())
    "$paramName" : "$util.escapeJavaScript($params.get($paramName))"
        #if($foreach.hasNext),#end
    #end
}
    #if($foreach.hasNext),#end
#end
},
"stage-variables" : {
#foreach($key in $stageVariables.keySet())
"$key" : "$util.escapeJavaScript($stageVariables.get($key))"
    #if($foreach.hasNext),#end
#end
},
"context" : {
    "account-id" : "$context.accountId",
    "api-id" : "$context.apiId",
    "http-method" : "$context.httpMethod",
    "stage" : "$context.stage",
    "source-ip" : "$context.identity.sourceIp",
    "user-agent" : "$context.identity.userAgent",
    "request-id" : "$context.requestId",
    "resource-path" : "$context.resourcePath"
    }
}`,
  },
  {
    name: "request transform: pets to DynamoDB",
    body: petsBody,
    template: `#set($root = $input.path('$'))
{
  "TableName": "$stageVariables.table",
  "RequestItems": [
#foreach($p in $root.pets)
    {"PutRequest": {"Item": {
      "id": {"N": "$p.id"},
      "type": {"S": "$p.type.toUpperCase()"},
      "name": {"S": "$util.escapeJavaScript($p.name).replaceAll("\\\\'", "'")"},
      "price": {"N": "$p.price"},
      "tags": {"L": [#foreach($t in $p.tags){"S": "$t"}#if($foreach.hasNext),#end#end]}
    }}}#if($foreach.hasNext),#end
#end
  ],
  "owner": "$util.escapeJavaScript($root.owner.name).replaceAll("\\\\'", "'")",
  "requestedBy": "$context.authorizer.claims.sub"
}`,
  },
  {
    name: "response: DynamoDB items to JSON",
    body: dynamoBody,
    template: `#set($items = $input.path('$.Items'))
{
  "count": $input.path('$.Count'),
  "items": [
#foreach($it in $items)
    {
      "id": "$it.id.S",
      "title": "$util.escapeJavaScript($it.title.S)",
      "views": $it.views.N,
      "published": $it.published.BOOL
    }#if($foreach.hasNext),#end
#end
  ]
}`,
  },
  {
    name: "large payload: 400 orders filtered",
    body: ordersBody,
    template: `#set($orders = $input.path('$.orders'))
#set($open = 0)
{
  "orders": [
#foreach($o in $orders)
#if($o.status != "CANCELLED")
#set($open = $open + 1)
    {"id": "$o.orderId", "status": "$o.status.toLowerCase()", "total": $o.total, "customer": "$util.escapeJavaScript($o.customer.name)", "lines": $o.lines.size()#if($o.customer.note != ""), "note": "$util.escapeJavaScript($o.customer.note)"#end},
#end
#end
    {}
  ],
  "open": $open,
  "next": "$util.urlEncode($input.path('$.nextToken'))"
}`,
  },
  {
    name: "simple params + body",
    body: petsBody,
    template: `{ "petId": "$input.params('petId')", "limit": $input.params('limit'), "q": "$util.escapeJavaScript($input.params('q'))", "body": $input.json('$.owner') }`,
  },
  {
    name: "error mapping with parseJson",
    body: errorBody,
    template: `#set($err = $util.parseJson($input.path('$.errorMessage')))
#if($err.code == "NOT_FOUND")
#set($context.responseOverride.status = 404)
#end
{
  "error": "$err.code",
  "resource": "$err.detail.resource",
  "id": $err.detail.id,
  "requestId": "$context.requestId"
}`,
  },
];

// ---- velocityjs context, shaped like serverless-offline's -------------------------------

function jsonPath(root: unknown, path: string): unknown {
  if (path === "$") return root;
  let cur: unknown = root;
  for (const seg of path.replace(/^\$\.?/, "").split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function escapeJavaScript(s: string): string {
  return String(s).replace(/[\\'"/\b\f\n\r\t]|[^\x20-\x7e]/g, (ch) => {
    const map: Record<string, string> = { "\\": "\\\\", "'": "\\'", '"': '\\"', "/": "\\/", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    return map[ch] ?? "\\u" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  });
}

export function velocityjsContext(body: string) {
  let parsed: unknown;
  let done = false;
  const root = () => {
    if (!done) {
      parsed = body ? JSON.parse(body) : {};
      done = true;
    }
    return parsed;
  };
  const responseOverride: Record<string, unknown> = { header: {} };
  return {
    input: {
      body,
      json: (p: string) => JSON.stringify(jsonPath(root(), p)),
      path: (p: string) => jsonPath(root(), p),
      params: (name?: string) =>
        name === undefined
          ? params
          : ((params.path as Record<string, string>)[name] ??
            (params.querystring as Record<string, string>)[name] ??
            (params.header as Record<string, string>)[name] ??
            ""),
    },
    util: {
      escapeJavaScript,
      parseJson: (s: string) => JSON.parse(s),
      urlEncode: (s: string) => encodeURIComponent(s),
      urlDecode: (s: string) => decodeURIComponent(s),
      base64Encode: (s: string) => btoa(s),
      base64Decode: (s: string) => atob(s),
    },
    context: { ...context, responseOverride, requestOverride: { header: {}, path: {}, querystring: {} } },
    stageVariables,
  };
}

export function oursInput(template: string, body: string): TemplateInput {
  return { template, body, params, context, stageVariables };
}

/** Why two outputs differ, in one line: the first differing line of each. */
function firstDifference(ours: string, peer: string): string {
  const a = ours.split("\n");
  const b = peer.split("\n");
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1}: gatehouse ${JSON.stringify((a[i] ?? "<end>").slice(0, 70))} vs velocityjs ${JSON.stringify((b[i] ?? "<end>").slice(0, 70))}`;
  }
  return "same lines, different bytes";
}

/**
 * The clock: this process's CPU time (user + system, all its threads: GC and compiler included),
 * not wall time. The machine is shared (other agents' builds and tests), and wall-clock samples
 * there measure the neighbours as much as the engines; CPU time charges each side for its own work.
 */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const CLOCK = { now: cpuMs };

/** A template at `scale` times its size: the template repeated, one copy per line. */
const scaled = (template: string, scale: number): string => Array.from({ length: scale }, () => template).join("\n");

/**
 * Heap per cached (parsed and compiled) template: fills the cache with distinct variants of the
 * realistic templates (at `scale` times their size), each rendered once so every branch it takes
 * is compiled, and divides the heap growth after a forced GC by the number cached. Without
 * --expose-gc the number is rough.
 */
function reportCacheMemory(scale: number): number {
  clearTemplateCache();
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let chars = 0;
  for (let i = 0; i < TEMPLATE_CACHE_SIZE; i++) {
    const c = cases[i % cases.length];
    const template = `${scaled(c.template, scale)}\n## variant ${i}`;
    chars += template.length;
    try {
      renderTemplate(oursInput(template, c.body));
    } catch {
      // Parsed and compiled (so cached) before it failed: counted all the same.
    }
  }
  globalThis.gc?.();
  const perTemplate = (process.memoryUsage().heapUsed - before) / cachedTemplateCount();
  console.log(
    `### memory${scale === 1 ? "" : ` at ${scale}x template size`}: ${cachedTemplateCount()} cached templates (cache bound ${TEMPLATE_CACHE_SIZE}), ${(perTemplate / 1024).toFixed(1)} KB of heap each` +
      ` (parse + compiled closures; templates average ${Math.round(chars / TEMPLATE_CACHE_SIZE)} characters)${globalThis.gc ? "" : " — rough: no --expose-gc"}`,
  );
  clearTemplateCache();
  return perTemplate;
}

/**
 * Goal 5, cost as work grows: each agreeing template at ten times its size (repeated ten times,
 * same body) against velocityjs, and each engine's 10x against its own 1x, alternating (so
 * machine load hits both sizes alike). Linear growth is 10x; less means a fixed per-render cost
 * (reading the body, setting up the render) is spread wider.
 */
async function reportGrowth(agreeing: typeof cases, velocityjsRender: (t: string, b: string) => string): Promise<void> {
  console.log("\n### 10x template size (each agreeing template repeated ten times, same body)");
  for (const c of agreeing) {
    const big = scaled(c.template, 10);
    console.log(`\n# ${c.name}, 10x template`);
    let ours: string;
    try {
      ours = renderTemplate(oursInput(big, c.body)).output;
    } catch (e) {
      console.log(`not timed: the repeated template fails as it would on AWS (${(e as Error).message.slice(0, 100)})`);
      continue;
    }
    const oursSide = { name: "gatehouse renderTemplate", fn: () => renderTemplate(oursInput(big, c.body)) };
    const peerSide = { name: "velocityjs", fn: () => velocityjsRender(big, c.body) };
    report(await alternate(oursSide, peerSide, { warmup: 20, ...CLOCK }), ours === velocityjsRender(big, c.body));
    const growth = async (side: Side, small: () => unknown) => {
      const cmp = await alternate(side, { name: `${side.name} 1x`, fn: small }, { warmup: 20, ...CLOCK });
      return cmp.a.msPerOp.median / cmp.b.msPerOp.median;
    };
    const g = await growth(oursSide, () => renderTemplate(oursInput(c.template, c.body)));
    const p = await growth(peerSide, () => velocityjsRender(c.template, c.body));
    console.log(`growth for 10x the template: gatehouse ${g.toFixed(1)}x the time, velocityjs ${p.toFixed(1)}x`);
  }
}

export default async function run(): Promise<void> {
  const asts = new Map<string, ReturnType<typeof parse>>();
  const velocityjsRender = (template: string, body: string): string => {
    let ast = asts.get(template);
    if (!ast) {
      ast = parse(template);
      asts.set(template, ast);
    }
    return new Compile(ast).render(velocityjsContext(body));
  };
  // Fidelity first: only templates where both engines agree byte for byte are timed as a speed
  // comparison; the others are named with where they differ (ours is checked against AWS elsewhere).
  const agreeing: typeof cases = [];
  console.log("### fidelity (same output byte for byte?)");
  for (const c of cases) {
    const ours = renderTemplate(oursInput(c.template, c.body)).output;
    JSON.parse(ours);
    const peer = velocityjsRender(c.template, c.body);
    let peerValid = true;
    try {
      JSON.parse(peer);
    } catch {
      peerValid = false;
    }
    if (ours === peer) {
      agreeing.push(c);
      console.log(`  same     ${c.name}: ${ours.length} bytes`);
    } else {
      console.log(
        `  DIFFERS  ${c.name}: ${ours.length} vs ${peer.length} bytes${peerValid ? "" : " (velocityjs output is not valid JSON)"}; ${firstDifference(ours, peer)}`,
      );
    }
  }
  console.log(`${agreeing.length} of ${cases.length} templates agree; only those are timed below.`);

  const perCase: number[] = [];
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")} (${availableParallelism()} cores)`,
  );
  for (const c of agreeing) {
    console.log(`\n# ${c.name}`);
    const cmp = await alternate(
      { name: "gatehouse renderTemplate", fn: () => renderTemplate(oursInput(c.template, c.body)) },
      { name: "velocityjs", fn: () => velocityjsRender(c.template, c.body) },
      { warmup: 50, ...CLOCK },
    );
    report(cmp, true);
    perCase.push(speedRatio(cmp));
  }
  if (agreeing.length === 0) return;

  console.log("\n# all agreeing templates in turn");
  const cmp = await alternate(
    {
      name: "gatehouse renderTemplate",
      fn: () => {
        for (const c of agreeing) renderTemplate(oursInput(c.template, c.body));
      },
    },
    {
      name: "velocityjs",
      fn: () => {
        for (const c of agreeing) velocityjsRender(c.template, c.body);
      },
    },
    { warmup: 20, ...CLOCK },
  );
  report(cmp, true);
  const geo = Math.exp(perCase.reduce((s, r) => s + Math.log(r), 0) / perCase.length);
  console.log(`geometric mean of per-template ratios (agreeing templates): ${geo.toFixed(2)}x`);
  await reportGrowth(agreeing, velocityjsRender);
  console.log("");
  const one = reportCacheMemory(1);
  const ten = reportCacheMemory(10);
  console.log(`memory per cached template grows ${(ten / one).toFixed(1)}x for 10x the template`);
  console.log(
    `load average at end: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`,
  );
}

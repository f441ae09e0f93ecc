/**
 * Push to API Gateway: number of calls and simulated wall time under AWS's control-plane quotas,
 * Gatehouse's planned push (reads, then only the calls that differ, then deploy) against a naive
 * one-call-per-object push (every resource, method, response, integration, model, validator,
 * authorizer and gateway response written once, then deploy) — in the same run, on
 * (a) the first push of the demo PetStore, (b) a one-template change to it, (c) a generated
 * 300-resource API. Gatehouse's push runs for real, with the real SDK, against the fake control
 * plane (which implements PutRestApi; a first push of a large API is CreateRestApi + one PutRestApi
 * overwrite, shown next to the per-entity-only push for comparison); both strategies pace on a virtual clock through the same limiter (AWS's quotas: 10 rps
 * burst 40, CreateResource 5/s, CreateDeployment 1 per 5 s…), so the bench takes seconds, not minutes.
 */
import type { ApiDesign } from "../lib/model/design";
import { createApiGatewayClient } from "../lib/aws/client";
import { ApiGatewayLimiter, ManualClock } from "../lib/aws/limiter";
import { push } from "../lib/aws/push";
import { openDb } from "../lib/db/client";
import { seedDemo } from "../lib/db/seed";
import { parseDesign } from "../lib/model/design";
import { generateDesign } from "../lib/snapshot/sample-design";
import { startFakeApiGateway } from "../test/fakes/fake-apigateway";

interface Run {
  calls: number;
  simulatedMs: number;
}

/** The calls a naive push makes: one per object of the design (resources only when new), then deploy. */
function naiveOperations(design: ApiDesign, fresh: boolean): string[] {
  const ops: string[] = [];
  if (fresh) ops.push("CreateRestApi");
  else ops.push("GetResources"); // it still needs the resource ids
  for (const r of design.resources) {
    if (fresh && r.parentId !== null) ops.push("CreateResource");
    for (const m of Object.values(r.methods)) {
      ops.push("PutMethod");
      for (const _ of Object.keys(m.methodResponses)) ops.push("PutMethodResponse");
      if (m.integration) {
        ops.push("PutIntegration");
        for (const _ of Object.keys(m.integration.integrationResponses)) ops.push("PutIntegrationResponse");
      }
    }
  }
  for (const _ of design.models) ops.push(fresh ? "CreateModel" : "UpdateModel");
  for (const _ of design.requestValidators) ops.push(fresh ? "CreateRequestValidator" : "UpdateRequestValidator");
  for (const _ of design.authorizers) ops.push(fresh ? "CreateAuthorizer" : "UpdateAuthorizer");
  for (const _ of design.gatewayResponses) ops.push("PutGatewayResponse");
  ops.push("CreateDeployment", fresh ? "CreateStage" : "UpdateStage");
  return ops;
}

/** Paces a list of operations through AWS's quotas on a virtual clock; returns the simulated time. */
async function simulate(operations: string[]): Promise<Run> {
  const clock = new ManualClock();
  const limiter = new ApiGatewayLimiter({ clock });
  const t0 = clock.now();
  for (const op of operations) await limiter.run(op, async () => undefined);
  return { calls: operations.length, simulatedMs: clock.now() - t0 };
}

/** Gatehouse's push for real against the fake; the previous state is set up first and not counted. */
async function gatehouse(before: ApiDesign | null, after: ApiDesign, strategy: "auto" | "per-entity" = "auto"): Promise<Run> {
  const clock = new ManualClock();
  const fake = await startFakeApiGateway({ now: clock.now });
  const client = createApiGatewayClient({ region: "us-east-1", endpointUrl: fake.url }, { limiter: new ApiGatewayLimiter({ clock }) });
  try {
    let restApiId: string | null = null;
    if (before) restApiId = (await push(client, { design: before, stageName: "prod" })).restApiId;
    clock.advance(60_000); // quotas refilled, as between two real pushes
    fake.reset();
    const t0 = clock.now();
    await push(client, { design: after, restApiId, stageName: "prod", strategy });
    return { calls: fake.calls.filter((c) => c.status !== 429).length, simulatedMs: clock.now() - t0 };
  } finally {
    client.destroy();
    await fake.close();
  }
}

async function petStore(): Promise<ApiDesign> {
  const handle = await openDb({ dataDir: "memory://" });
  try {
    await seedDemo(handle.prisma);
    const row = await handle.prisma.restApi.findFirstOrThrow({ where: { name: "PetStore" } });
    return parseDesign(row.design);
  } finally {
    await handle.close();
  }
}

function withTemplateChange(design: ApiDesign): ApiDesign {
  const d = structuredClone(design);
  for (const r of d.resources)
    for (const m of Object.values(r.methods))
      for (const ir of Object.values(m.integration?.integrationResponses ?? {})) {
        ir.responseTemplates["application/json"] = `${ir.responseTemplates["application/json"] ?? ""}\n## changed`;
        return d;
      }
  throw new Error("no integration response to change");
}

function line(label: string, ours: Run, naive: Run) {
  const s = (ms: number) => (ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
  const timeRatio =
    ours.simulatedMs > 0
      ? `${(naive.simulatedMs / ours.simulatedMs).toFixed(2)}x the simulated time`
      : naive.simulatedMs > 0
        ? "gatehouse needs no waiting"
        : "both fit in the bursts";
  console.log(
    `${label.padEnd(36)} gatehouse ${String(ours.calls).padStart(5)} calls ${s(ours.simulatedMs).padStart(9)} | naive ${String(naive.calls).padStart(5)} calls ${s(naive.simulatedMs).padStart(9)} | ratio: naive makes ${(naive.calls / ours.calls).toFixed(2)}x the calls, ${timeRatio}`,
  );
}

export default async function bench() {
  process.env.AWS_ACCESS_KEY_ID ??= "AKIDBENCH";
  process.env.AWS_SECRET_ACCESS_KEY ??= "bench";
  const demo = await petStore();
  line("(a) first push, demo PetStore", await gatehouse(null, demo), await simulate(naiveOperations(demo, true)));
  const changed = withTemplateChange(demo);
  line("(b) one-template change", await gatehouse(demo, changed), await simulate(naiveOperations(changed, false)));
  const big = generateDesign({ resources: 300, seed: 11 });
  const naiveBig = await simulate(naiveOperations(big, true));
  line("(c) first push, 300 resources", await gatehouse(null, big), naiveBig);
  // The same push without PutRestApi: what one call per changed entity costs (the strategy before PutRestApi).
  line("(c) same, per-entity only", await gatehouse(null, big, "per-entity"), naiveBig);
  const bigChanged = withTemplateChange(big);
  line("(c') one-template change, 300 res.", await gatehouse(big, bigChanged), await simulate(naiveOperations(bigChanged, false)));
  console.log("Gatehouse's counts include its reads (GetRestApi, GetResources embed=methods, models, validators, authorizers, gateway responses, GetStage).");
}

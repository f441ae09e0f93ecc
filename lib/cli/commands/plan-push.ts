/**
 * `gatehouse plan|push --openapi FILE --stage NAME --region R [--api-id ID | --api-name NAME] [--endpoint URL] [--json]`:
 * the console's plan and push for pipelines, with no server and no database. Credentials come
 * from the default AWS provider chain. `plan` prints the calls it would make; `push` makes them,
 * creates the deployment and points the stage at it; with --json the last line is
 * `{"restApiId", "deploymentId", "stage", "calls"}`. Exit 1 with AWS's error on failure.
 */
import type { Command } from "commander";
import { GetRestApiCommand, GetRestApisCommand, NotFoundException, type APIGatewayClient } from "@aws-sdk/client-api-gateway";
import { createApiGatewayClient } from "../../aws/client";
import { executePush, planPush, PushError, type PushPlan } from "../../aws/push";
import { loadDesignFile } from "../../snapshot/load";

interface PlanPushOptions {
  openapi?: string;
  stage?: string;
  region?: string;
  apiId?: string;
  apiName?: string;
  endpoint?: string;
  json?: boolean;
}

function checkOptions(o: PlanPushOptions): string[] {
  const errors: string[] = [];
  if (!o.openapi) errors.push("--openapi FILE is required");
  if (!o.stage) errors.push("--stage NAME is required");
  else if (!/^[A-Za-z0-9_-]{1,128}$/.test(o.stage)) errors.push("--stage only allows a-zA-Z0-9_- (1 to 128 characters)");
  if (!o.region && !process.env.AWS_REGION) errors.push("--region is required (or AWS_REGION)");
  if (o.apiId && o.apiName) errors.push("give --api-id or --api-name, not both");
  return errors;
}

/** The REST API to update: by id, or the one with that name (an ambiguous name is an error); null creates one. */
async function findApi(client: APIGatewayClient, o: PlanPushOptions): Promise<string | null> {
  if (o.apiId) {
    // An explicit id must exist: creating a new API instead would hide a typo in a pipeline.
    try {
      await client.send(new GetRestApiCommand({ restApiId: o.apiId }));
    } catch (e) {
      if (e instanceof NotFoundException) throw new Error(`REST API ${o.apiId} not found in this account and region (${(e as Error).message})`);
      throw e;
    }
    return o.apiId;
  }
  if (!o.apiName) return null;
  const matches: string[] = [];
  let position: string | undefined;
  do {
    const page = await client.send(new GetRestApisCommand({ limit: 500, position }));
    for (const api of page.items ?? []) if (api.name === o.apiName && api.id) matches.push(api.id);
    position = page.position;
  } while (position);
  if (matches.length > 1) throw new Error(`${matches.length} REST APIs are named ${o.apiName} (${matches.join(", ")}): use --api-id`);
  return matches[0] ?? null;
}

function describePlan(plan: PushPlan): string {
  const lines = [
    plan.restApiId ? `REST API ${plan.restApiId} (${plan.apiName})` : `A new REST API ${plan.apiName} will be created`,
    `${plan.calls.length} change call(s): ${plan.summary.creates} create, ${plan.summary.updates} update, ${plan.summary.deletes} delete`,
    ...plan.calls.map((c, i) => `  ${String(i + 1).padStart(3)}. ${c.operation.padEnd(26)} ${c.description}`),
    `then CreateDeployment and ${plan.deployment.stageExists ? "UpdateStage" : "CreateStage"} ${plan.stageName}`,
    ...plan.notes.map((n) => `note: ${n}`),
  ];
  return lines.join("\n");
}

function register(program: Command, name: "plan" | "push") {
  program
    .command(name)
    .description(name === "plan" ? "Show the AWS calls a push of an OpenAPI file to a stage would make" : "Push an OpenAPI file to API Gateway and deploy it to a stage")
    .option("--openapi <file>", "OpenAPI 3 / Swagger 2 file (JSON or YAML) with x-amazon-apigateway-* extensions, or a Gatehouse snapshot")
    .option("--stage <name>", "stage to deploy to")
    .option("--region <region>", "AWS region (default: AWS_REGION)")
    .option("--api-id <id>", "REST API to update")
    .option("--api-name <name>", "REST API to update, found by name (created when none has it)")
    .option("--endpoint <url>", "API Gateway endpoint override (LocalStack and similar)")
    .option("--json", "machine-readable output")
    .action(async (o: PlanPushOptions) => {
      const errors = checkOptions(o);
      if (errors.length) {
        for (const e of errors) process.stderr.write(`gatehouse ${name}: ${e}\n`);
        process.exitCode = 1;
        return;
      }
      const design = loadDesignFile(o.openapi!);
      // --api-name names the API: a push that creates it must give it that name, or the next run would not find it.
      if (o.apiName) design.name = o.apiName;
      const client = createApiGatewayClient({ region: o.region ?? process.env.AWS_REGION!, endpointUrl: o.endpoint ?? null });
      try {
        const plan = await planPush(client, { design, restApiId: await findApi(client, o), stageName: o.stage! });
        if (name === "plan") {
          process.stdout.write(o.json ? `${JSON.stringify(plan)}\n` : `${describePlan(plan)}\n`);
          return;
        }
        if (!o.json) process.stdout.write(`${describePlan(plan)}\n`);
        const result = await executePush(client, plan, {
          onProgress: o.json ? undefined : (done, total, call) => process.stdout.write(`[${done}/${total}] ${call.ok ? "ok  " : "FAIL"} ${call.description}\n`),
        });
        const summary = { restApiId: result.restApiId, deploymentId: result.deploymentId, stage: result.stageName, calls: result.calls.length };
        process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : `Deployed ${summary.deploymentId} to stage ${summary.stage} of ${summary.restApiId} in ${summary.calls} calls\n`);
      } catch (e) {
        const message = e instanceof PushError ? `${e.failed.description} failed: ${e.failed.error?.message ?? e.message} (after ${e.completed.length} successful calls; run again to continue${e.restApiId ? ` with --api-id ${e.restApiId}` : ""})` : (e as Error).message;
        process.stderr.write(`gatehouse ${name}: ${message}\n`);
        process.exitCode = 1;
      } finally {
        client.destroy();
      }
    });
}

export const registerPlan = (program: Command) => register(program, "plan");
export const registerPush = (program: Command) => register(program, "push");

/**
 * `gatehouse plan|push --openapi FILE --stage NAME --region R [--api-id ID | --api-name NAME]
 * [--endpoint URL] [--strategy auto|per-entity|put-rest-api] [--json]`: the console's plan and push
 * for pipelines, with no server and no database. Credentials come from the default AWS provider
 * chain. `plan` prints the calls it would make; `push` makes them, creates the deployment and
 * points the stage at it, or sends nothing when the stage already runs a deployment this CLI made
 * from the same design. With --json the last line is `{"restApiId", "deploymentId", "stage",
 * "calls", "upToDate"}`. Exit 2 for bad arguments (nothing sent), 1 with AWS's error on failure.
 */
import type { Command } from "commander";
import { stageNameProblem } from "../args";
import { createApiGatewayClient } from "../../aws/client";
import { executePush, planPush, type PlanPushInput, type PushPlan } from "../../aws/push";
import { loadDesignFile } from "../../openapi/load";
import { cliDeploymentDescription, deploymentOfThisDesign, findApi } from "./plan-push-aws";
import { describeFailure, describeOutcome, describePlan } from "./plan-push-output";

type Strategy = NonNullable<PlanPushInput["strategy"]>;
const STRATEGIES: Strategy[] = ["auto", "per-entity", "put-rest-api"];

interface PlanPushOptions {
  openapi?: string;
  stage?: string;
  region?: string;
  apiId?: string;
  apiName?: string;
  endpoint?: string;
  strategy?: string;
  json?: boolean;
}

function checkOptions(o: PlanPushOptions): string[] {
  const errors: string[] = [];
  if (!o.openapi) errors.push("--openapi FILE is required");
  if (!o.stage) errors.push("--stage NAME is required");
  else {
    const problem = stageNameProblem(o.stage);
    if (problem) errors.push(problem);
  }
  if (!o.region && !process.env.AWS_REGION) errors.push("--region is required (or AWS_REGION)");
  if (o.apiId && o.apiName) errors.push("give --api-id or --api-name, not both");
  if (o.strategy !== undefined && !STRATEGIES.includes(o.strategy as Strategy))
    errors.push(`--strategy must be auto, per-entity or put-rest-api, not "${o.strategy}"`);
  return errors;
}

async function run(name: "plan" | "push", o: PlanPushOptions): Promise<void> {
  const design = loadDesignFile(o.openapi!);
  // --api-name names the API: a push that creates it must give it that name, or the next run would not find it.
  if (o.apiName) design.name = o.apiName;
  const description = cliDeploymentDescription(design);
  const client = createApiGatewayClient({ region: o.region ?? process.env.AWS_REGION!, endpointUrl: o.endpoint ?? null });
  let plan: PushPlan | null = null;
  try {
    const restApiId = await findApi(client, o);
    const deployedDeploymentId = await deploymentOfThisDesign(client, restApiId, o.stage!, description);
    plan = await planPush(client, {
      design,
      restApiId,
      stageName: o.stage!,
      deploymentDescription: description,
      deployedDeploymentId,
      strategy: o.strategy as Strategy | undefined,
    });
    if (name === "plan") {
      process.stdout.write(o.json ? `${JSON.stringify(plan)}\n` : `${describePlan(plan)}\n`);
      return;
    }
    if (!o.json) process.stdout.write(`${describePlan(plan)}\n`);
    const result = await executePush(client, plan, {
      onProgress: o.json ? undefined : (done, total, call) => process.stdout.write(`[${done}/${total}] ${call.ok ? "ok  " : "FAIL"} ${call.description}\n`),
    });
    process.stdout.write(`${describeOutcome(plan, result, !!o.json)}\n`);
  } catch (e) {
    process.stderr.write(`gatehouse ${name}: ${describeFailure(e, plan)}\n`);
    process.exitCode = 1;
  } finally {
    client.destroy();
  }
}

function register(program: Command, name: "plan" | "push") {
  program
    .command(name)
    .description(
      name === "plan"
        ? "Show the AWS calls a push of an OpenAPI file to a stage would make"
        : "Push an OpenAPI file to API Gateway and deploy it to a stage (nothing is sent when the stage already runs it)",
    )
    .option("--openapi <file>", "OpenAPI 3 / Swagger 2 file (JSON or YAML) with x-amazon-apigateway-* extensions, or a Gatehouse snapshot")
    .option("--stage <name>", "stage to deploy to")
    .option("--region <region>", "AWS region (default: AWS_REGION)")
    .option("--api-id <id>", "REST API to update")
    .option("--api-name <name>", "REST API to update, found by name (created when none has it)")
    .option("--endpoint <url>", "API Gateway endpoint override (LocalStack and similar)")
    .option(
      "--strategy <strategy>",
      "auto, per-entity or put-rest-api (default auto: one PutRestApi for a new or empty API, or when per-entity calls would outrun the burst; per-entity: never PutRestApi, for emulators without it; put-rest-api: whenever it is fewer calls)",
    )
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      "\nExit codes: 0 done (or nothing to change), 1 AWS refused or failed (its code and message on stderr), 2 bad arguments (nothing sent).",
    )
    .action(async (o: PlanPushOptions) => {
      const errors = checkOptions(o);
      if (errors.length) {
        for (const e of errors) process.stderr.write(`gatehouse ${name}: ${e}\n`);
        process.exitCode = 2;
        return;
      }
      await run(name, o);
    });
}

export const registerPlan = (program: Command) => register(program, "plan");
export const registerPush = (program: Command) => register(program, "push");

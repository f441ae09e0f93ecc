/**
 * `planPush`: read what is live and list the calls that make it match the design, in the order
 * AWS needs them (nothing when it already matches). One planner per entity kind; this file only
 * puts them in order:
 *
 * 1. the REST API; 2. models, request validators, authorizers and gateway responses (methods
 * refer to them); 3. resources, parents first; 4. methods with their responses and integrations;
 * 5. deletions: methods, then resources (the topmost removed one takes its subtree with it), then
 * API-level entities nothing refers to any more. Then the PutRestApi strategy may replace all of
 * it with one overwrite, and the stage end is planned.
 */
import type { APIGatewayClient } from "@aws-sdk/client-api-gateway";
import type { ApiGatewayLimiter } from "../limiter";
import { STAGE_NAME, STAGE_NAME_RULE } from "../../stage/rules";
import { readLiveApi, readStage } from "../live";
import { planAuthorizerDeletes, planAuthorizers } from "./authorizers";
import { type PlanContext, planContext } from "./context";
import { planGatewayResponseDeletes, planGatewayResponses } from "./gateway-responses";
import { planMethods } from "./methods";
import { planModelDeletes, planModels } from "./models";
import { planResourceCreates, planResourceDeletes, resourceTree } from "./resources";
import { planRestApi } from "./rest-api";
import { planDeployment } from "./stage";
import { chooseStrategy } from "./strategy";
import type { PlanPushInput, PlannedCall, PushPlan } from "./types";
import { planValidatorDeletes, planValidators } from "./validators";

type Opts = { limiter?: ApiGatewayLimiter };

export async function planPush(client: APIGatewayClient, input: PlanPushInput, opts: Opts = {}): Promise<PushPlan> {
  const { design, stageName } = input;
  if (!STAGE_NAME.test(stageName)) throw new Error(STAGE_NAME_RULE);
  const live = input.restApiId ? (input.live !== undefined ? input.live : await readLiveApi(client, input.restApiId, opts)) : null;
  const ctx = planContext(design, live);
  if (input.restApiId && !live) ctx.notes.push(`REST API ${input.restApiId} was not found in this account and Region; the push creates a new one.`);

  const { calls, strategy } = chooseStrategy(ctx, planEntityCalls(ctx), input.strategy);
  const stage = live ? await readStage(client, live.restApi.id!, stageName, opts) : null;
  const deployment = planDeployment(input, stage, !!live, calls.length, ctx.notes);
  return {
    restApiId: live ? live.restApi.id! : null,
    apiName: design.name,
    stageName,
    bindings: ctx.bindings,
    calls,
    deployment,
    summary: summarise(calls),
    strategy,
    notes: ctx.notes,
  };
}

/** Every per-entity call, in dependency order. Each planner binds the live ids it finds, which later planners read: the order of the steps matters. */
export function planEntityCalls(ctx: PlanContext): PlannedCall[] {
  const tree = resourceTree(ctx.design, ctx.live);
  const before = [planRestApi(ctx), planModels(ctx), planValidators(ctx), planAuthorizers(ctx), planGatewayResponses(ctx), planResourceCreates(ctx, tree)];
  const methods = planMethods(ctx, tree);
  const deletes = [
    methods.deletes,
    planResourceDeletes(ctx, tree),
    planGatewayResponseDeletes(ctx),
    planAuthorizerDeletes(ctx),
    planValidatorDeletes(ctx),
    planModelDeletes(ctx),
  ];
  return [...before, methods.changes, ...deletes].flat();
}

function summarise(calls: PlannedCall[]): PushPlan["summary"] {
  const summary = { creates: 0, updates: 0, deletes: 0 };
  for (const c of calls) {
    if (c.kind === "create") summary.creates++;
    else if (c.kind === "update") summary.updates++;
    else if (c.kind === "delete") summary.deletes++;
  }
  return summary;
}

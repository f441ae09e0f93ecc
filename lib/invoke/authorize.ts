/**
 * Authorize: CUSTOM (Lambda) and COGNITO_USER_POOLS authorizers.
 * - A simulated result in the request (`InvokeRequest.authorizer`) fills `$context.authorizer` —
 *   principalId, `claims.X` for Cognito, the Lambda authorizer's context keys — and the log says
 *   it is SIMULATED.
 * - Otherwise, with `callAuthorizer` and an AWS connection (options.lambda), a TOKEN or REQUEST
 *   Lambda authorizer runs for real (lambda-authorizer.ts). Cognito user pool authorizers are not
 *   called (Gatehouse does not verify Cognito tokens): they stay simulated or skipped.
 * - Otherwise authorization is skipped as TestInvokeMethod skips it, and the log says so.
 */
import type { Authorizer, Method } from "../model/design";
import type { InvocationContext, SimulatedAuthorizer } from "./context";
import { configurationError } from "./errors";
import { runLambdaAuthorizer } from "./lambda-authorizer";
import { javaMap } from "./log";

const AUTHORIZED_TYPES = new Set(["CUSTOM", "COGNITO_USER_POOLS"]);

function describe(method: Method, authorizer: Authorizer | undefined): string {
  const name = authorizer ? ` ${authorizer.name}` : "";
  return method.authorizationType === "CUSTOM" ? `Lambda authorizer${name}` : `Cognito user pool authorizer${name}`;
}

/** What `$context.authorizer` holds for a simulated result: principalId, the context map's keys, and `claims` when given. */
export function authorizerVariables(sim: SimulatedAuthorizer): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A Lambda authorizer's context values reach the API stringified.
  for (const [k, v] of Object.entries(sim.context ?? {})) out[k] = String(v);
  if (sim.principalId !== undefined) out.principalId = sim.principalId;
  if (sim.claims && Object.keys(sim.claims).length > 0) out.claims = { ...sim.claims };
  return out;
}

/** The log line for a simulated result; it says plainly that no authorizer ran. */
export function simulatedAuthorizerLine(sim: SimulatedAuthorizer): string {
  const parts = [`principalId=${sim.principalId ?? "(none)"}`];
  if (sim.claims && Object.keys(sim.claims).length > 0) parts.push(`claims=${javaMap(sim.claims)}`);
  if (sim.context && Object.keys(sim.context).length > 0) parts.push(`context=${javaMap(sim.context)}`);
  return `Authorizer result (SIMULATED by Gatehouse, no authorizer ran): ${parts.join(", ")}`;
}

export async function authorize(ctx: InvocationContext): Promise<void> {
  const method = ctx.method!;
  const sim = ctx.input.authorizer;
  if (!AUTHORIZED_TYPES.has(method.authorizationType)) {
    if (sim) ctx.log.add(`Simulated authorizer result ignored: the method's authorization type is ${method.authorizationType}`);
    return;
  }
  const authorizer = method.authorizerId ? ctx.design.authorizers.find((a) => a.id === method.authorizerId) : undefined;
  if (!sim && ctx.input.callAuthorizer && method.authorizationType === "CUSTOM") {
    if (!authorizer) throw configurationError(`The method's authorizer ${method.authorizerId ?? "(none)"} does not exist`);
    if (!ctx.options.lambda) {
      throw configurationError(
        `Calling the ${describe(method, authorizer)} needs an AWS connection; bind this API to an AWS connection, or test with a simulated authorizer result`,
      );
    }
    const result = await runLambdaAuthorizer(ctx, authorizer);
    ctx.authorizer = result.variables;
    ctx.authorizerRun = { latencyMs: result.latencyMs, usageIdentifierKey: result.usageIdentifierKey };
    ctx.contextVariables = { ...ctx.contextVariables, authorizer: ctx.authorizer };
    return;
  }
  if (!sim) {
    if (ctx.input.callAuthorizer && method.authorizationType === "COGNITO_USER_POOLS") {
      ctx.log.add(
        `Cognito user pool authorizers are not called by Gatehouse: ${describe(method, authorizer)} skipped; give a simulated result to fill $context.authorizer.claims`,
      );
      return;
    }
    ctx.log.add(
      `Authorization skipped: Gatehouse does not run the ${describe(method, authorizer)} (TestInvokeMethod skips authorization too); $context.authorizer is empty`,
    );
    return;
  }
  ctx.authorizer = authorizerVariables(sim);
  ctx.contextVariables = { ...ctx.contextVariables, authorizer: ctx.authorizer };
  ctx.log.add(simulatedAuthorizerLine(sim));
}

/**
 * Authorize: CUSTOM (Lambda) and COGNITO_USER_POOLS authorizers cannot run locally without AWS.
 * With a simulated result in the request (`InvokeRequest.authorizer`) this fills
 * `$context.authorizer` — principalId, `claims.X` for Cognito, the Lambda authorizer's context
 * keys — and logs that the result is SIMULATED. Without one, authorization is skipped as
 * TestInvokeMethod skips it, and the log says so.
 */
import type { Authorizer, Method } from "../model/design";
import type { InvocationContext, SimulatedAuthorizer } from "./context";
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

export function authorize(ctx: InvocationContext): void {
  const method = ctx.method!;
  const sim = ctx.input.authorizer;
  if (!AUTHORIZED_TYPES.has(method.authorizationType)) {
    if (sim) ctx.log.add(`Simulated authorizer result ignored: the method's authorization type is ${method.authorizationType}`);
    return;
  }
  const authorizer = method.authorizerId ? ctx.design.authorizers.find((a) => a.id === method.authorizerId) : undefined;
  if (!sim) {
    ctx.log.add(
      `Authorization skipped: Gatehouse does not run the ${describe(method, authorizer)} (TestInvokeMethod skips authorization too); $context.authorizer is empty`,
    );
    return;
  }
  ctx.authorizer = authorizerVariables(sim);
  ctx.contextVariables = { ...ctx.contextVariables, authorizer: ctx.authorizer };
  ctx.log.add(simulatedAuthorizerLine(sim));
}

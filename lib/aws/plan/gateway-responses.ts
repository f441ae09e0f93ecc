/** Gateway responses, matched by type: put when missing or different, reset to AWS's default (deleted) when the design drops them. */
import { compact, sameMap } from "../diff";
import { type PlanContext, sameScalarText } from "./context";
import type { PlannedCall } from "./types";

/** AWS's template for a gateway response put without one (rec test_gateway_response_put/put-gateway-response-status-only). */
const DEFAULT_GATEWAY_TEMPLATES = { "application/json": '{"message":$context.error.messageString}' };

/** The templates AWS stores for a customised gateway response: a Put without any gets AWS's default. */
function templatesAwsKeeps(g: { responseTemplates?: Record<string, string> }): Record<string, string> {
  return Object.keys(g.responseTemplates ?? {}).length ? (g.responseTemplates as Record<string, string>) : DEFAULT_GATEWAY_TEMPLATES;
}

function liveByType(ctx: PlanContext) {
  return new Map((ctx.live?.gatewayResponses ?? []).map((g) => [g.responseType as string, g]));
}

export function planGatewayResponses(ctx: PlanContext): PlannedCall[] {
  const live = liveByType(ctx);
  const calls: PlannedCall[] = [];
  for (const g of ctx.design.gatewayResponses) {
    const l = live.get(g.responseType);
    const same =
      l &&
      sameScalarText(l.statusCode, g.statusCode) &&
      sameMap(l.responseParameters, g.responseParameters) &&
      sameMap(l.responseTemplates, templatesAwsKeeps(g));
    if (same) continue;
    calls.push({
      operation: "PutGatewayResponse",
      target: `gateway response ${g.responseType}`,
      description: `${l ? "Update" : "Customise"} gateway response ${g.responseType}`,
      kind: l ? "update" : "create",
      params: compact({
        restApiId: ctx.restApiId,
        responseType: g.responseType,
        statusCode: g.statusCode,
        responseParameters: g.responseParameters,
        responseTemplates: g.responseTemplates,
      }),
    });
  }
  return calls;
}

/** Customised live responses the design no longer has go back to AWS's default. */
export function planGatewayResponseDeletes(ctx: PlanContext): PlannedCall[] {
  const designTypes = new Set<string>(ctx.design.gatewayResponses.map((g) => g.responseType));
  return [...liveByType(ctx).keys()]
    .filter((g) => !designTypes.has(g))
    .map((g) => ({
      operation: "DeleteGatewayResponse",
      target: `gateway response ${g}`,
      description: `Reset gateway response ${g} to its default`,
      kind: "delete" as const,
      params: { restApiId: ctx.restApiId, responseType: g },
    }));
}

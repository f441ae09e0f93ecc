/**
 * Design commands on a method's integration and its integration responses. commands.ts merges
 * these schemas and handlers into `designCommandSchema` and `applyCommand`.
 */
import { z } from "zod";
import { INTEGRATION_TYPES, integrationResponseSchema, integrationSchema } from "./design";
import * as ops from "./operations";
import { type CommandHandlers, id, methodOf, pathOf, verb } from "./command-support";

export const integrationCommandSchemas = [
  z.object({
    type: z.literal("putIntegration"),
    resourceId: id,
    httpMethod: verb,
    integration: integrationSchema
      .omit({ integrationResponses: true })
      .partial()
      .extend({ type: z.enum(INTEGRATION_TYPES) }),
  }),
  z.object({ type: z.literal("putIntegrationResponse"), resourceId: id, httpMethod: verb, response: integrationResponseSchema }),
  z.object({ type: z.literal("deleteIntegrationResponse"), resourceId: id, httpMethod: verb, statusCode: z.string() }),
] as const;

type IntegrationCommand = z.infer<(typeof integrationCommandSchemas)[number]>;

export const integrationCommandHandlers: CommandHandlers<IntegrationCommand> = {
  putIntegration(design, command) {
    const next = ops.putIntegration(design, command.resourceId, command.httpMethod, command.integration);
    const path = pathOf(next, command.resourceId);
    const before = methodOf(design, command.resourceId, command.httpMethod)?.integration;
    return {
      design: next,
      action: before ? "integration.update" : "integration.create",
      entityType: "integration",
      entityId: `${path} ${command.httpMethod}`,
      summary: `Set ${command.integration.type} integration of ${command.httpMethod} ${path}`,
      before: withoutResponses(before),
      after: withoutResponses(methodOf(next, command.resourceId, command.httpMethod)?.integration),
    };
  },

  putIntegrationResponse(design, command) {
    const next = ops.putIntegrationResponse(design, command.resourceId, command.httpMethod, command.response);
    const path = pathOf(next, command.resourceId);
    const code = command.response.statusCode;
    const before = methodOf(design, command.resourceId, command.httpMethod)?.integration?.integrationResponses[code];
    return {
      design: next,
      action: before ? "integrationResponse.update" : "integrationResponse.create",
      entityType: "integrationResponse",
      entityId: `${path} ${command.httpMethod} ${code}`,
      summary: `Set integration response ${code} of ${command.httpMethod} ${path}`,
      before: before ?? null,
      after: methodOf(next, command.resourceId, command.httpMethod)?.integration?.integrationResponses[code],
    };
  },

  deleteIntegrationResponse(design, command) {
    const next = ops.deleteIntegrationResponse(design, command.resourceId, command.httpMethod, command.statusCode);
    const path = pathOf(design, command.resourceId);
    return {
      design: next,
      action: "integrationResponse.delete",
      entityType: "integrationResponse",
      entityId: `${path} ${command.httpMethod} ${command.statusCode}`,
      summary: `Deleted integration response ${command.statusCode} of ${command.httpMethod} ${path}`,
      before: methodOf(design, command.resourceId, command.httpMethod)?.integration?.integrationResponses[command.statusCode],
      after: null,
    };
  },
};

/** The integration alone: each integration response has a history of its own. */
function withoutResponses(integration: Record<string, unknown> | undefined) {
  if (!integration) return null;
  const { integrationResponses: _r, ...rest } = integration;
  return rest;
}

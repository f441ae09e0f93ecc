/**
 * Design commands on a method and its method responses (the method request side). The
 * integration and its responses are in integration-commands.ts. commands.ts merges these
 * schemas and handlers into `designCommandSchema` and `applyCommand`.
 */
import { z } from "zod";
import { methodResponseSchema, methodSchema } from "./design";
import * as ops from "./operations";
import { type CommandHandlers, changesOf, id, methodOf, pathOf, verb } from "./command-support";

export const methodCommandSchemas = [
  z.object({
    type: z.literal("putMethod"),
    resourceId: id,
    method: methodSchema.omit({ integration: true, methodResponses: true }).partial().extend({ httpMethod: verb }),
  }),
  z.object({
    type: z.literal("updateMethod"),
    resourceId: id,
    httpMethod: verb,
    changes: changesOf(methodSchema.omit({ integration: true, methodResponses: true, httpMethod: true })),
  }),
  z.object({ type: z.literal("deleteMethod"), resourceId: id, httpMethod: verb }),
  z.object({ type: z.literal("putMethodResponse"), resourceId: id, httpMethod: verb, response: methodResponseSchema }),
  z.object({ type: z.literal("deleteMethodResponse"), resourceId: id, httpMethod: verb, statusCode: z.string() }),
] as const;

type MethodCommand = z.infer<(typeof methodCommandSchemas)[number]>;

export const methodCommandHandlers: CommandHandlers<MethodCommand> = {
  putMethod(design, command) {
    const next = ops.putMethod(design, command.resourceId, command.method);
    const path = pathOf(next, command.resourceId);
    return {
      design: next,
      action: "method.create",
      entityType: "method",
      entityId: `${path} ${command.method.httpMethod}`,
      summary: `Added method ${command.method.httpMethod} ${path}`,
      before: null,
      after: methodOf(next, command.resourceId, command.method.httpMethod),
    };
  },

  updateMethod(design, command) {
    const next = ops.updateMethod(design, command.resourceId, command.httpMethod, command.changes);
    const path = pathOf(next, command.resourceId);
    return {
      design: next,
      action: "method.update",
      entityType: "method",
      entityId: `${path} ${command.httpMethod}`,
      summary: `Changed method request of ${command.httpMethod} ${path}`,
      before: stripChildren(methodOf(design, command.resourceId, command.httpMethod)),
      after: stripChildren(methodOf(next, command.resourceId, command.httpMethod)),
    };
  },

  deleteMethod(design, command) {
    const next = ops.deleteMethod(design, command.resourceId, command.httpMethod);
    const path = pathOf(design, command.resourceId);
    return {
      design: next,
      action: "method.delete",
      entityType: "method",
      entityId: `${path} ${command.httpMethod}`,
      summary: `Deleted method ${command.httpMethod} ${path}`,
      before: methodOf(design, command.resourceId, command.httpMethod),
      after: null,
    };
  },

  putMethodResponse(design, command) {
    const next = ops.putMethodResponse(design, command.resourceId, command.httpMethod, command.response);
    const path = pathOf(next, command.resourceId);
    const code = command.response.statusCode;
    const before = methodOf(design, command.resourceId, command.httpMethod)?.methodResponses[code];
    return {
      design: next,
      action: before ? "methodResponse.update" : "methodResponse.create",
      entityType: "methodResponse",
      entityId: `${path} ${command.httpMethod} ${code}`,
      summary: `Set method response ${code} of ${command.httpMethod} ${path}`,
      before: before ?? null,
      after: methodOf(next, command.resourceId, command.httpMethod)?.methodResponses[code],
    };
  },

  deleteMethodResponse(design, command) {
    const next = ops.deleteMethodResponse(design, command.resourceId, command.httpMethod, command.statusCode);
    const path = pathOf(design, command.resourceId);
    return {
      design: next,
      action: "methodResponse.delete",
      entityType: "methodResponse",
      entityId: `${path} ${command.httpMethod} ${command.statusCode}`,
      summary: `Deleted method response ${command.statusCode} of ${command.httpMethod} ${path}`,
      before: methodOf(design, command.resourceId, command.httpMethod)?.methodResponses[command.statusCode],
      after: null,
    };
  },
};

/** The method request alone: its integration and responses have histories of their own. */
function stripChildren(method: ReturnType<typeof Object> | undefined) {
  if (!method) return null;
  const { integration: _i, methodResponses: _m, ...rest } = method as Record<string, unknown>;
  return rest;
}

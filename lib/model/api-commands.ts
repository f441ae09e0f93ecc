/**
 * Design commands on the API itself: its settings (name, endpoint type, binary media types…)
 * and its gateway responses. commands.ts merges these schemas and handlers into the one
 * `designCommandSchema` and `applyCommand`.
 */
import { z } from "zod";
import { ENDPOINT_TYPES, type ApiDesign, gatewayResponseSchema } from "./design";
import { deleteGatewayResponse, putGatewayResponse } from "./gateway-responses";
import * as ops from "./operations";
import type { CommandHandlers } from "./command-support";

export const apiCommandSchemas = [
  z.object({
    type: z.literal("updateApi"),
    name: z.string().optional(),
    description: z.string().optional(),
    endpointType: z.enum(ENDPOINT_TYPES).optional(),
    binaryMediaTypes: z.array(z.string()).optional(),
    minimumCompressionSize: z.number().int("Enter a whole number of bytes").nullable().optional(),
    apiKeySource: z.enum(["HEADER", "AUTHORIZER"]).optional(),
    policy: z.string().nullable().optional(),
    disableExecuteApiEndpoint: z.boolean().optional(),
  }),
  z.object({ type: z.literal("putGatewayResponse"), response: gatewayResponseSchema }),
  z.object({ type: z.literal("deleteGatewayResponse"), responseType: z.string().min(1) }),
] as const;

type ApiCommand = z.infer<(typeof apiCommandSchemas)[number]>;

export const apiCommandHandlers: CommandHandlers<ApiCommand> = {
  updateApi(design, command) {
    const { type: _type, ...changes } = command;
    const next = ops.updateApiSettings(design, changes);
    // The history keeps only what this save changed, before and after.
    const keys = (Object.keys(changes) as (keyof typeof changes)[]).filter(
      (k) => changes[k] !== undefined && JSON.stringify(design[k]) !== JSON.stringify(next[k]),
    );
    const pick = (d: ApiDesign) => Object.fromEntries(keys.map((k) => [k, d[k]]));
    const summary =
      keys.length === 0
        ? "Saved API settings (no change)"
        : keys.length === 1 && keys[0] === "name"
          ? `Renamed API to ${next.name}`
          : `Changed API settings: ${keys.join(", ")}`;
    return { design: next, action: "api.update", entityType: "api", entityId: "/", summary, before: pick(design), after: pick(next) };
  },

  putGatewayResponse(design, command) {
    const next = putGatewayResponse(design, command.response);
    const type = command.response.responseType;
    const before = design.gatewayResponses.find((g) => g.responseType === type) ?? null;
    return {
      design: next,
      action: before ? "gatewayResponse.update" : "gatewayResponse.create",
      entityType: "gatewayResponse",
      entityId: type,
      summary: `Set gateway response ${type}`,
      before,
      after: next.gatewayResponses.find((g) => g.responseType === type),
    };
  },

  deleteGatewayResponse(design, command) {
    const next = deleteGatewayResponse(design, command.responseType);
    return {
      design: next,
      action: "gatewayResponse.delete",
      entityType: "gatewayResponse",
      entityId: command.responseType,
      summary: `Reset gateway response ${command.responseType} to AWS's default`,
      before: design.gatewayResponses.find((g) => g.responseType === command.responseType),
      after: null,
    };
  },
};

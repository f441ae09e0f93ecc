/**
 * Every edit to a design as one validated command. The console's single "edit design"
 * server action and the CLI both send these; applyCommand returns the new design and
 * what the history should say (entity, before, after).
 */
import { z } from "zod";
import {
  ENDPOINT_TYPES,
  HTTP_METHODS,
  INTEGRATION_TYPES,
  type ApiDesign,
  gatewayResponseSchema,
  integrationResponseSchema,
  integrationSchema,
  methodResponseSchema,
  methodSchema,
} from "./design";
import { ValidationError } from "./errors";
import * as ops from "./operations";
import { describeSubtree, findResource, resourcePath } from "./tree";
import { deleteGatewayResponse, putGatewayResponse } from "./gateway-responses";
import { applyComponentCommand, componentCommandSchemas, isComponentCommand } from "./component-commands";

const id = z.string().min(1, "Required");
const verb = z.enum(HTTP_METHODS);

/**
 * `.partial()` for a change set: in zod 4 an optional field still applies its `.default()`, so a
 * plain `.partial()` would fill every field the change did not mention (authorizationType "NONE",
 * requestParameters {}...) and the update would reset them. Defaults are removed first.
 */
function changesOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  ) as z.ZodRawShape;
  return z.object(shape).partial() as unknown as ReturnType<z.ZodObject<S>["partial"]>;
}

export const designCommandSchema = z.discriminatedUnion("type", [
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
  z.object({ type: z.literal("addResource"), parentId: id, pathPart: z.string() }),
  z.object({ type: z.literal("addResourcePath"), path: z.string() }),
  z.object({ type: z.literal("deleteResource"), resourceId: id }),
  z.object({ type: z.literal("renameResource"), resourceId: id, pathPart: z.string() }),
  z.object({ type: z.literal("moveResource"), resourceId: id, parentId: id }),
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
  z.object({ type: z.literal("putMethodResponse"), resourceId: id, httpMethod: verb, response: methodResponseSchema }),
  z.object({ type: z.literal("deleteMethodResponse"), resourceId: id, httpMethod: verb, statusCode: z.string() }),
  z.object({ type: z.literal("putGatewayResponse"), response: gatewayResponseSchema }),
  z.object({ type: z.literal("deleteGatewayResponse"), responseType: z.string().min(1) }),
  ...componentCommandSchemas,
]);

export type DesignCommand = z.infer<typeof designCommandSchema>;

export interface CommandOutcome {
  design: ApiDesign;
  action: string;
  entityType:
    | "api"
    | "resource"
    | "method"
    | "integration"
    | "integrationResponse"
    | "methodResponse"
    | "gatewayResponse"
    | "model"
    | "requestValidator"
    | "authorizer"
    | "cors";
  /** Stable, readable id for the history: `/pets/{id}`, `/pets/{id} GET`, `/pets/{id} GET 200`. */
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
}

/** Parses untrusted input into a command, with field-level messages on failure. */
export function parseDesignCommand(input: unknown): DesignCommand {
  const parsed = designCommandSchema.safeParse(input);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.map(String).join("."), message: i.message })));
  }
  return parsed.data;
}

export function applyCommand(design: ApiDesign, command: DesignCommand): CommandOutcome {
  const pathOf = (d: ApiDesign, resourceId: string) => {
    const r = findResource(d, resourceId);
    return r ? resourcePath(d, r) : resourceId;
  };
  const methodOf = (d: ApiDesign, resourceId: string, verb: string) => findResource(d, resourceId)?.methods[verb];

  // Models, request validators, authorizers and the CORS helper live in component-commands.ts.
  if (isComponentCommand(command)) return applyComponentCommand(design, command);

  switch (command.type) {
    case "updateApi": {
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
    }
    case "renameResource": {
      const from = pathOf(design, command.resourceId);
      const next = ops.renameResource(design, command.resourceId, command.pathPart);
      const to = pathOf(next, command.resourceId);
      const r = findResource(next, command.resourceId)!;
      return {
        design: next,
        action: "resource.rename",
        entityType: "resource",
        entityId: to,
        summary: `Renamed resource ${from} to ${to}`,
        before: { id: r.id, path: from, pathPart: findResource(design, r.id)!.pathPart },
        after: { id: r.id, path: to, pathPart: r.pathPart },
      };
    }
    case "moveResource": {
      const from = pathOf(design, command.resourceId);
      const next = ops.moveResource(design, command.resourceId, command.parentId);
      const to = pathOf(next, command.resourceId);
      const below = describeSubtree(next, command.resourceId).resources.length - 1;
      return {
        design: next,
        action: "resource.move",
        entityType: "resource",
        entityId: to,
        summary: `Moved resource ${from} to ${to}${below ? ` with ${below} below it` : ""}`,
        before: { id: command.resourceId, path: from, parentId: findResource(design, command.resourceId)!.parentId },
        after: { id: command.resourceId, path: to, parentId: command.parentId },
      };
    }
    case "addResource":
    case "addResourcePath": {
      const { design: next, resource } = command.type === "addResource" ? ops.addResource(design, command) : ops.addResourcePath(design, command.path);
      const path = resourcePath(next, resource);
      // "Add by path" may create several segments at once: the history keeps all of them.
      const created = next.resources.filter((r) => !design.resources.some((d) => d.id === r.id));
      return {
        design: next,
        action: "resource.create",
        entityType: "resource",
        entityId: path,
        summary: `Added resource ${path}`,
        before: null,
        after: created.length === 1 ? resource : created,
      };
    }
    case "deleteResource": {
      const path = pathOf(design, command.resourceId);
      const next = ops.deleteResource(design, command.resourceId);
      const removed = design.resources.filter((r) => !next.resources.some((n) => n.id === r.id));
      return {
        design: next,
        action: "resource.delete",
        entityType: "resource",
        entityId: path,
        summary: `Deleted resource ${path} and ${removed.length - 1} below it`,
        before: removed,
        after: null,
      };
    }
    case "putMethod": {
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
    }
    case "updateMethod": {
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
    }
    case "deleteMethod": {
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
    }
    case "putIntegration": {
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
    }
    case "putIntegrationResponse": {
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
    }
    case "deleteIntegrationResponse": {
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
    }
    case "putMethodResponse": {
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
    }
    case "deleteMethodResponse": {
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
    }
    case "putGatewayResponse": {
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
    }
    case "deleteGatewayResponse": {
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
    }
  }
}

function stripChildren(method: ReturnType<typeof Object> | undefined) {
  if (!method) return null;
  const { integration: _i, methodResponses: _m, ...rest } = method as Record<string, unknown>;
  return rest;
}

function withoutResponses(integration: Record<string, unknown> | undefined) {
  if (!integration) return null;
  const { integrationResponses: _r, ...rest } = integration;
  return rest;
}

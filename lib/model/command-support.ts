/**
 * What every family of design commands shares: the field schemas their zod objects use, the
 * outcome a command returns for the history, and the handler-map shape commands.ts dispatches
 * through (one handler per command type, kept next to the schema it handles).
 */
import { z } from "zod";
import { HTTP_METHODS, type ApiDesign } from "./design";
import { findResource, resourcePath } from "./tree";

export const id = z.string().min(1, "Required");
export const verb = z.enum(HTTP_METHODS);

/**
 * `.partial()` for a change set: in zod 4 an optional field still applies its `.default()`, so a
 * plain `.partial()` would fill every field the change did not mention (authorizationType "NONE",
 * requestParameters {}...) and the update would reset them. Defaults are removed first.
 */
export function changesOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  ) as z.ZodRawShape;
  return z.object(shape).partial() as unknown as ReturnType<z.ZodObject<S>["partial"]>;
}

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

/** One handler per command type of a family, each given exactly its own command's shape. */
export type CommandHandlers<C extends { type: string }, O = CommandOutcome> = {
  [K in C["type"]]: (design: ApiDesign, command: Extract<C, { type: K }>) => O;
};

/** Calls the handler registered for the command's type. */
export function dispatch<C extends { type: string }, O>(handlers: CommandHandlers<C, O>, design: ApiDesign, command: C): O {
  const handle = handlers[command.type as C["type"]] as (design: ApiDesign, command: C) => O;
  return handle(design, command);
}

/** The resource's path for the history; its id when it is gone (e.g. after a delete). */
export function pathOf(design: ApiDesign, resourceId: string): string {
  const r = findResource(design, resourceId);
  return r ? resourcePath(design, r) : resourceId;
}

export function methodOf(design: ApiDesign, resourceId: string, httpMethod: string) {
  return findResource(design, resourceId)?.methods[httpMethod];
}

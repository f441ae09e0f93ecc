/**
 * Every edit to a design as one validated command. The console's single "edit design"
 * server action and the CLI both send these; applyCommand returns the new design and
 * what the history should say (entity, before, after).
 */
import { z } from "zod";
import type { ApiDesign } from "./design";
import { fromZod } from "../errors";
import { apiCommandHandlers, apiCommandSchemas } from "./api-commands";
import { type CommandHandlers, type CommandOutcome, dispatch } from "./command-support";
import { componentCommandHandlers, componentCommandSchemas } from "./component-commands";
import { integrationCommandHandlers, integrationCommandSchemas } from "./integration-commands";
import { methodCommandHandlers, methodCommandSchemas } from "./method-commands";
import { resourceCommandHandlers, resourceCommandSchemas } from "./resource-commands";

export type { CommandOutcome } from "./command-support";

/** Each family of commands (one file per concept) brings its schemas and its handlers. */
export const designCommandSchema = z.discriminatedUnion("type", [
  ...apiCommandSchemas,
  ...resourceCommandSchemas,
  ...methodCommandSchemas,
  ...integrationCommandSchemas,
  ...componentCommandSchemas,
]);

export type DesignCommand = z.infer<typeof designCommandSchema>;

const handlers: CommandHandlers<DesignCommand> = {
  ...apiCommandHandlers,
  ...resourceCommandHandlers,
  ...methodCommandHandlers,
  ...integrationCommandHandlers,
  // Models, request validators, authorizers and the CORS helper.
  ...componentCommandHandlers,
};

/** Parses untrusted input into a command, with field-level messages on failure. */
export function parseDesignCommand(input: unknown): DesignCommand {
  const parsed = designCommandSchema.safeParse(input);
  if (!parsed.success) {
    throw fromZod(parsed.error);
  }
  return parsed.data;
}

export function applyCommand(design: ApiDesign, command: DesignCommand): CommandOutcome {
  return dispatch(handlers, design, command);
}

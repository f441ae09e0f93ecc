/**
 * Design commands for models, request validators, authorizers and the CORS helper. commands.ts
 * merges these schemas and handlers into the one `designCommandSchema` and `applyCommand`, so
 * they go through the same versioned, audited edit path.
 */
import { z } from "zod";
import type { ApiDesign } from "./design";
import {
  AUTHORIZER_TYPES,
  createAuthorizer,
  createModel,
  createRequestValidator,
  deleteAuthorizer,
  deleteModel,
  deleteRequestValidator,
  updateAuthorizer,
  updateModel,
  updateRequestValidator,
} from "./components";
import { enableCors, type CorsChange } from "./cors";
import { findResource, resourcePath } from "./tree";
import { type CommandHandlers, type CommandOutcome, id } from "./command-support";

const modelInput = z.object({
  name: z.string(),
  contentType: z.string().optional(),
  description: z.string().optional(),
  schema: z.string(),
});

const validatorInput = z.object({
  name: z.string(),
  validateRequestBody: z.boolean().optional(),
  validateRequestParameters: z.boolean().optional(),
});

const authorizerInput = z.object({
  name: z.string(),
  type: z.enum(AUTHORIZER_TYPES),
  functionArn: z.string().optional(),
  authorizerUri: z.string().optional(),
  authorizerCredentials: z.string().optional(),
  identitySource: z.string().optional(),
  identityValidationExpression: z.string().optional(),
  authorizerResultTtlInSeconds: z.number().int("Result TTL must be a whole number of seconds").optional(),
  providerARNs: z.array(z.string()).optional(),
});

export const corsSettingsSchema = z.object({
  allowOrigin: z.string(),
  allowMethods: z.array(z.string()),
  allowHeaders: z.array(z.string()),
  exposeHeaders: z.array(z.string()).default([]),
  maxAge: z.number().int("Max age must be a whole number of seconds").optional(),
  allowCredentials: z.boolean().default(false),
});

/** Spread into the discriminated union of `designCommandSchema`. */
export const componentCommandSchemas = [
  z.object({ type: z.literal("createModel"), model: modelInput }),
  z.object({ type: z.literal("updateModel"), modelId: id, changes: modelInput.partial() }),
  z.object({ type: z.literal("deleteModel"), modelId: id }),
  z.object({ type: z.literal("createRequestValidator"), validator: validatorInput }),
  z.object({ type: z.literal("updateRequestValidator"), validatorId: id, changes: validatorInput.partial() }),
  z.object({ type: z.literal("deleteRequestValidator"), validatorId: id }),
  z.object({ type: z.literal("createAuthorizer"), authorizer: authorizerInput }),
  z.object({ type: z.literal("updateAuthorizer"), authorizerId: id, authorizer: authorizerInput }),
  z.object({ type: z.literal("deleteAuthorizer"), authorizerId: id }),
  z.object({ type: z.literal("enableCors"), resourceId: id, cors: corsSettingsSchema }),
] as const;

type ComponentCommand = z.infer<(typeof componentCommandSchemas)[number]>;

const modelHandlers: CommandHandlers<Extract<ComponentCommand, { type: "createModel" | "updateModel" | "deleteModel" }>> = {
  createModel(design, command) {
    const { design: next, model } = createModel(design, command.model);
    return {
      design: next,
      action: "model.create",
      entityType: "model",
      entityId: model.name,
      summary: `Added model ${model.name}`,
      before: null,
      after: model,
    };
  },

  updateModel(design, command) {
    const before = design.models.find((m) => m.id === command.modelId);
    const { design: next, model, renamedReferences } = updateModel(design, command.modelId, command.changes);
    const renamed = before && before.name !== model.name;
    const summary = renamed
      ? `Renamed model ${before.name} to ${model.name}${renamedReferences.length ? ` (and ${renamedReferences.length} reference${renamedReferences.length === 1 ? "" : "s"})` : ""}`
      : `Changed model ${model.name}`;
    return {
      design: next,
      action: "model.update",
      entityType: "model",
      entityId: model.name,
      summary,
      before: before ?? null,
      after: renamed ? { ...model, renamedReferences } : model,
    };
  },

  deleteModel(design, command) {
    const before = design.models.find((m) => m.id === command.modelId);
    const next = deleteModel(design, command.modelId);
    return {
      design: next,
      action: "model.delete",
      entityType: "model",
      entityId: before!.name,
      summary: `Deleted model ${before!.name}`,
      before,
      after: null,
    };
  },
};

const validatorHandlers: CommandHandlers<Extract<ComponentCommand, { type: "createRequestValidator" | "updateRequestValidator" | "deleteRequestValidator" }>> =
  {
    createRequestValidator(design, command) {
      const { design: next, validator } = createRequestValidator(design, command.validator);
      return {
        design: next,
        action: "requestValidator.create",
        entityType: "requestValidator",
        entityId: validator.name,
        summary: `Added request validator ${validator.name}`,
        before: null,
        after: validator,
      };
    },

    updateRequestValidator(design, command) {
      const before = design.requestValidators.find((v) => v.id === command.validatorId);
      const { design: next, validator } = updateRequestValidator(design, command.validatorId, command.changes);
      return {
        design: next,
        action: "requestValidator.update",
        entityType: "requestValidator",
        entityId: validator.name,
        summary: `Changed request validator ${validator.name}`,
        before: before ?? null,
        after: validator,
      };
    },

    deleteRequestValidator(design, command) {
      const before = design.requestValidators.find((v) => v.id === command.validatorId);
      const next = deleteRequestValidator(design, command.validatorId);
      return {
        design: next,
        action: "requestValidator.delete",
        entityType: "requestValidator",
        entityId: before!.name,
        summary: `Deleted request validator ${before!.name}`,
        before,
        after: null,
      };
    },
  };

const authorizerHandlers: CommandHandlers<Extract<ComponentCommand, { type: "createAuthorizer" | "updateAuthorizer" | "deleteAuthorizer" }>> = {
  createAuthorizer(design, command) {
    const { design: next, authorizer } = createAuthorizer(design, command.authorizer);
    return {
      design: next,
      action: "authorizer.create",
      entityType: "authorizer",
      entityId: authorizer.name,
      summary: `Added ${authorizer.type} authorizer ${authorizer.name}`,
      before: null,
      after: authorizer,
    };
  },

  updateAuthorizer(design, command) {
    const before = design.authorizers.find((a) => a.id === command.authorizerId);
    const { design: next, authorizer } = updateAuthorizer(design, command.authorizerId, command.authorizer);
    return {
      design: next,
      action: "authorizer.update",
      entityType: "authorizer",
      entityId: authorizer.name,
      summary: `Changed authorizer ${authorizer.name}`,
      before: before ?? null,
      after: authorizer,
    };
  },

  deleteAuthorizer(design, command) {
    const before = design.authorizers.find((a) => a.id === command.authorizerId);
    const next = deleteAuthorizer(design, command.authorizerId);
    return {
      design: next,
      action: "authorizer.delete",
      entityType: "authorizer",
      entityId: before!.name,
      summary: `Deleted authorizer ${before!.name}`,
      before,
      after: null,
    };
  },
};

function enableCorsCommand(design: ApiDesign, command: Extract<ComponentCommand, { type: "enableCors" }>): CommandOutcome {
  const { design: next, changes } = enableCors(design, command.resourceId, command.cors);
  const path = resourcePath(next, findResource(next, command.resourceId)!);
  const before = findResource(design, command.resourceId)!;
  const after = findResource(next, command.resourceId)!;
  return {
    design: next,
    action: "cors.enable",
    entityType: "cors",
    entityId: path,
    summary: `Enabled CORS on ${path}: ${describeCorsChanges(changes)}`,
    before: { methods: before.methods },
    after: { settings: command.cors, changes, methods: after.methods },
  };
}

export const componentCommandHandlers: CommandHandlers<ComponentCommand> = {
  ...modelHandlers,
  ...validatorHandlers,
  ...authorizerHandlers,
  enableCors: enableCorsCommand,
};

/** One line for the history: how many parts were created and updated. */
export function describeCorsChanges(changes: CorsChange[]): string {
  const count = (status: CorsChange["status"]) => changes.filter((c) => c.status === status).length;
  const parts = [`${count("created")} created`, `${count("updated")} updated`];
  if (count("skipped")) parts.push(`${count("skipped")} method${count("skipped") === 1 ? "" : "s"} left to the backend or skipped`);
  return parts.join(", ");
}

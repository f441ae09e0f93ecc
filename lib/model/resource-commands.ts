/**
 * Design commands on the resource tree: add (one segment or a whole path), delete, rename and
 * move. commands.ts merges these schemas and handlers into `designCommandSchema` and
 * `applyCommand`.
 */
import { z } from "zod";
import type { ApiDesign, Resource } from "./design";
import * as ops from "./operations";
import { describeSubtree, findResource, resourcePath } from "./tree";
import { type CommandHandlers, type CommandOutcome, id, pathOf } from "./command-support";

export const resourceCommandSchemas = [
  z.object({ type: z.literal("addResource"), parentId: id, pathPart: z.string() }),
  z.object({ type: z.literal("addResourcePath"), path: z.string() }),
  z.object({ type: z.literal("deleteResource"), resourceId: id }),
  z.object({ type: z.literal("renameResource"), resourceId: id, pathPart: z.string() }),
  z.object({ type: z.literal("moveResource"), resourceId: id, parentId: id }),
] as const;

type ResourceCommand = z.infer<(typeof resourceCommandSchemas)[number]>;

/** Both ways of adding: the history keeps every resource the command created. */
function resourceCreated(design: ApiDesign, added: { design: ApiDesign; resource: Resource }): CommandOutcome {
  const { design: next, resource } = added;
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

export const resourceCommandHandlers: CommandHandlers<ResourceCommand> = {
  addResource: (design, command) => resourceCreated(design, ops.addResource(design, command)),
  addResourcePath: (design, command) => resourceCreated(design, ops.addResourcePath(design, command.path)),

  deleteResource(design, command) {
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
  },

  renameResource(design, command) {
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
  },

  moveResource(design, command) {
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
  },
};

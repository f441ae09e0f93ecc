/**
 * OpenAPI in through the pipeline API: the request body is the file (JSON or YAML), its options
 * are query parameters, and the work is the console's import service (lib/restapi/openapi-service),
 * so a file is refused with every problem and its JSON pointer exactly as the import page shows.
 */
import { z } from "zod";
import type { Actor } from "../audit/mutate";
import type { Db } from "../db/client";
import { BASE_PATH_MODES } from "../openapi/import";
import { IMPORT_MODES } from "../openapi/merge";
import { importOpenApiAsNewApi, importOpenApiIntoApi, previewOpenApiImport } from "../restapi/openapi-service";
import { getRestApiOrThrow } from "../restapi/service";
import { flag, parse } from "./parse";

/** ImportRestApi's parameters, as the console's import form offers them. */
const settings = {
  basePath: z.enum(BASE_PATH_MODES, { message: "Base path must be ignore, prepend or split" }).optional(),
  failOnWarnings: flag.optional(),
};

const NewApiQuery = z.object({ name: z.string().max(1024, "Name must be at most 1024 characters").optional(), ...settings }).strict();

/** POST /apis: a new API from the file (`name` overrides the document's title). */
export async function importNewApi(db: Db, actor: Actor, document: string, query: Record<string, string>) {
  const input = parse(NewApiQuery, query);
  const created = await importOpenApiAsNewApi(db, actor, { document, ...input });
  return { id: created.id, name: created.name, warnings: created.warnings };
}

const IntoApiQuery = z
  .object({
    /** PutRestApi's default is merge. */
    mode: z.enum(IMPORT_MODES, { message: "Mode must be merge or overwrite" }).default("merge"),
    /** Refuse (409) if the draft changed since this version; without it, the import applies to the draft as it is. */
    baseVersion: z.coerce.number({ message: "Base version is a whole number" }).int("Base version is a whole number").min(1).optional(),
    /** Only say what the import would change; nothing is written. */
    dryRun: flag.optional(),
    ...settings,
  })
  .strict();

/** PUT /apis/{apiId}/openapi: the file into the API's draft (merge or overwrite), or with dryRun what it would change. */
export async function importIntoApi(db: Db, actor: Actor, apiId: string, document: string, query: Record<string, string>) {
  const { baseVersion, dryRun, ...input } = parse(IntoApiQuery, query);
  if (dryRun) {
    const preview = await previewOpenApiImport(db, actor, apiId, { document, ...input });
    return {
      apiId,
      applied: false,
      version: preview.version,
      mode: preview.mode,
      summary: preview.summary,
      changes: preview.lines,
      warnings: preview.warnings,
    };
  }
  const version = baseVersion ?? (await getRestApiOrThrow(db, actor.workspaceId, apiId)).version;
  const { preview } = await importOpenApiIntoApi(db, actor, apiId, { document, ...input, baseVersion: version });
  return { apiId, applied: true, version: preview.version, mode: preview.mode, summary: preview.summary, changes: preview.lines, warnings: preview.warnings };
}

/**
 * OpenAPI in and out of stored APIs: import a document as a new API (through createRestApi),
 * import it into an existing API in `merge` or `overwrite` mode (one audited, versioned change
 * through mutate), preview what an import would change, and export the draft or a deployment.
 * A document with problems is refused whole with every problem and its JSON pointer; nothing
 * is written. Imports take ImportRestApi's `basepath` (ignore/prepend/split) and `failOnWarnings`
 * (every warning refused as a problem); the warnings of an import that went through are returned.
 */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { getDeploymentSnapshot } from "../deployment/service";
import { type ApiDesign, parseDesign } from "../model/design";
import { ConflictError, GatehouseError, NotFoundError, ValidationError } from "../errors";
import { isUuid } from "../model/ids";
import { exportOpenApiText, type ExportFormat } from "../openapi/export";
import {
  BASE_PATH_MODES,
  type BasePathMode,
  type ImportIssue,
  importOpenApiDocumentYielding,
  type ImportOptions,
  type ImportResult,
  isOpenApiDocument,
  OpenApiImportError,
} from "../openapi/import";
import { applyImport, type ImportMode, IMPORT_MODES } from "../openapi/merge";
import { diffDesigns, type DiffSummary } from "../snapshot/diff";
import { DesignLoadError } from "../openapi/load";
import { parseDocumentTextOffThread } from "../openapi/parse-off-thread";
import { createRestApi, getRestApiOrThrow } from "./service";

/** PutRestApi / ImportRestApi refuse bodies over 6 MB. */
export const MAX_DOCUMENT_BYTES = 6 * 1024 * 1024;

/** A document that can't be imported: 400 with every problem (`field` is its JSON pointer). */
export class OpenApiDocumentError extends GatehouseError {
  constructor(readonly problems: ImportIssue[]) {
    super(
      `The OpenAPI document has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was imported`,
      400,
      problems.map((p) => ({ field: p.pointer, message: p.message })),
      "InvalidOpenApi",
    );
  }
}

/** What every import takes besides the document, as ImportRestApi / PutRestApi take them. */
export interface ImportSettings {
  /** Warnings become errors and nothing is written (PutRestApi's failOnWarnings). */
  failOnWarnings?: boolean;
  /** ignore (default), prepend or split the document's base path. */
  basePath?: string;
}

function importOptions(input: ImportSettings): ImportOptions {
  const basePath = input.basePath || "ignore";
  if (!(BASE_PATH_MODES as readonly string[]).includes(basePath))
    throw new ValidationError([{ field: "basePath", message: "Base path must be ignore, prepend or split" }]);
  return { basePath: basePath as BasePathMode, failOnWarnings: input.failOnWarnings === true };
}

/**
 * Parses and imports OpenAPI text (JSON or YAML; large YAML off the request thread, the import in
 * slices that hand the event loop back, so other requests are answered meanwhile). Throws OpenApiDocumentError.
 */
export async function readOpenApiText(text: string, options: ImportOptions = {}): Promise<ImportResult> {
  if (!text.trim()) throw new OpenApiDocumentError([{ pointer: "", message: "Paste an OpenAPI 3.0 or Swagger 2.0 document, or choose a file" }]);
  if (Buffer.byteLength(text, "utf8") > MAX_DOCUMENT_BYTES)
    throw new OpenApiDocumentError([{ pointer: "", message: "The document is larger than 6 MB, API Gateway's import limit" }]);
  let doc: unknown;
  try {
    doc = await parseDocumentTextOffThread(text, "document");
  } catch (e) {
    if (e instanceof DesignLoadError) throw new OpenApiDocumentError([{ pointer: "", message: e.detail }]);
    throw e;
  }
  if (!isOpenApiDocument(doc))
    throw new OpenApiDocumentError([{ pointer: "", message: 'Not an OpenAPI document: expected "openapi": "3.0.x" or "swagger": "2.0"' }]);
  try {
    return await importOpenApiDocumentYielding(doc, options);
  } catch (e) {
    if (e instanceof OpenApiImportError) throw new OpenApiDocumentError(e.issues);
    throw e;
  }
}

/** Imports a document as a new API (audited as api.create). `name` overrides info.title. */
export async function importOpenApiAsNewApi(db: Db, actor: Actor, input: { document: string; name?: string } & ImportSettings) {
  assertCan(actor.role, "api.create");
  const { design, warnings } = await readOpenApiText(input.document, importOptions(input));
  const name = input.name?.trim();
  if (name && name.length > 1024) throw new ValidationError([{ field: "name", message: "Name must be at most 1024 characters" }]);
  const row = await createRestApi(db, actor, { name: name || design.name, design: name ? { ...design, name } : design });
  return { id: row.id, name: row.name, warnings };
}

function parseMode(mode: string): ImportMode {
  if (!(IMPORT_MODES as readonly string[]).includes(mode)) throw new ValidationError([{ field: "mode", message: "Mode must be merge or overwrite" }]);
  return mode as ImportMode;
}

export interface ImportPreview {
  mode: ImportMode;
  summary: DiffSummary;
  /** One line per change: `+ method /pets POST`, `- resource /old`, `~ integration /pets GET`. */
  lines: string[];
  warnings: ImportIssue[];
  version: number;
}

function previewOf(before: ApiDesign, after: ApiDesign, mode: ImportMode, warnings: ImportIssue[], version: number): ImportPreview {
  const diff = diffDesigns(before, after);
  const sign = { added: "+", removed: "-", changed: "~" } as const;
  return { mode, summary: diff.summary, lines: diff.entries.map((e) => `${sign[e.kind]} ${e.entity} ${e.key}`), warnings, version };
}

/** What importing the document into the API would change, without writing anything. */
export async function previewOpenApiImport(
  db: Db,
  actor: Actor,
  restApiId: string,
  input: { document: string; mode: string } & ImportSettings,
): Promise<ImportPreview> {
  assertCan(actor.role, "design.edit");
  const mode = parseMode(input.mode);
  const options = importOptions(input);
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  const imported = await readOpenApiText(input.document, options);
  const after = applyImport(api.design, imported.design, mode, imported.settings);
  return previewOf(api.design, after, mode, imported.warnings, api.version);
}

/**
 * Imports the document into the API's draft in `merge` or `overwrite` mode: one audited change
 * (before/after designs) with the optimistic version check every edit has.
 */
export async function importOpenApiIntoApi(
  db: Db,
  actor: Actor,
  restApiId: string,
  input: { document: string; mode: string; baseVersion: number } & ImportSettings,
) {
  assertCan(actor.role, "design.edit");
  const mode = parseMode(input.mode);
  const options = importOptions(input);
  if (!Number.isInteger(input.baseVersion)) throw new ValidationError([{ field: "baseVersion", message: "Required" }]);
  const imported = await readOpenApiText(input.document, options);
  return mutate(db, actor, async (tx) => {
    if (!isUuid(restApiId)) throw new NotFoundError("REST API");
    const row = await tx.restApi.findFirst({ where: { id: restApiId, workspaceId: actor.workspaceId } });
    if (!row) throw new NotFoundError("REST API");
    if (row.version !== input.baseVersion) {
      throw new ConflictError(
        `This API was changed by someone else since you opened it (version ${row.version}, yours ${input.baseVersion}). Reload to see their change, then import again.`,
      );
    }
    const before = parseDesign(row.design);
    const after = applyImport(before, imported.design, mode, imported.settings);
    const preview = previewOf(before, after, mode, imported.warnings, input.baseVersion + 1);
    const updated = await tx.restApi.updateMany({
      where: { id: restApiId, version: input.baseVersion },
      data: { design: after as object, name: after.name, description: after.description, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw new ConflictError("This API was changed by someone else while you imported. Reload and try again.");
    return {
      result: { version: input.baseVersion + 1, design: after, preview },
      audit: {
        action: "api.import",
        entityType: "api",
        entityId: restApiId,
        restApiId,
        summary: `Imported OpenAPI (${mode}): ${preview.summary.changes} change${preview.summary.changes === 1 ? "" : "s"}`,
        before,
        after,
      },
    };
  });
}

export interface OpenApiExport {
  text: string;
  filename: string;
  contentType: string;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "api"
  );
}

/**
 * The draft (or a deployment's snapshot) as OpenAPI 3.0.1 with API Gateway extensions. Lossless
 * by default (x-gatehouse-* extensions keep what OpenAPI can't say, so it imports back whole);
 * `awsOnly` gives exactly what API Gateway reads, as its own GetExport would.
 */
export async function exportApiOpenApi(
  db: Db,
  actor: Actor,
  restApiId: string,
  input: { format: string; deploymentId?: string | null; awsOnly?: boolean },
): Promise<OpenApiExport> {
  assertCan(actor.role, "read");
  if (input.format !== "json" && input.format !== "yaml") throw new ValidationError([{ field: "format", message: "Format must be json or yaml" }]);
  const format = input.format as ExportFormat;
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  let design = api.design;
  let which = "draft";
  let version = `draft-v${api.version}`;
  if (input.deploymentId) {
    if (!isUuid(input.deploymentId)) throw new NotFoundError("Deployment");
    design = await getDeploymentSnapshot(db, restApiId, input.deploymentId);
    which = `deployment-${input.deploymentId.slice(0, 8)}`;
    version = `deployment-${input.deploymentId.slice(0, 8)}`;
  }
  return {
    text: exportOpenApiText(design, format, { version, lossless: input.awsOnly !== true }),
    filename: `${slug(api.name)}-${which}-oas30.${format}`,
    contentType: format === "json" ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8",
  };
}

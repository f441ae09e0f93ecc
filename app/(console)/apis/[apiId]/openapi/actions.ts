"use server";
/**
 * OpenAPI import actions. A document with problems is not an action failure: it comes back as
 * `{ kind: "invalid", problems }` so the form can list every JSON pointer, not just one message.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import type { ImportIssue } from "@/lib/openapi/import";
import { importOpenApiAsNewApi, importOpenApiIntoApi, OpenApiDocumentError, previewOpenApiImport } from "@/lib/restapi/openapi-service";

type Invalid = { kind: "invalid"; message: string; problems: ImportIssue[] };

async function orProblems<T>(work: () => Promise<T>): Promise<T | Invalid> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof OpenApiDocumentError) return { kind: "invalid", message: e.message, problems: e.problems };
    throw e;
  }
}

/** ImportRestApi's parameters; the service checks the base path mode and answers a field error. */
const settings = { basePath: z.string().optional(), failOnWarnings: z.boolean().optional() };

const newApiSchema = z.object({ document: z.string(), name: z.string().optional(), ...settings });

/** Creates an API from an OpenAPI 3.0 / Swagger 2.0 document (JSON or YAML). */
export async function importOpenApiAsNewApiAction(input: z.input<typeof newApiSchema>) {
  return runAction("api.create", async ({ db, actor }) =>
    orProblems(async () => {
      const result = await importOpenApiAsNewApi(db, actor, newApiSchema.parse(input));
      revalidatePath("/");
      return { kind: "created" as const, ...result };
    }),
  );
}

const intoApiSchema = z.object({ document: z.string(), mode: z.string(), ...settings });

/** What importing the document into the API would change (nothing is written). */
export async function previewOpenApiImportAction(restApiId: string, input: z.input<typeof intoApiSchema>) {
  return runAction("design.edit", async ({ db, actor }) =>
    orProblems(async () => ({ kind: "preview" as const, ...(await previewOpenApiImport(db, actor, z.string().parse(restApiId), intoApiSchema.parse(input))) })),
  );
}

/** Imports the document into the API's draft in merge or overwrite mode, based on `baseVersion`. */
export async function importOpenApiIntoApiAction(restApiId: string, baseVersion: number, input: z.input<typeof intoApiSchema>) {
  return runAction("design.edit", async ({ db, actor }) =>
    orProblems(async () => {
      const id = z.string().parse(restApiId);
      const result = await importOpenApiIntoApi(db, actor, id, { ...intoApiSchema.parse(input), baseVersion: z.number().int().parse(baseVersion) });
      revalidatePath(`/apis/${id}`, "layout");
      return { kind: "imported" as const, version: result.version, preview: result.preview };
    }),
  );
}

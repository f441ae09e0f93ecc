/**
 * `gatehouse openapi FILE [--format json|yaml] [--basepath ignore|prepend|split] [--fail-on-warnings] [--aws]`: reads an OpenAPI 3.0 / Swagger 2.0 file (JSON or
 * YAML, with API Gateway's extensions; or a Gatehouse design / snapshot JSON) through Gatehouse's
 * model and prints its OpenAPI 3.0.1 export, as the console's Export does (lossless unless --aws). No server, no
 * database. What the import skipped is listed on stderr as warnings; an unreadable file or an
 * invalid document prints every problem with its JSON pointer and exits 1.
 */
import type { Command } from "commander";
import { exportOpenApiText } from "../../openapi/export";
import { BASE_PATH_MODES, type BasePathMode, importOpenApiDocument, isOpenApiDocument, OpenApiImportError } from "../../openapi/import";
import { DesignLoadError, designFromDocument, parseDocumentText, readDocumentFile } from "../../openapi/load";

function fail(message: string): void {
  process.stderr.write(`gatehouse openapi: ${message}\n`);
  process.exitCode = 1;
}

export function registerOpenApi(program: Command): void {
  program
    .command("openapi")
    .description("Read an OpenAPI/Swagger file through Gatehouse's model and print its OpenAPI 3.0 export with x-amazon-apigateway extensions")
    .argument("<file>", "an OpenAPI 3.0 / Swagger 2.0 file (JSON or YAML), or a Gatehouse design/snapshot JSON")
    .option("--format <format>", "json or yaml", "json")
    .option("--basepath <mode>", "the document's base path: ignore, prepend or split (as ImportRestApi's basepath)", "ignore")
    .option("--fail-on-warnings", "treat every import warning as an error (as failOnWarnings=true): print them all and exit 1")
    .option("--aws", "print only what API Gateway reads: no x-gatehouse-* extensions (model descriptions, content types, multi-value parameters)")
    .action((file: string, opts: { format: string; basepath: string; failOnWarnings?: boolean; aws?: boolean }) => {
      if (opts.format !== "json" && opts.format !== "yaml") return fail(`--format must be json or yaml, not ${JSON.stringify(opts.format)}`);
      if (!(BASE_PATH_MODES as readonly string[]).includes(opts.basepath))
        return fail(`--basepath must be ignore, prepend or split, not ${JSON.stringify(opts.basepath)}`);
      try {
        const doc = parseDocumentText(readDocumentFile(file), file);
        let design;
        if (isOpenApiDocument(doc)) {
          const result = importOpenApiDocument(doc, { basePath: opts.basepath as BasePathMode, failOnWarnings: opts.failOnWarnings === true });
          for (const w of result.warnings) process.stderr.write(`warning: ${w.pointer || "(document)"}: ${w.message}\n`);
          design = result.design;
        } else design = designFromDocument(doc, file);
        process.stdout.write(exportOpenApiText(design, opts.format, { lossless: opts.aws !== true }));
      } catch (e) {
        if (e instanceof OpenApiImportError) {
          const lines = e.issues.map((i) => `  ${i.pointer || "(document)"}: ${i.message}`);
          return fail(`${file} is not a valid API definition (${e.issues.length} problem${e.issues.length === 1 ? "" : "s"}):\n${lines.join("\n")}`);
        }
        if (e instanceof DesignLoadError) return fail(e.message);
        throw e;
      }
    });
}

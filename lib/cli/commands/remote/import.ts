/**
 * `gatehouse remote import FILE [--api ID]`: an OpenAPI file (JSON or YAML) into an API's draft
 * (merge or overwrite, as the console's import), or without --api as a new API. A refused file
 * prints every problem with its JSON pointer and exits 1; nothing is written.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { apiPath, call, guarded, optsOf, print, RemoteError } from "./client";

interface ImportOptions {
  api?: string;
  mode?: string;
  name?: string;
  basePath?: string;
  failOnWarnings?: boolean;
  dryRun?: boolean;
}
interface Issue {
  pointer: string;
  message: string;
}
interface Imported {
  apiId: string;
  applied: boolean;
  version: number;
  mode: string;
  summary: { changes: number };
  changes: string[];
  warnings: Issue[];
}

function readDocument(file: string): { text: string; contentType: string } {
  try {
    return { text: readFileSync(file, "utf8"), contentType: /\.ya?ml$/i.test(file) ? "application/yaml" : "application/json" };
  } catch (e) {
    throw new RemoteError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

const warningLines = (warnings: Issue[]) => warnings.map((w) => `warning ${w.pointer || "(the file)"}: ${w.message}`);

/** The query string of the options given (the server checks them and names a bad one). */
function queryOf(o: ImportOptions, into: boolean): string {
  const q = new URLSearchParams();
  if (into && o.mode) q.set("mode", o.mode);
  if (into && o.dryRun) q.set("dryRun", "true");
  if (!into && o.name) q.set("name", o.name);
  if (o.basePath) q.set("basePath", o.basePath);
  if (o.failOnWarnings) q.set("failOnWarnings", "true");
  const text = q.toString();
  return text ? `?${text}` : "";
}

export function registerImport(remote: Command): void {
  remote
    .command("import <file>")
    .description("Import an OpenAPI 3 / Swagger 2 file (JSON or YAML) into an API's draft, or as a new API without --api")
    .option("--api <apiId>", "the API to import into (without it: create an API)")
    .option("--mode <mode>", "into an API: merge (default) or overwrite")
    .option("--dry-run", "into an API: only say what would change")
    .option("--name <name>", "a new API's name (default: the file's title)")
    .option("--base-path <mode>", "the file's base path: ignore (default), prepend or split")
    .option("--fail-on-warnings", "refuse the file if it has warnings")
    .action(
      guarded(async (file: string, o: ImportOptions, cmd: Command) => {
        if (!o.api && (o.mode || o.dryRun)) throw new RemoteError("--mode and --dry-run are for importing into an API: add --api ID");
        const body = readDocument(file);
        if (!o.api) {
          const created = await call<{ id: string; name: string; warnings: Issue[] }>(optsOf(cmd), "POST", `/apis${queryOf(o, false)}`, body);
          print(optsOf(cmd), created, () => [`Created API ${created.id} (${created.name}).`, ...warningLines(created.warnings)]);
          return;
        }
        const out = await call<Imported>(optsOf(cmd), "PUT", `${apiPath(o.api)}/openapi${queryOf(o, true)}`, body);
        const n = out.summary.changes;
        const head = `${out.applied ? "Imported" : "Would import"} (${out.mode}) into ${out.apiId}: ${n} change${n === 1 ? "" : "s"}${out.applied ? `, draft version ${out.version}` : ""}.`;
        print(optsOf(cmd), out, () => [head, ...out.changes.map((c) => `  ${c}`), ...warningLines(out.warnings)]);
      }),
    );
}

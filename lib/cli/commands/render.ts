/**
 * `gatehouse render --spec FILE|-`: renders a mapping template offline, as API Gateway would.
 * Spec: { template, body?, params?: {path, querystring, header}, context?, stageVariables? }.
 * Prints the output on stdout; on failure prints the error (with line:column) on stderr, exit 1.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { renderTemplate, TemplateError } from "../../template/index";
import type { TemplateInput } from "../../template/types";

async function readAll(file: string): Promise<string> {
  if (file !== "-") return readFileSync(file, "utf8");
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString("utf8");
}

function strRecord(v: unknown, what: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (typeof v !== "object" || Array.isArray(v)) throw new Error(`spec: ${what} must be an object`);
  const r: Record<string, string> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) r[k] = typeof x === "string" ? x : JSON.stringify(x);
  return r;
}

/** Validates a parsed spec and turns it into the engine's input. */
export function specToInput(spec: unknown): TemplateInput {
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) throw new Error("spec: must be a JSON object");
  const s = spec as Record<string, unknown>;
  if (typeof s.template !== "string") throw new Error("spec: template must be a string");
  const body = s.body === undefined || s.body === null ? "" : typeof s.body === "string" ? s.body : JSON.stringify(s.body);
  const params = (s.params ?? {}) as Record<string, unknown>;
  if (typeof params !== "object" || Array.isArray(params)) throw new Error("spec: params must be an object");
  const context = s.context ?? {};
  if (typeof context !== "object" || Array.isArray(context) || context === null) throw new Error("spec: context must be an object");
  return {
    template: s.template,
    body,
    params: {
      path: strRecord(params.path, "params.path"),
      querystring: strRecord(params.querystring, "params.querystring"),
      header: strRecord(params.header, "params.header"),
    },
    context: context as Record<string, unknown>,
    stageVariables: strRecord(s.stageVariables, "stageVariables"),
  };
}

export function registerRender(program: Command): void {
  program
    .command("render")
    .description("Render an API Gateway mapping template (VTL) offline from a JSON spec")
    .requiredOption("--spec <file>", 'spec file, or "-" for stdin: {"template", "body", "params", "context", "stageVariables"}')
    .action(async (opts: { spec: string }) => {
      let input: TemplateInput;
      try {
        const text = await readAll(opts.spec);
        let spec: unknown;
        try {
          spec = JSON.parse(text);
        } catch (e) {
          throw new Error(`spec: invalid JSON: ${(e as Error).message}`);
        }
        input = specToInput(spec);
      } catch (e) {
        process.stderr.write(`gatehouse render: ${(e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      try {
        const result = renderTemplate(input);
        process.stdout.write(result.output);
      } catch (e) {
        if (e instanceof TemplateError) {
          const where = e.line !== undefined ? `${e.line}:${e.column ?? 0}: ` : "";
          process.stderr.write(`gatehouse render: ${where}${e.message}\n`);
          process.exitCode = 1;
          return;
        }
        throw e;
      }
    });
}

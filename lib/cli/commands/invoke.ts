/**
 * `gatehouse invoke --openapi FILE --method M --path P [--header k:v]... [--body S] [--stage-var k=v]... [--stage NAME]`:
 * runs one request through the local test-invoke pipeline on an API read from an OpenAPI 3 /
 * Swagger 2 file (or a Gatehouse design/snapshot), with no server and no database, and prints
 * `{status, headers, body, log}` as JSON. Exits 0 whenever the pipeline ran — a 404 or 502 is
 * an answer, as in AWS — and 1 with a message on stderr for bad arguments or an unreadable file.
 * Backend calls go through the outbound guard (GATEHOUSE_OUTBOUND_ALLOW / _DENY).
 */
import type { Command } from "commander";
import { invokeMethod, outboundPolicyFromEnv } from "../../invoke/index";
import { stageNameProblem, stageVariablesFrom } from "../args";
import { DesignLoadError, loadDesignFile } from "../../openapi/load";

const collect = (value: string, previous: string[]) => [...previous, value];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface InvokeCliOptions {
  openapi?: string;
  method?: string;
  path?: string;
  header: string[];
  body?: string;
  stageVar: string[];
  stage?: string;
}

/** Checks the arguments; returns the request, or the messages to print. */
export function parseInvokeArguments(opts: InvokeCliOptions):
  | {
      ok: true;
      file: string;
      request: {
        httpMethod: string;
        pathWithQueryString: string;
        headers: Record<string, string>;
        multiValueHeaders?: Record<string, string[]>;
        body: string;
        stageVariables: Record<string, string>;
        stage: string | null;
      };
    }
  | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (!opts.openapi) errors.push("--openapi FILE is required");
  const method = (opts.method ?? "").toUpperCase();
  if (!opts.method) errors.push("--method is required (GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS)");
  else if (!METHODS.includes(method)) errors.push(`--method must be one of ${METHODS.join(", ")}, not ${JSON.stringify(opts.method)}`);
  if (!opts.path) errors.push("--path is required, e.g. --path '/pets/1?x=y'");
  else if (!opts.path.startsWith("/")) errors.push(`--path must start with /, not ${JSON.stringify(opts.path)}`);
  const headers: Record<string, string> = {};
  // A repeated --header keeps every value, as API Gateway's multi-value headers do; `headers` has the last.
  const multi: Record<string, string[]> = {};
  for (const h of opts.header) {
    const i = h.indexOf(":");
    const name = i < 0 ? "" : h.slice(0, i).trim();
    if (i < 0 || !TOKEN.test(name)) errors.push(`--header must be name:value, not ${JSON.stringify(h)}`);
    else {
      const key = Object.keys(multi).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
      (multi[key] ??= []).push(h.slice(i + 1).trim());
      headers[key] = h.slice(i + 1).trim();
    }
  }
  const repeated = Object.fromEntries(Object.entries(multi).filter(([, v]) => v.length > 1));
  const stageVariables = stageVariablesFrom(opts.stageVar, errors);
  const stageProblem = opts.stage === undefined ? null : stageNameProblem(opts.stage);
  if (stageProblem) errors.push(stageProblem);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    file: opts.openapi!,
    request: {
      httpMethod: method,
      pathWithQueryString: opts.path!,
      headers,
      ...(Object.keys(repeated).length > 0 ? { multiValueHeaders: repeated } : {}),
      body: opts.body ?? "",
      stageVariables,
      stage: opts.stage ?? null,
    },
  };
}

export function registerInvoke(program: Command): void {
  program
    .command("invoke")
    .description("Test-invoke one method of an API defined in an OpenAPI/Swagger file (no server); prints {status, headers, body, log} as JSON")
    .option("--openapi <file>", "OpenAPI 3 / Swagger 2 (JSON or YAML) with x-amazon-apigateway extensions, or a Gatehouse design/snapshot")
    .option("--method <method>", "the HTTP method of the request")
    .option("--path <path>", "the path with its query string, e.g. '/pets/1?x=y'")
    .option("--header <name:value>", "a request header (repeatable)", collect, [])
    .option("--body <text>", "the request body")
    .option("--stage-var <name=value>", "a stage variable (repeatable)", collect, [])
    .option("--stage <name>", "the stage name $context.stage reports (default: TestInvokeMethod's test-invoke-stage)")
    .action(async (opts: InvokeCliOptions) => {
      const args = parseInvokeArguments(opts);
      if (!args.ok) {
        for (const e of args.errors) process.stderr.write(`gatehouse invoke: ${e}\n`);
        process.exitCode = 1;
        return;
      }
      let design;
      let outbound;
      try {
        design = loadDesignFile(args.file);
        outbound = outboundPolicyFromEnv(process.env);
      } catch (e) {
        if (!(e instanceof DesignLoadError) && !/GATEHOUSE_OUTBOUND/.test((e as Error).message)) throw e;
        process.stderr.write(`gatehouse invoke: ${(e as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const result = await invokeMethod(design, args.request, { apiId: "local00000", outbound });
      process.stdout.write(
        `${JSON.stringify({ status: result.status, headers: result.headers, ...(result.multiValueHeaders ? { multiValueHeaders: result.multiValueHeaders } : {}), body: result.body, ...(result.isBase64Encoded ? { isBase64Encoded: true } : {}), log: result.log }, null, 2)}\n`,
      );
    });
}

/**
 * `gatehouse serve --openapi FILE [--stage NAME] [--port N] [--host H] [--stage-var k=v]... [--api-key K]... [--watch]`:
 * serves one API read from an OpenAPI 3 / Swagger 2 file (or a Gatehouse design/snapshot) as a
 * deployed stage would be served by API Gateway's execute-api endpoint — `http://HOST:PORT/{stage}/…`
 * — through the same gateway as the console (lib/gateway), with no database and no console.
 * With --watch, a saved change to the file is served from the next request on; a file that no
 * longer reads keeps the last good version served and says why.
 */
import { createHash } from "node:crypto";
import { watch } from "node:fs";
import type { Server } from "node:http";
import type { Command } from "commander";
import { createNodeGatewayHandler, type GatewayLocation, singleStageLocator, type StageTarget } from "../../gateway/index";
import { listenGateway } from "../../gateway/own-port";
import { outboundPolicyFromEnv } from "../../invoke/index";
import type { ApiDesign } from "../../model/design";
import { DesignLoadError, loadDesignFile } from "../../openapi/load";
import { stageNameProblem, stageVariablesFrom } from "../args";

const collect = (value: string, previous: string[]) => [...previous, value];

/** A refusal to serve the user can act on (a taken port). */
export class ServeError extends Error {}

export interface ServeCliOptions {
  openapi?: string;
  stage: string;
  port: string;
  host: string;
  stageVar: string[];
  apiKey: string[];
  watch?: boolean;
}

export interface ServeArguments {
  file: string;
  stage: string;
  port: number;
  host: string;
  variables: Record<string, string>;
  apiKeys: string[];
  watch: boolean;
}

/** Checks the arguments; the arguments, or every problem with them. */
export function parseServeArguments(opts: ServeCliOptions): { ok: true; args: ServeArguments } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  if (!opts.openapi) errors.push("--openapi FILE is required");
  const stageProblem = stageNameProblem(opts.stage);
  if (stageProblem) errors.push(stageProblem);
  const port = Number(opts.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) errors.push(`--port must be a port number (0-65535), not ${JSON.stringify(opts.port)}`);
  const variables = stageVariablesFrom(opts.stageVar, errors);
  // AWS's API key values are 20 to 128 characters (CreateApiKey).
  for (const key of opts.apiKey)
    if (key.length < 20 || key.length > 128) errors.push(`--api-key must be 20 to 128 characters, as AWS requires (got ${key.length})`);
  if (errors.length) return { ok: false, errors };
  return { ok: true, args: { file: opts.openapi!, stage: opts.stage, port, host: opts.host, variables, apiKeys: opts.apiKey, watch: opts.watch === true } };
}

/** The stage a design is served as: its own `$context.apiId` (10 characters, as AWS's), variables and keys. */
export function stageTargetOf(design: ApiDesign, args: Pick<ServeArguments, "file" | "stage" | "variables" | "apiKeys">): StageTarget {
  const apiId = createHash("sha256").update(args.file).digest("hex").slice(0, 10);
  return {
    restApiId: apiId,
    contextApiId: apiId,
    stageName: args.stage,
    deploymentId: createHash("sha256").update(JSON.stringify(design)).digest("hex").slice(0, 6),
    design,
    variables: args.variables,
    settings: { methodSettings: {}, canarySettings: null, apiKeys: args.apiKeys },
    canary: null,
  };
}

/** Starts serving; `reload` re-reads the file (what --watch calls), keeping the last good design on a failure. */
export async function startServe(args: ServeArguments, log: (line: string) => void): Promise<{ server: Server; url: string; reload(): void }> {
  let target = stageTargetOf(loadDesignFile(args.file), args);
  const locate = (rawPath: string): Promise<GatewayLocation> => singleStageLocator(target)(rawPath);
  const handler = createNodeGatewayHandler({ locate, outbound: outboundPolicyFromEnv(process.env), appendPeer: true });
  const server = await listenGateway(handler, args.port, args.host).catch((e: NodeJS.ErrnoException) => {
    throw new ServeError(`cannot listen on ${args.host}:${args.port} (${e.code ?? e.message})`);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : args.port;
  const url = `http://${args.host === "0.0.0.0" ? "localhost" : args.host}:${port}/${args.stage}`;
  const reload = () => {
    try {
      target = stageTargetOf(loadDesignFile(args.file), args);
      log(`reloaded ${args.file}`);
    } catch (e) {
      if (!(e instanceof DesignLoadError)) throw e;
      log(`${e.message} (still serving the last version that read)`);
    }
  };
  return { server, url, reload };
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("Serve an API from an OpenAPI/Swagger file as a deployed stage (http://HOST:PORT/{stage}/…), with no database")
    .option("--openapi <file>", "OpenAPI 3 / Swagger 2 (JSON or YAML) with x-amazon-apigateway extensions, or a Gatehouse design/snapshot")
    .option("--stage <name>", "the stage name in the URL and in $context.stage", "local")
    .option("--port <port>", "the port to listen on (0: any free port)", "3001")
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .option("--stage-var <name=value>", "a stage variable (repeatable)", collect, [])
    .option("--api-key <value>", "an API key that methods with apiKeyRequired accept in x-api-key (repeatable)", collect, [])
    .option("--watch", "serve the file's saved changes without restarting")
    .action(async (opts: ServeCliOptions) => {
      const parsed = parseServeArguments(opts);
      if (!parsed.ok) {
        for (const e of parsed.errors) process.stderr.write(`gatehouse serve: ${e}\n`);
        process.exitCode = 1;
        return;
      }
      const log = (line: string) => process.stderr.write(`gatehouse serve: ${line}\n`);
      let served: Awaited<ReturnType<typeof startServe>>;
      try {
        served = await startServe(parsed.args, log);
      } catch (e) {
        if (!(e instanceof DesignLoadError) && !(e instanceof ServeError) && !/GATEHOUSE_OUTBOUND/.test((e as Error).message)) throw e;
        log((e as Error).message);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(`Serving ${parsed.args.file} at ${served.url}/…\n`);
      if (parsed.args.watch) {
        let timer: NodeJS.Timeout | undefined;
        watch(parsed.args.file, () => {
          clearTimeout(timer);
          timer = setTimeout(served.reload, 100);
        });
      }
      await new Promise<void>((resolve) => {
        for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => served.server.close(() => resolve()));
      });
    });
}

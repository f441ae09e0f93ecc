/**
 * What every `gatehouse remote` command shares: the server and token, one call to /api/v1 with the
 * server's refusal turned into a RemoteError (message, code, every field or file problem), printing
 * JSON or lines, and the exit codes a pipeline acts on.
 */
import type { Command } from "commander";

export interface RemoteOptions {
  server?: string;
  token?: string;
  json?: boolean;
}

/** 1: refused or failed (tests failed too); 2: waiting for an approval, so a pipeline can tell "refused" from "not yet". */
export const EXIT_FAILED = 1;
export const EXIT_PENDING = 2;

export class RemoteError extends Error {}

export const optsOf = (cmd: Command) => cmd.optsWithGlobals() as RemoteOptions;

/** The server and token from options or the environment, checked before any call. */
function remoteOf(opts: RemoteOptions): { base: string; token: string } {
  const server = opts.server ?? process.env.GATEHOUSE_SERVER;
  const token = opts.token ?? process.env.GATEHOUSE_TOKEN;
  if (!server) throw new RemoteError("remote mode needs the console's address: --server URL or GATEHOUSE_SERVER");
  if (!token) throw new RemoteError("remote mode needs an access token (Account → Access tokens): --token or GATEHOUSE_TOKEN");
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw new RemoteError(`--server must be a URL like https://gatehouse.example.com, not ${JSON.stringify(server)}`);
  }
  return { base: `${url.origin}${url.pathname.replace(/\/$/, "")}/api/v1`, token };
}

/** A request body: a value sent as JSON, or a file's text sent as it is. */
export type Body = { json: unknown } | { text: string; contentType: string };

interface Refusal {
  message?: string;
  code?: string;
  fieldErrors?: Record<string, string>;
  problems?: { pointer: string; message: string }[];
}

/** The refusal as one message: status, code, message, then each file problem (or else each field) on its own line. */
function refusalText(status: number, statusText: string, err: Refusal): string {
  const lines = err.problems
    ? err.problems.map((p) => `\n  ${p.pointer || "(the file)"}: ${p.message}`)
    : Object.entries(err.fieldErrors ?? {}).map(([f, m]) => `\n  ${f}: ${m}`);
  return `${status} ${err.code ?? ""}: ${err.message ?? statusText}${lines.join("")}`;
}

/** One call to /api/v1; the parsed answer, or a RemoteError with the server's message and code. */
export async function call<T>(opts: RemoteOptions, method: "GET" | "POST" | "PUT", path: string, body?: Body): Promise<T> {
  const { base, token } = remoteOf(opts);
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body) headers["content-type"] = "json" in body ? "application/json" : body.contentType;
  let res: Response;
  try {
    res = await fetch(base + path, { method, headers, body: body && ("json" in body ? JSON.stringify(body.json) : body.text) });
  } catch (e) {
    throw new RemoteError(`could not reach ${base}: ${(e as Error).message}`);
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    throw new RemoteError(`${res.status}: ${base} did not answer JSON (is --server a Gatehouse console?)`);
  }
  if (!res.ok) throw new RemoteError(refusalText(res.status, res.statusText, (data ?? {}) as Refusal));
  return data as T;
}

/** Prints JSON with --json, else the given lines. */
export function print(opts: RemoteOptions, data: unknown, lines: () => string[]) {
  process.stdout.write(
    opts.json
      ? `${JSON.stringify(data, null, 2)}\n`
      : lines()
          .map((l) => `${l}\n`)
          .join(""),
  );
}

/** Runs an action, turning a RemoteError into a message on stderr and exit code 1. */
export const guarded =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      if (!(e instanceof RemoteError)) throw e;
      process.stderr.write(`gatehouse remote: ${e.message}\n`);
      process.exitCode = EXIT_FAILED;
    }
  };

/** `/apis/{id}`, the id encoded. */
export const apiPath = (apiId: string) => `/apis/${encodeURIComponent(apiId)}`;

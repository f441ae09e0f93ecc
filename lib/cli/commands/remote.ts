/**
 * `gatehouse remote …`: the CLI's remote mode, for pipelines working on the team's workspace rather
 * than on files. It calls the console's /api/v1 (lib/api-v1) with an access token made on the
 * console's Account page: `--server URL --token gh_pat_…`, or GATEHOUSE_SERVER / GATEHOUSE_TOKEN
 * (keep the token in the pipeline's secrets, not on the command line, where `ps` shows it).
 * Refusals print the server's message and code on stderr and exit 1; a promotion still waiting for
 * approval when --wait runs out exits 2, so a pipeline can tell "refused" from "not yet".
 */
import type { Command } from "commander";

interface RemoteOptions {
  server?: string;
  token?: string;
  json?: boolean;
}

class RemoteError extends Error {}

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

/** One call to /api/v1; the parsed answer, or a RemoteError with the server's message and code. */
async function call<T>(opts: RemoteOptions, method: "GET" | "POST", path: string, body?: unknown): Promise<T> {
  const { base, token } = remoteOf(opts);
  let res: Response;
  try {
    res = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new RemoteError(`could not reach ${base}: ${(e as Error).message}`);
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const err = (data ?? {}) as { message?: string; code?: string; fieldErrors?: Record<string, string> };
    const fields = Object.entries(err.fieldErrors ?? {}).map(([f, m]) => `\n  ${f}: ${m}`);
    throw new RemoteError(`${res.status} ${err.code ?? ""}: ${err.message ?? res.statusText}${fields.join("")}`);
  }
  return data as T;
}

/** Prints JSON with --json, else the given lines. */
function print(opts: RemoteOptions, data: unknown, lines: () => string[]) {
  process.stdout.write(
    opts.json
      ? `${JSON.stringify(data, null, 2)}\n`
      : lines()
          .map((l) => `${l}\n`)
          .join(""),
  );
}

/** Runs an action, turning a RemoteError into a message on stderr and exit code 1. */
const guarded =
  <A extends unknown[]>(fn: (...args: A) => Promise<void>) =>
  async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      if (!(e instanceof RemoteError)) throw e;
      process.stderr.write(`gatehouse remote: ${e.message}\n`);
      process.exitCode = 1;
    }
  };

interface StageRow {
  name: string;
  protected: boolean;
  deploymentId: string | null;
  deploymentDescription: string | null;
}
interface StageAction {
  status: "applied" | "requested";
  requestId?: string;
  summary: string;
}

export function registerRemote(program: Command): void {
  const remote = program
    .command("remote")
    .description("Work on a Gatehouse console's workspace through its API (/api/v1) with an access token")
    .option("--server <url>", "the console's address (or GATEHOUSE_SERVER)")
    .option("--token <token>", "an access token (or GATEHOUSE_TOKEN)")
    .option("--json", "print the API's JSON answer");
  const opts = (cmd: Command) => cmd.optsWithGlobals() as RemoteOptions;

  remote
    .command("apis")
    .description("List the workspace's REST APIs")
    .action(
      guarded(async (_o: unknown, cmd: Command) => {
        const apis = await call<{ id: string; name: string; version: number }[]>(opts(cmd), "GET", "/apis");
        print(opts(cmd), apis, () => apis.map((a) => `${a.id}  ${a.name}  (version ${a.version})`));
      }),
    );

  remote
    .command("stages <apiId>")
    .description("List an API's stages and what each runs")
    .action(
      guarded(async (apiId: string, _o: unknown, cmd: Command) => {
        const stages = await call<StageRow[]>(opts(cmd), "GET", `/apis/${encodeURIComponent(apiId)}/stages`);
        print(opts(cmd), stages, () =>
          stages.map((s) => `${s.name}${s.protected ? " (protected)" : ""}  ${s.deploymentId ?? "-"}  ${s.deploymentDescription ?? ""}`.trimEnd()),
        );
      }),
    );

  remote
    .command("deploy <apiId>")
    .description("Snapshot the draft as a deployment; with --stage, point that stage at it")
    .option("--stage <name>", "also point this stage at the new deployment (an approval request when protected)")
    .option("--description <text>", "the deployment's description")
    .action(
      guarded(async (apiId: string, o: { stage?: string; description?: string }, cmd: Command) => {
        const body = { ...(o.description ? { description: o.description } : {}), ...(o.stage ? { stageName: o.stage } : {}) };
        const out = await call<{ deploymentId: string; stage: (StageAction & { name: string }) | null }>(
          opts(cmd),
          "POST",
          `/apis/${encodeURIComponent(apiId)}/deployments`,
          body,
        );
        print(opts(cmd), out, () => [`Deployment ${out.deploymentId} created.`, ...(out.stage ? [stageLine(out.stage.name, out.stage)] : [])]);
      }),
    );

  remote
    .command("promote <apiId>")
    .description("Point --to at what --from runs (on a protected stage: an approval request)")
    .requiredOption("--from <stage>", "the stage whose deployment to promote")
    .requiredOption("--to <stage>", "the stage to point at it")
    .option("--wait <seconds>", "wait up to this long for an approval (exit 2 if still waiting)")
    .action(guarded((apiId: string, o: { from: string; to: string; wait?: string }, cmd: Command) => promote(opts(cmd), apiId, o)));

  remote
    .command("history")
    .description("The audit history, newest first")
    .option("--api <apiId>", "only this API's")
    .option("--limit <n>", "how many entries (default 20)", "20")
    .action(
      guarded(async (o: { api?: string; limit: string }, cmd: Command) => {
        const query = new URLSearchParams({ limit: o.limit, ...(o.api ? { apiId: o.api } : {}) });
        const rows = await call<{ createdAt: string; actorEmail: string; summary: string }[]>(opts(cmd), "GET", `/history?${query}`);
        print(opts(cmd), rows, () => rows.map((r) => `${r.createdAt}  ${r.actorEmail}  ${r.summary}`));
      }),
    );
}

const stageLine = (name: string, a: StageAction) =>
  a.status === "applied" ? `Stage ${name}: ${a.summary}` : `Stage ${name} is protected: approval requested (${a.requestId}). ${a.summary}`;

/** Promotes; with --wait, polls the stages until --to runs what --from runs, or time runs out (exit 2). */
async function promote(opts: RemoteOptions, apiId: string, o: { from: string; to: string; wait?: string }): Promise<void> {
  const path = `/apis/${encodeURIComponent(apiId)}`;
  const wait = o.wait === undefined ? 0 : Number(o.wait);
  if (!Number.isFinite(wait) || wait < 0) throw new RemoteError(`--wait must be a number of seconds, not ${JSON.stringify(o.wait)}`);
  const result = await call<StageAction>(opts, "POST", `${path}/stages/${encodeURIComponent(o.to)}/promote`, { from: o.from });
  print(opts, result, () => [stageLine(o.to, result)]);
  if (result.status === "applied" || wait === 0) return;
  const deadline = Date.now() + wait * 1000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(5000, Math.max(100, deadline - Date.now()))));
    const stages = await call<StageRow[]>(opts, "GET", `${path}/stages`);
    const from = stages.find((s) => s.name === o.from);
    const to = stages.find((s) => s.name === o.to);
    if (from && to && to.deploymentId === from.deploymentId) {
      if (!opts.json) process.stdout.write(`Approved: ${o.to} now runs ${to.deploymentId}.\n`);
      return;
    }
  }
  process.stderr.write(`gatehouse remote: ${o.to} is still waiting for approval after ${wait} s\n`);
  process.exitCode = 2;
}

/**
 * `gatehouse remote …`: the CLI's remote mode, for pipelines working on the team's workspace rather
 * than on files. It calls the console's /api/v1 (lib/api-v1) with an access token made on the
 * console's Account page: `--server URL --token gh_pat_…`, or GATEHOUSE_SERVER / GATEHOUSE_TOKEN
 * (keep the token in the pipeline's secrets, not on the command line, where `ps` shows it).
 * Exit codes: 0 done; 1 refused or failed (the server's message and code on stderr; tests that
 * failed); 2 waiting for an approval, so a pipeline can tell "refused" from "not yet".
 * One file per family of commands under remote/.
 */
import type { Command } from "commander";
import { call, guarded, optsOf, print } from "./remote/client";
import { registerRemoteDiff } from "./remote/diff";
import { registerImport } from "./remote/import";
import { registerRemotePush } from "./remote/push";
import { registerStages } from "./remote/stages";
import { registerRemoteTest } from "./remote/test";

export function registerRemote(program: Command): void {
  const remote = program
    .command("remote")
    .description("Work on a Gatehouse console's workspace through its API (/api/v1) with an access token")
    .option("--server <url>", "the console's address (or GATEHOUSE_SERVER)")
    .option("--token <token>", "an access token (or GATEHOUSE_TOKEN)")
    .option("--json", "print the API's JSON answer");

  remote
    .command("apis")
    .description("List the workspace's REST APIs")
    .action(
      guarded(async (_o: unknown, cmd: Command) => {
        const apis = await call<{ id: string; name: string; version: number }[]>(optsOf(cmd), "GET", "/apis");
        print(optsOf(cmd), apis, () => apis.map((a) => `${a.id}  ${a.name}  (version ${a.version})`));
      }),
    );
  registerImport(remote);
  registerStages(remote);
  registerRemoteDiff(remote);
  registerRemoteTest(remote);
  registerRemotePush(remote);

  remote
    .command("history")
    .description("The audit history, newest first")
    .option("--api <apiId>", "only this API's")
    .option("--limit <n>", "how many entries (default 20)", "20")
    .action(
      guarded(async (o: { api?: string; limit: string }, cmd: Command) => {
        const query = new URLSearchParams({ limit: o.limit, ...(o.api ? { apiId: o.api } : {}) });
        const rows = await call<{ createdAt: string; actorEmail: string; summary: string }[]>(optsOf(cmd), "GET", `/history?${query}`);
        print(optsOf(cmd), rows, () => rows.map((r) => `${r.createdAt}  ${r.actorEmail}  ${r.summary}`));
      }),
    );
}

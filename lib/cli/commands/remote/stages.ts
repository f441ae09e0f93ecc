/**
 * `gatehouse remote stages|deploy|promote`: what a stage runs, and changing it. A change a
 * protected stage holds for approval exits 2 (EXIT_PENDING); `promote --wait` polls until the
 * stage runs it (exit 0) or time runs out (exit 2). Re-running a promotion is safe: done already
 * answers "unchanged", waiting already answers the same request.
 */
import type { Command } from "commander";
import { apiPath, call, EXIT_PENDING, guarded, optsOf, print, RemoteError, type RemoteOptions } from "./client";

interface StageRow {
  name: string;
  protected: boolean;
  deploymentId: string | null;
  deploymentDescription: string | null;
  pendingRequest: { id: string } | null;
}
interface StageAction {
  status: "applied" | "requested" | "unchanged";
  requestId?: string;
  summary: string;
}

const stageLine = (name: string, a: StageAction) =>
  a.status === "requested" ? `Stage ${name} is protected: approval requested (${a.requestId}). ${a.summary}` : `Stage ${name}: ${a.summary}`;

export function registerStages(remote: Command): void {
  remote
    .command("stages <apiId>")
    .description("List an API's stages and what each runs")
    .action(
      guarded(async (apiId: string, _o: unknown, cmd: Command) => {
        const stages = await call<StageRow[]>(optsOf(cmd), "GET", `${apiPath(apiId)}/stages`);
        print(optsOf(cmd), stages, () =>
          stages.map((s) => `${s.name}${s.protected ? " (protected)" : ""}  ${s.deploymentId ?? "-"}  ${s.deploymentDescription ?? ""}`.trimEnd()),
        );
      }),
    );

  remote
    .command("deploy <apiId>")
    .description("Snapshot the draft as a deployment; with --stage, point that stage at it (exit 2 when it waits for approval)")
    .option("--stage <name>", "also point this stage at the new deployment (an approval request when protected)")
    .option("--description <text>", "the deployment's description")
    .action(
      guarded(async (apiId: string, o: { stage?: string; description?: string }, cmd: Command) => {
        const body = { ...(o.description ? { description: o.description } : {}), ...(o.stage ? { stageName: o.stage } : {}) };
        const out = await call<{ deploymentId: string; stage: (StageAction & { name: string }) | null }>(optsOf(cmd), "POST", `${apiPath(apiId)}/deployments`, {
          json: body,
        });
        print(optsOf(cmd), out, () => [`Deployment ${out.deploymentId} created.`, ...(out.stage ? [stageLine(out.stage.name, out.stage)] : [])]);
        if (out.stage?.status === "requested") process.exitCode = EXIT_PENDING;
      }),
    );

  remote
    .command("promote <apiId>")
    .description("Point --to at what --from runs (on a protected stage: an approval request, exit 2 while it waits)")
    .requiredOption("--from <stage>", "the stage whose deployment to promote")
    .requiredOption("--to <stage>", "the stage to point at it")
    .option("--wait <seconds>", "wait up to this long for an approval (exit 2 if still waiting)")
    .action(guarded((apiId: string, o: { from: string; to: string; wait?: string }, cmd: Command) => promote(optsOf(cmd), apiId, o)));
}

/**
 * Promotes; while it waits for approval, polls the stages until --to runs what --from ran when asked
 * (approved: exit 0), the request is gone without that (rejected or cancelled: exit 1), or --wait runs out (exit 2).
 */
async function promote(opts: RemoteOptions, apiId: string, o: { from: string; to: string; wait?: string }): Promise<void> {
  const wait = o.wait === undefined ? 0 : Number(o.wait);
  if (!Number.isFinite(wait) || wait < 0) throw new RemoteError(`--wait must be a number of seconds, not ${JSON.stringify(o.wait)}`);
  const result = await call<StageAction>(opts, "POST", `${apiPath(apiId)}/stages/${encodeURIComponent(o.to)}/promote`, { json: { from: o.from } });
  print(opts, result, () => [stageLine(o.to, result)]);
  if (result.status !== "requested") return;
  const stages = () => call<StageRow[]>(opts, "GET", `${apiPath(apiId)}/stages`);
  const wanted = (await stages()).find((s) => s.name === o.from)?.deploymentId;
  const deadline = Date.now() + wait * 1000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(2000, Math.max(100, deadline - Date.now()))));
    const to = (await stages()).find((s) => s.name === o.to);
    if (to && to.deploymentId === wanted) {
      if (!opts.json) process.stdout.write(`Approved: ${o.to} now runs ${to.deploymentId}.\n`);
      return;
    }
    if (to?.pendingRequest?.id !== result.requestId)
      throw new RemoteError(`the approval request ${result.requestId} was rejected or cancelled: ${o.to} still runs ${to?.deploymentId ?? "nothing"}`);
  }
  process.stderr.write(`gatehouse remote: ${o.to} is ${wait ? `still waiting for approval after ${wait} s` : "waiting for approval"}\n`);
  process.exitCode = EXIT_PENDING;
}

/**
 * `gatehouse remote diff API --from REF --to REF`: the server's comparison of two of the draft, a
 * stage (`stage:NAME`) and a deployment (`deployment:ID`), printed as the local `gatehouse diff`
 * prints it (and, for two stages, how their deployment, variables and settings differ).
 */
import type { Command } from "commander";
import type { DesignDiff, StageDiff } from "../../../snapshot/diff";
import { formatDiffText, formatStageDiffText } from "../../../snapshot/diff-format";
import { apiPath, call, guarded, optsOf, RemoteError } from "./client";

interface Comparison {
  from: { ref: string; label: string };
  to: { ref: string; label: string };
  design: DesignDiff;
  stage: StageDiff | null;
}

export function registerRemoteDiff(remote: Command): void {
  remote
    .command("diff <apiId>")
    .description("Compare two of: the draft, a stage, a deployment (as `gatehouse diff` prints it)")
    .requiredOption("--from <ref>", "draft, stage:NAME or deployment:ID")
    .requiredOption("--to <ref>", "draft, stage:NAME or deployment:ID")
    .option("--format <format>", "text or json", "text")
    .action(
      guarded(async (apiId: string, o: { from: string; to: string; format: string }, cmd: Command) => {
        if (o.format !== "text" && o.format !== "json") throw new RemoteError(`--format must be text or json, not ${JSON.stringify(o.format)}`);
        const query = new URLSearchParams({ from: o.from, to: o.to });
        const out = await call<Comparison>(optsOf(cmd), "GET", `${apiPath(apiId)}/diff?${query}`);
        // Like `gatehouse diff --format json`: the design diff itself, unless --json asks for the whole answer.
        if (optsOf(cmd).json) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        else if (o.format === "json") process.stdout.write(`${JSON.stringify(out.design, null, 2)}\n`);
        else process.stdout.write(formatDiffText(out.design) + (out.stage ? formatStageDiffText(out.stage) : ""));
      }),
    );
}

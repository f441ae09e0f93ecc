/**
 * `gatehouse remote push API --stage NAME [--connection ID]`: the console's push of a stage to AWS;
 * exit 0 when it has ended well, 1 when refused (someone else pushing: 409 says who) or AWS refused a call.
 */
import type { Command } from "commander";
import { apiPath, call, guarded, optsOf, print } from "./client";

interface Pushed {
  pushId: string;
  awsRestApiId: string;
  awsDeploymentId: string;
  calls: number;
  entityCalls: number;
}

export function registerRemotePush(remote: Command): void {
  remote
    .command("push <apiId>")
    .description("Push a stage to AWS through the API's AWS connection (or --connection)")
    .requiredOption("--stage <name>", "the stage to push")
    .option("--connection <id>", "the AWS connection, when the API is not bound to one yet")
    .action(
      guarded(async (apiId: string, o: { stage: string; connection?: string }, cmd: Command) => {
        const body = o.connection ? { connectionId: o.connection } : {};
        const out = await call<Pushed>(optsOf(cmd), "POST", `${apiPath(apiId)}/stages/${encodeURIComponent(o.stage)}/push`, { json: body });
        print(optsOf(cmd), out, () => [
          `Pushed ${o.stage} to AWS: REST API ${out.awsRestApiId}, deployment ${out.awsDeploymentId} (${out.calls} call${out.calls === 1 ? "" : "s"}).`,
        ]);
      }),
    );
}

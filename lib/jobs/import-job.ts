/**
 * Importing a REST API from AWS as a job: reading a large API takes many paced AWS calls, so it runs
 * on a worker (any instance), not inside the request; the console waits for its answer. The import
 * writes everything in one mutate() transaction, so an attempt that dies leaves nothing half-made,
 * and one retried after its first attempt committed answers with what that attempt imported.
 */
import { z } from "zod";
import { importRestApi } from "../connection/import-service";
import { GatehouseError } from "../errors";
import type { Actor } from "../audit/mutate";
import { defineJob, PermanentJobError } from "./kind";
import type { JobQueue } from "./queue";

export const importJob = defineJob<{ connectionId: string; awsRestApiId: string }>({
  name: "aws-import",
  // The connection is checked by the service (which names what is wrong), as when imported in the request.
  payload: z.object({ connectionId: z.string(), awsRestApiId: z.string().regex(/^[a-z0-9]{1,32}$/, "Choose a REST API to import") }),
  retryLimit: 2,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
  permanent: (e) => e instanceof GatehouseError && e.status < 500,
  async handler({ db, actor, job }, input) {
    if (!actor) throw new PermanentJobError("An import job must say who imports");
    if (job.retryCount > 0) {
      const done = await db.restApi.findFirst({
        where: { workspaceId: actor.workspaceId, awsConnectionId: input.connectionId, awsRestApiId: input.awsRestApiId },
        select: { id: true, name: true },
      });
      if (done) return { id: done.id, name: done.name, alreadyImported: true };
    }
    return importRestApi(db, actor, input);
  },
});

/** Imports on a worker (any instance) and answers with what was imported, as the request used to. */
export async function importAsJob(queue: JobQueue, actor: Actor, input: { connectionId: string; awsRestApiId: string }) {
  return (await queue.run(importJob, actor, input, { pollMs: 150 })) as Awaited<ReturnType<typeof importRestApi>>;
}

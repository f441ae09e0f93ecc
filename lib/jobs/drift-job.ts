/**
 * Scheduled drift checks. A connection may ask for its bound APIs to be checked every N minutes
 * (`driftCheckMinutes`). One sweep a minute (a pg-boss schedule, run once across instances) sends a
 * check per scheduled connection, keyed by the connection and N minutes' slot, so pg-boss keeps at
 * most one per slot; the check runs `checkDrift` for each bound API, which records a finding the
 * notifications show (recordDriftFinding, once per distinct finding).
 */
import { z } from "zod";
import { systemActor } from "../audit/mutate";
import { checkDrift } from "../connection/drift-service";
import { GatehouseError } from "../errors";
import { defineJob, PermanentJobError } from "./kind";

export const driftCheckJob = defineJob<{ connectionId: string }>({
  name: "drift-check",
  payload: z.object({ connectionId: z.string().uuid() }),
  retryLimit: 2,
  retryDelaySeconds: 30,
  expireInSeconds: 10 * 60,
  permanent: (e) => e instanceof GatehouseError && e.status < 500,
  async handler({ db, actor }, { connectionId }) {
    if (!actor) throw new PermanentJobError("A drift check must name its workspace");
    const connection = await db.awsConnection.findFirst({ where: { id: connectionId, workspaceId: actor.workspaceId } });
    if (!connection) return { checked: 0, reason: "connection deleted" };
    const apis = await db.restApi.findMany({
      where: { awsConnectionId: connectionId, workspaceId: actor.workspaceId, awsRestApiId: { not: null } },
      select: { id: true, name: true },
    });
    const failures: string[] = [];
    const statuses: Record<string, string> = {};
    // One API's failure (gone credentials, AWS's 5xx) does not hide the others' drift.
    for (const api of apis) {
      try {
        statuses[api.name] = (await checkDrift(db, actor, api.id)).status;
      } catch (e) {
        failures.push(`${api.name}: ${(e as Error).message}`);
      }
    }
    if (failures.length) throw new Error(`Drift check of ${failures.length} of ${apis.length} APIs failed: ${failures.join("; ")}`);
    return { checked: apis.length, statuses };
  },
});

export const driftSweepJob = defineJob<Record<string, never>>({
  name: "drift-sweep",
  payload: z.object({}).strict(),
  retryLimit: 0,
  retryDelaySeconds: 60,
  expireInSeconds: 5 * 60,
  permanent: () => false,
  cron: "* * * * *",
  async handler({ db, send }) {
    const scheduled = await db.awsConnection.findMany({
      where: { driftCheckMinutes: { not: null } },
      select: { id: true, workspaceId: true, driftCheckMinutes: true },
    });
    for (const c of scheduled) {
      await send(driftCheckJob, systemActor(c.workspaceId), { connectionId: c.id }, { singletonKey: c.id, singletonSeconds: c.driftCheckMinutes! * 60 });
    }
    return { connections: scheduled.length };
  },
});

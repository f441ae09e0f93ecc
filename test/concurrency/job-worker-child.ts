/**
 * A console instance's job worker, as its own process, for test/concurrency/push-job.test.ts: runs
 * the queue's workers on the given PostgreSQL database until killed, and prints "ready" once it
 * takes jobs. Run: node --import tsx test/concurrency/job-worker-child.ts (JOB_CHILD: JSON arguments).
 */
import { openDb } from "../../lib/db/client";
import { JOB_KINDS } from "../../lib/jobs/kinds";
import { JobQueue } from "../../lib/jobs/queue";

const { databaseUrl, expireInSeconds } = JSON.parse(process.env.JOB_CHILD ?? "{}");
const db = await openDb({ databaseUrl, migrate: false });
const queue = await JobQueue.start(db, JOB_KINDS, { connectionString: databaseUrl, pollingSeconds: 0.5, maintenanceSeconds: 1, expireInSeconds });
console.log("ready");
process.on("SIGTERM", async () => {
  await queue.stop(5000);
  await db.close();
  process.exit(0);
});

/**
 * A second server process for test/concurrency/push.test.ts: pushes one stage on the given
 * PostgreSQL database and prints each progress line, so the test can kill it (-9) mid-push.
 * Run: node --import tsx test/concurrency/push-child.ts (arguments in PUSH_CHILD as JSON).
 */
import { openDb } from "../../lib/db/client";
import { pushStage } from "../../lib/stage/push-service";

const { databaseUrl, actor, apiId, stageName, connectionId } = JSON.parse(process.env.PUSH_CHILD ?? "{}");
const db = await openDb({ databaseUrl, migrate: false });
await pushStage(db.prisma, actor, apiId, stageName, { connectionId, onProgress: (p) => console.log(JSON.stringify(p)) });
await db.close();

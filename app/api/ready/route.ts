import { NextResponse } from "next/server";
import { getDb } from "@/lib/db";
import { isShuttingDown } from "@/lib/ops/lifecycle";
import { logger } from "@/lib/ops/logger";
import { checkReadiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

/**
 * Readiness: 200 when the database answers and has every migration of this build applied; 503
 * with the reason otherwise (database unreachable, migrations pending or changed, shutting down).
 * Public, like /api/health: load balancers ask it without a session, so it names no host or role.
 */
export async function GET() {
  const readiness = await checkReadiness({ database: getDb, shuttingDown: isShuttingDown() });
  const headers = { "cache-control": "no-store" };
  if (readiness.ready) return NextResponse.json({ status: "ready", migrations: readiness.migrations }, { headers });
  const { cause, ...answer } = readiness;
  logger().warn({ reason: readiness.reason, cause }, `not ready: ${readiness.message}`);
  return NextResponse.json({ status: "not-ready", ...answer }, { status: 503, headers });
}

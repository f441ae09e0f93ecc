import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

/**
 * Liveness: the process is up and answering. The database is not consulted on purpose: an outage
 * there is a reason to stop sending traffic (/api/ready), not to restart every instance. The one
 * endpoint, with /api/ready, that answers without a session.
 */
export async function GET() {
  return NextResponse.json({ status: "ok", uptimeSeconds: Math.round(process.uptime()) }, { headers: { "cache-control": "no-store" } });
}

import { NextResponse } from "next/server";
import { metricsAccess } from "@/lib/ops/metrics-access";
import { renderMetrics } from "@/lib/ops/metrics";

export const dynamic = "force-dynamic";

/**
 * Prometheus metrics (text format) for a scraper presenting `Authorization: Bearer
 * $GATEHOUSE_METRICS_TOKEN`: 401 without or with a wrong token, 404 when no token is configured
 * (metrics off). Not behind the session: scrapers have no console account.
 */
export async function GET(request: Request) {
  const access = metricsAccess(process.env.GATEHOUSE_METRICS_TOKEN, request.headers.get("authorization"));
  if (!access.allowed) {
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (access.status === 401) headers["www-authenticate"] = 'Bearer realm="gatehouse-metrics"';
    return NextResponse.json({ message: access.message, code: access.code }, { status: access.status, headers });
  }
  const { body, contentType } = await renderMetrics();
  return new NextResponse(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}

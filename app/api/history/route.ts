import { NextResponse } from "next/server";
import { runAction } from "@/app/_server/action";
import { historyFilterFromParams, historyFilterSchema, historyToCsv, historyToJson, listHistory } from "@/lib/audit/history";
import { assertNoNul } from "@/lib/input/text";

/** An export asked for with a filter it cannot apply is refused (400, the field named), not run without it. */
function checkFilterParams(params: Record<string, string>): void {
  const given = Object.fromEntries(Object.entries(params).filter(([key, value]) => key in historyFilterSchema.shape && value.trim()));
  assertNoNul({ ...given, restApiId: params.restApiId });
  historyFilterSchema.parse(given);
}

export const dynamic = "force-dynamic";

/** GET /api/history?format=csv|json&actor=…&restApiId=… — the filtered history as a download. */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const params = Object.fromEntries(url.searchParams);
  const format = params.format === "json" ? "json" : "csv";
  const result = await runAction("read", async ({ db, user }) => {
    checkFilterParams(params);
    return listHistory(db, {
      ...historyFilterFromParams(params),
      limit: Number(params.limit) || 5000,
      workspaceId: user.workspaceId,
      restApiId: params.restApiId || undefined,
    });
  });
  if (!result.ok) return NextResponse.json({ message: result.error, fieldErrors: result.fieldErrors }, { status: result.status });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return new NextResponse(format === "json" ? historyToJson(result.data) : historyToCsv(result.data), {
    headers: {
      "content-type": format === "json" ? "application/json; charset=utf-8" : "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="gatehouse-history-${stamp}.${format}"`,
      "cache-control": "no-store",
    },
  });
}

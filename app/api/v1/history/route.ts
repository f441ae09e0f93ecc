import { apiV1 } from "@/app/_server/api-v1";
import { history } from "@/lib/api-v1/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/history?apiId=&actor=&action=&entityType=&entity=&from=&to=&limit= — newest first. */
export function GET(request: Request) {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return apiV1(request, "read", ({ db, actor }) => history(db, actor, params));
}

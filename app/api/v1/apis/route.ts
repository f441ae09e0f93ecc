import { apiV1 } from "@/app/_server/api-v1";
import { listApis } from "@/lib/api-v1/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/apis — the workspace's REST APIs. */
export function GET(request: Request) {
  return apiV1(request, "read", ({ db, actor }) => listApis(db, actor));
}

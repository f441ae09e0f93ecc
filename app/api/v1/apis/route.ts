import { apiV1, queryOf } from "@/app/_server/api-v1";
import { importNewApi } from "@/lib/api-v1/openapi";
import { listApis } from "@/lib/api-v1/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/apis — the workspace's REST APIs. */
export function GET(request: Request) {
  return apiV1(request, "read", ({ db, actor }) => listApis(db, actor));
}

/** POST /api/v1/apis?name=&basePath=&failOnWarnings= with an OpenAPI file (JSON or YAML) as the body — a new API from it. */
export function POST(request: Request) {
  return apiV1(request, "api.create", async ({ db, actor }) => importNewApi(db, actor, await request.text(), queryOf(request)), 201);
}

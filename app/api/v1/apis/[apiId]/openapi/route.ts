import { apiV1, queryOf } from "@/app/_server/api-v1";
import { importIntoApi } from "@/lib/api-v1/openapi";

export const dynamic = "force-dynamic";

/** PUT /api/v1/apis/{apiId}/openapi?mode=merge|overwrite&baseVersion=&dryRun=&basePath=&failOnWarnings= with an OpenAPI file as the body — into the draft. */
export async function PUT(request: Request, { params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return apiV1(request, "design.edit", async ({ db, actor }) => importIntoApi(db, actor, apiId, await request.text(), queryOf(request)));
}

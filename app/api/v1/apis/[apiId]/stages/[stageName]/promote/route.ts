import { apiV1, jsonBody } from "@/app/_server/api-v1";
import { promote } from "@/lib/api-v1/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/apis/{apiId}/stages/{stageName}/promote `{ from }` — applied, or an approval request on a protected stage. */
export async function POST(request: Request, { params }: { params: Promise<{ apiId: string; stageName: string }> }) {
  const { apiId, stageName } = await params;
  return apiV1(request, "stage.write", async ({ db, actor }) => promote(db, actor, apiId, stageName, await jsonBody(request)));
}

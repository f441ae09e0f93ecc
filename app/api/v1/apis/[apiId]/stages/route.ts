import { apiV1 } from "@/app/_server/api-v1";
import { listApiStages } from "@/lib/api-v1/service";

export const dynamic = "force-dynamic";

/** GET /api/v1/apis/{apiId}/stages — the API's stages and the deployment each runs. */
export async function GET(request: Request, { params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return apiV1(request, "read", ({ db, actor }) => listApiStages(db, actor, apiId));
}

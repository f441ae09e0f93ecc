import { apiV1, jsonBody } from "@/app/_server/api-v1";
import { deploy } from "@/lib/api-v1/service";

export const dynamic = "force-dynamic";

/** POST /api/v1/apis/{apiId}/deployments `{ description?, stageName? }` — snapshot the draft, optionally point a stage at it. */
export async function POST(request: Request, { params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return apiV1(request, "deployment.create", async ({ db, actor }) => deploy(db, actor, apiId, await jsonBody(request)), 201);
}

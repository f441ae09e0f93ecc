import { apiV1, jsonBody } from "@/app/_server/api-v1";
import { push } from "@/lib/api-v1/push";

export const dynamic = "force-dynamic";

/** POST /api/v1/apis/{apiId}/stages/{stageName}/push `{ connectionId? }` — push the stage to AWS as a job; answers when the push has ended (the job goes on if the request is cut off). */
export async function POST(request: Request, { params }: { params: Promise<{ apiId: string; stageName: string }> }) {
  const { apiId, stageName } = await params;
  return apiV1(request, "aws.push", async ({ db, actor }) => push(db, actor, apiId, stageName, await jsonBody(request), request.signal));
}

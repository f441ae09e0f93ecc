import { apiV1, queryOf } from "@/app/_server/api-v1";
import { diffSides } from "@/lib/api-v1/diff";

export const dynamic = "force-dynamic";

/** GET /api/v1/apis/{apiId}/diff?from=&to= — each side `draft`, `stage:NAME` or `deployment:ID`. */
export async function GET(request: Request, { params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return apiV1(request, "read", ({ db, actor }) => diffSides(db, actor, apiId, queryOf(request)));
}

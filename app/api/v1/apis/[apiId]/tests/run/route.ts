import { apiV1, jsonBody } from "@/app/_server/api-v1";
import { runTests } from "@/lib/api-v1/tests";

export const dynamic = "force-dynamic";

/** POST /api/v1/apis/{apiId}/tests/run `{ target?: "draft" | "stage:NAME", ids? }` — run the saved test cases; passed/failed per case. */
export async function POST(request: Request, { params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return apiV1(request, "invoke.test", async ({ db, actor }) => runTests(db, actor, apiId, await jsonBody(request)));
}

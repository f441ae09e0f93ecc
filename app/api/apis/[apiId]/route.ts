import { jsonRoute } from "@/app/_server/json-route";
import { getRestApiOrThrow } from "@/lib/restapi/service";

export const dynamic = "force-dynamic";

/** GET /api/apis/:id — the draft design and its version, for the designer's query cache. */
export async function GET(_req: Request, { params }: { params: Promise<{ apiId: string }> }) {
  const { apiId } = await params;
  return jsonRoute("read", async ({ db, user }) => {
    const api = await getRestApiOrThrow(db, user.workspaceId, apiId);
    return { id: api.id, name: api.name, version: api.version, design: api.design, awsRestApiId: api.awsRestApiId };
  });
}

import { jsonRoute } from "@/app/_server/json-route";
import { loadNavigationIndex } from "@/lib/workspace/navigation-index";

export const dynamic = "force-dynamic";

/** GET /api/palette — every API, resource, method and stage of the workspace with its URL, for the command palette. */
export async function GET() {
  return jsonRoute("read", ({ db, user }) => loadNavigationIndex(db, user.workspaceId));
}

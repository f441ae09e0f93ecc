import { jsonRoute } from "@/app/_server/json-route";
import { notificationsFor } from "@/lib/notifications/notifications";

export const dynamic = "force-dynamic";

/** GET /api/notifications — the signed-in user's notifications (read-only; the header polls it). */
export async function GET() {
  return jsonRoute("read", ({ db, actor }) => notificationsFor(db, actor));
}

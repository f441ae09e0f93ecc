import { z } from "zod";
import { runAction, toActionError } from "@/app/_server/action";
import { assertSameOrigin } from "@/app/_server/origin";
import { currentUser } from "@/app/_server/session";
import { assertCan } from "@/lib/auth/roles";
import { pushStage, type PushProgress } from "@/lib/stage/push-service";
import { progressStream } from "./progress-stream";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ connectionId: z.string().uuid("Choose an AWS connection").optional() });

/**
 * POST /api/apis/:id/stages/:stage/push — pushes the stage to AWS and streams progress as
 * NDJSON lines ({type:"progress"}…, then {type:"done"} or {type:"error"}), so the console
 * can show each call as it happens. Session, role and origin are checked before streaming,
 * so refusals are plain 401/403 answers; a stage another push holds answers an error line with
 * status 409 naming who pushes and since when.
 */
export async function POST(request: Request, { params }: { params: Promise<{ apiId: string; stageName: string }> }) {
  const { apiId, stageName } = await params;
  let body: z.infer<typeof bodySchema>;
  try {
    assertSameOrigin(request);
    const user = await currentUser();
    if (!user) return Response.json({ message: "Sign in to continue", code: "Unauthenticated" }, { status: 401 });
    assertCan(user.role, "aws.push");
    body = bodySchema.parse(await request.json().catch(() => ({})));
  } catch (e) {
    const err = toActionError(e);
    return Response.json({ message: err.error, code: err.code, fieldErrors: err.fieldErrors }, { status: err.status });
  }
  // The push runs to its end even if the browser stops watching (closes the tab or the stream).
  const { stream } = progressStream(async (send) => {
    const result = await runAction("aws.push", ({ db, actor }) =>
      pushStage(db, actor, apiId, decodeURIComponent(stageName), {
        connectionId: body.connectionId,
        onProgress: (p: PushProgress) => send({ type: "progress", ...p }),
      }),
    );
    send(result.ok ? { type: "done", ...result.data } : { type: "error", status: result.status, message: result.error, fieldErrors: result.fieldErrors });
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" } });
}

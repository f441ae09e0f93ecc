import { z } from "zod";
import { runAction, toActionError } from "@/app/_server/action";
import { assertSameOrigin } from "@/app/_server/origin";
import { currentUser } from "@/app/_server/session";
import { assertCan } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { consoleJobs, enqueuePush, followPushJob, openPushJob } from "@/lib/jobs";
import { progressStream } from "./progress-stream";

export const dynamic = "force-dynamic";

const bodySchema = z.object({ connectionId: z.string().uuid("Choose an AWS connection").optional() });

type Params = { params: Promise<{ apiId: string; stageName: string }> };

const refusal = (e: unknown) => {
  const err = toActionError(e);
  return Response.json({ message: err.error, code: err.code, fieldErrors: err.fieldErrors }, { status: err.status });
};

/** NDJSON lines of a push job, followed from the database until it ends or the reader leaves. */
async function follow(jobId: string) {
  const [{ prisma }, queue] = await Promise.all([getDb(), consoleJobs()]);
  const { stream } = progressStream((send, left) => followPushJob(prisma, queue, jobId, send, { signal: left }));
  return new Response(stream, { headers: { "content-type": "application/x-ndjson", "cache-control": "no-store" } });
}

/**
 * POST /api/apis/:id/stages/:stage/push — queues the push as a job (any instance's worker runs it)
 * and streams its progress read from the database as NDJSON lines ({type:"queued"}, {type:"progress"}…,
 * then {type:"done"} or {type:"error"}). Refusals come before queueing, as plain answers: 401/403,
 * 404, 400 with the field, 409 naming who pushes the stage. Closing the browser stops only the
 * watching: the job goes on, and GET follows it again.
 */
/** The stage's name as the path gave it; a segment that does not decode is taken as it is (no stage has such a name). */
function pathSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function POST(request: Request, { params }: Params) {
  const { apiId, stageName } = await params;
  let body: z.infer<typeof bodySchema>;
  try {
    assertSameOrigin(request);
    const user = await currentUser();
    if (!user) return Response.json({ message: "Sign in to continue", code: "Unauthenticated" }, { status: 401 });
    assertCan(user.role, "aws.push");
    body = bodySchema.parse(await request.json().catch(() => ({})));
  } catch (e) {
    return refusal(e);
  }
  const queued = await runAction("aws.push", async ({ db, actor }) =>
    enqueuePush(await consoleJobs(), db, actor, { restApiId: apiId, stageName: pathSegment(stageName), connectionId: body.connectionId }),
  );
  if (!queued.ok) return Response.json({ message: queued.error, code: queued.code, fieldErrors: queued.fieldErrors }, { status: queued.status });
  return follow(queued.data);
}

/**
 * GET /api/apis/:id/stages/:stage/push — follows the stage's push job still queued or running
 * (the same lines as POST), for a second tab or a page served by another instance; 204 when none.
 */
export async function GET(_request: Request, { params }: Params) {
  const { apiId, stageName } = await params;
  const open = await runAction("read", async ({ actor }) => openPushJob(await consoleJobs(), actor.workspaceId, apiId, pathSegment(stageName)));
  if (!open.ok) return Response.json({ message: open.error, code: open.code }, { status: open.status });
  if (!open.data) return new Response(null, { status: 204 });
  return follow(open.data);
}

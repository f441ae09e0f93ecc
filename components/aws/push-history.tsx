import type { CallRecord, PushPlan } from "@/lib/aws/push";
import { callCounts, callCountText } from "@/lib/aws/push-counts";

interface PushRow {
  id: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  plan: unknown;
  calls: unknown;
  error: string | null;
  awsRestApiId: string | null;
  awsDeploymentId: string | null;
  stage: { name: string };
  connection: { name: string; region: string };
  /** While its server lives: who pushes and since when (listPushes). */
  pushingBy?: { actorEmail: string; since: Date } | null;
}

const STATUS = {
  succeeded: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
  running: "bg-slate-100 text-slate-700",
  interrupted: "bg-amber-100 text-amber-800",
} as Record<string, string>;

const utc = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 19)} UTC`;

/** What a push still in progress, or one whose server stopped, means for the person reading. */
function Liveness({ push }: { push: PushRow }) {
  if (push.status === "running" && push.pushingBy) {
    return (
      <p className="mt-1 text-xs text-slate-600" data-testid="push-in-progress">
        Pushing by {push.pushingBy.actorEmail} since {utc(push.pushingBy.since)}: a second push of this stage is refused until it ends.
      </p>
    );
  }
  if (push.status === "interrupted" && !push.error) {
    return (
      <p className="mt-1 text-xs text-amber-800" data-testid="push-interrupted">
        The server running this push stopped before it ended. Push the stage again: it continues from where this one stopped.
      </p>
    );
  }
  return null;
}

/** Each push with its plan, the calls made, the result and the AWS deployment id. */
export function PushHistory({ pushes }: { pushes: PushRow[] }) {
  if (pushes.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="push-history">
        No pushes yet.
      </p>
    );
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="push-history">
      {pushes.map((p) => {
        const plan = p.plan as PushPlan;
        const calls = (p.calls ?? []) as CallRecord[];
        return (
          <li key={p.id} className="py-2">
            <details>
              <summary className="cursor-pointer">
                <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${STATUS[p.status] ?? ""}`}>{p.status}</span>
                {p.startedAt.toISOString().replace("T", " ").slice(0, 19)} · stage <span className="font-medium">{p.stage.name}</span> · {p.connection.name} (
                {p.connection.region}) · <span data-testid="push-call-count">{callCountText(callCounts(plan, calls))}</span>
                {p.awsDeploymentId && (
                  <>
                    {" "}
                    · deployment{" "}
                    <span className="font-mono" data-testid="push-deployment-id">
                      {p.awsDeploymentId}
                    </span>
                  </>
                )}
              </summary>
              {p.error && <p className={`mt-1 text-xs ${p.status === "interrupted" ? "text-amber-800" : "text-red-700"}`}>{p.error}</p>}
              <div className="mt-1 grid gap-2 md:grid-cols-2">
                <div>
                  <h4 className="text-xs font-medium text-slate-500">Plan</h4>
                  <ol className="font-mono text-xs">
                    {plan.calls.length === 0 && (
                      <li className="text-slate-500">{plan.deployment.upToDate ? "nothing: the stage already ran this design" : "no entity change"}</li>
                    )}
                    {plan.calls.map((c, i) => (
                      <li key={i}>
                        {c.operation} {c.target}
                      </li>
                    ))}
                  </ol>
                </div>
                <div>
                  <h4 className="text-xs font-medium text-slate-500">Calls made</h4>
                  <ol className="font-mono text-xs">
                    {calls.map((c, i) => (
                      <li key={i} className={c.ok ? "" : "text-red-700"}>
                        {c.ok ? "✓" : "✗"} {c.operation} {c.target}
                        {c.createdId ? ` → ${c.createdId}` : ""}
                        {c.retries ? ` (retried ${c.retries}×)` : ""}
                        {c.error ? `: ${c.error.name}: ${c.error.message}` : ""}
                      </li>
                    ))}
                  </ol>
                </div>
              </div>
            </details>
            <Liveness push={p} />
          </li>
        );
      })}
    </ul>
  );
}

/** A push plan as the AWS tab shows it: what it will do in one line, why, the differences, and every call with its patch operations. */
import { DiffEntries } from "@/components/aws/diff-entries";
import { plannedCallCount } from "@/lib/aws/push-counts";
import type { StagePushPreview } from "@/lib/stage/push-service";

type Plan = StagePushPreview["plan"];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}

function patchText(params: Record<string, unknown>): string[] {
  const ops = params.patchOperations as { op: string; path: string; value?: unknown }[] | undefined;
  return (ops ?? []).map((o) => `${o.op} ${o.path}${o.value === undefined ? "" : ` = ${typeof o.value === "string" ? o.value : JSON.stringify(o.value)}`}`);
}

/** What happens to the stage after the entity calls: nothing, a re-pointing, or a new deployment. */
function deploymentText(deployment: Plan["deployment"]): string {
  if (deployment.upToDate) return ", no deployment: the stage already runs this design";
  if (deployment.reuse) return ", then point the stage at the deployment already made";
  return ", then CreateDeployment and the stage update";
}

function PlanCounts({ plan }: { plan: Plan }) {
  const s = plan.summary;
  const total = plannedCallCount(plan);
  return (
    <p className="text-sm" data-testid="plan-counts">
      {plural(plan.calls.length, "entity call")} ({s.creates} create, {s.updates} update, {s.deletes} delete)
      {deploymentText(plan.deployment)}
      {` · ${plural(total, "call")} in all`}
    </p>
  );
}

function PlanCall({ call }: { call: Plan["calls"][number] }) {
  const body = call.params.body;
  return (
    <li>
      <span className="font-semibold">{call.operation}</span> <span className="text-slate-600">{call.target}</span>
      {call.operation === "PutRestApi" && (
        <div className="pl-4 text-slate-500">
          mode={String(call.params.mode)} failOnWarnings={String(call.params.failOnWarnings)} body: OpenAPI 3 document,{" "}
          {formatBytes(typeof body === "string" ? new TextEncoder().encode(body).length : 0)}
        </div>
      )}
      {patchText(call.params).map((t, j) => (
        <div key={j} className="pl-4 text-slate-500">
          {t}
        </div>
      ))}
    </li>
  );
}

/** The entity calls, then the deployment and stage calls the plan ends with. */
function PlanCalls({ plan }: { plan: Plan }) {
  const { deployment } = plan;
  return (
    <ol className="max-h-72 space-y-1 overflow-auto font-mono text-xs" data-testid="plan-calls">
      {plan.calls.map((c, i) => (
        <PlanCall key={i} call={c} />
      ))}
      {!deployment.upToDate && !deployment.reuse && (
        <li>
          <span className="font-semibold">CreateDeployment</span> <span className="text-slate-600">API {plan.apiName}</span>
        </li>
      )}
      {!deployment.upToDate && (
        <li>
          <span className="font-semibold">{deployment.stageExists ? "UpdateStage" : "CreateStage"}</span>{" "}
          <span className="text-slate-600">stage {plan.stageName}</span>
          {deployment.stagePatchOperations.map((o, j) => (
            <div key={j} className="pl-4 text-slate-500">{`${o.op} ${o.path}${o.value === undefined ? "" : ` = ${String(o.value)}`}`}</div>
          ))}
        </li>
      )}
    </ol>
  );
}

export function PlanView({ preview }: { preview: StagePushPreview }) {
  const { plan } = preview;
  return (
    <div className="mt-3 space-y-3" data-testid="aws-plan">
      <PlanCounts plan={plan} />
      {plan.strategy && (
        <p className="text-sm" data-testid="plan-strategy">
          <span className="font-medium">{plan.strategy.kind === "put-rest-api" ? "Whole API in one call" : "Per-entity calls"}:</span> {plan.strategy.reason}
        </p>
      )}
      {plan.notes
        .filter((n) => n !== plan.strategy?.reason)
        .map((n, i) => (
          <p key={i} className="text-xs text-slate-500">
            {n}
          </p>
        ))}
      <div>
        <h3 className="mb-1 text-sm font-medium">Differences (live on AWS → stage {plan.stageName})</h3>
        <DiffEntries entries={preview.diff.entries} beforeLabel="live" afterLabel="Gatehouse" testId="plan-diff" />
      </div>
      <div>
        <h3 className="mb-1 text-sm font-medium">Calls</h3>
        <PlanCalls plan={plan} />
      </div>
    </div>
  );
}

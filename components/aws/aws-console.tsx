"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import {
  adoptDriftAction,
  adoptStageDriftAction,
  checkDriftAction,
  overwriteDriftAction,
  overwriteStageDriftAction,
  planAwsPushAction,
} from "@/app/(console)/apis/[apiId]/aws/actions";
import { DiffEntries } from "@/components/aws/diff-entries";
import { PushStagePanel } from "@/components/stages/push-stage-panel";
import { Button } from "@/components/ui/button";
import { Card, ErrorBanner } from "@/components/ui/card";
import { SelectField } from "@/components/ui/field";
import { plannedCallCount } from "@/lib/aws/push-counts";
import type { DriftReport } from "@/lib/connection/drift-service";
import type { StagePushPreview } from "@/lib/stage/push-service";

interface Props {
  apiId: string;
  version: number;
  stages: string[];
  connections: { id: string; name: string }[];
  boundConnectionId: string | null;
  awsRestApiId: string | null;
  canPush: boolean;
  canEdit: boolean;
}

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(2)} MB`;
}

function patchText(params: Record<string, unknown>): string[] {
  const ops = params.patchOperations as { op: string; path: string; value?: unknown }[] | undefined;
  return (ops ?? []).map((o) => `${o.op} ${o.path}${o.value === undefined ? "" : ` = ${typeof o.value === "string" ? o.value : JSON.stringify(o.value)}`}`);
}

/** Plan → Push for one stage, and drift (adopt / overwrite) for the API. */
export function AwsConsole(p: Props) {
  const router = useRouter();
  const [stage, setStage] = useState(p.stages[0] ?? "");
  // One connection for the plan and the push: the bound one, or the one chosen for the first push.
  const [connectionId, setConnectionId] = useState(p.boundConnectionId ?? p.connections[0]?.id ?? "");
  const [preview, setPreview] = useState<StagePushPreview | null>(null);
  const [drift, setDrift] = useState<DriftReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [driftError, setDriftError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const showPlan = () =>
    start(async () => {
      setError(null);
      const r = await planAwsPushAction(p.apiId, stage, p.boundConnectionId ? undefined : connectionId);
      if (r.ok) setPreview(r.data);
      else setError(r.error);
    });
  const checkDrift = () =>
    start(async () => {
      setDriftError(null);
      setNotice(null);
      const r = await checkDriftAction(p.apiId);
      if (r.ok) setDrift(r.data);
      else setDriftError(r.error);
    });
  const adopt = () =>
    start(async () => {
      setDriftError(null);
      const r = await adoptDriftAction(p.apiId, p.version);
      if (!r.ok) return setDriftError(r.error);
      setNotice(
        `Adopted ${r.data.adopted} change${r.data.adopted === 1 ? "" : "s"} into the draft (version ${r.data.version}). Deploy the draft to ship them with Gatehouse.`,
      );
      setDrift(null);
      router.refresh();
    });
  const overwrite = () =>
    start(async () => {
      setDriftError(null);
      const r = await overwriteDriftAction(p.apiId);
      if (!r.ok) return setDriftError(r.error);
      setNotice("Kept the draft: the next push reverts these changes on AWS.");
      setDrift((d) => (d ? { ...d, acknowledged: true } : d));
    });

  const adoptStage = (stageName: string) =>
    start(async () => {
      setDriftError(null);
      const r = await adoptStageDriftAction(p.apiId, stageName);
      if (!r.ok) return setDriftError(r.error);
      setNotice(
        `Adopted ${r.data.adopted} setting${r.data.adopted === 1 ? "" : "s"} of stage ${stageName} from AWS into Gatehouse${r.data.canaryLeft ? " (the canary differs too: change it with the canary actions)" : ""}.`,
      );
      setDrift((d) => (d ? { ...d, stages: d.stages.map((s) => (s.stageName === stageName ? { ...s, status: "in-sync", changes: [] } : s)) } : d));
      router.refresh();
    });
  const overwriteStage = (stageName: string) =>
    start(async () => {
      setDriftError(null);
      const r = await overwriteStageDriftAction(p.apiId, stageName);
      if (!r.ok) return setDriftError(r.error);
      setNotice(
        `Put Gatehouse's settings of stage ${stageName} back on AWS (UpdateStage with ${r.data.patchOperations} operation${r.data.patchOperations === 1 ? "" : "s"}).`,
      );
      setDrift((d) => (d ? { ...d, stages: d.stages.map((s) => (s.stageName === stageName ? { ...s, status: "in-sync", changes: [] } : s)) } : d));
    });

  const plan = preview?.plan;
  const counts = plan ? { ...plan.summary, deploy: plan.deployment.upToDate ? 0 : plan.deployment.reuse ? 1 : 2 } : null;

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="Plan and push">
        {p.stages.length === 0 ? (
          <p className="text-sm text-slate-500">Create a stage first (Deployments &amp; stages): a push sends a stage&apos;s deployment.</p>
        ) : (
          <>
            <div className="flex items-end gap-2">
              <SelectField
                label="Stage"
                name="aws.stage"
                value={stage}
                onChange={(e) => {
                  setStage(e.target.value);
                  setPreview(null);
                }}
                options={p.stages}
                className="flex-1"
              />
              <Button type="button" variant="secondary" onClick={showPlan} disabled={pending || !p.canPush || !connectionId}>
                Show plan
              </Button>
            </div>
            {!p.boundConnectionId && (
              <p className="mt-2 text-xs text-slate-500" data-testid="plan-first-push">
                {p.connections.length
                  ? "Not on AWS yet: the plan is the first push through the connection chosen below; it creates the REST API and everything in it."
                  : "Not on AWS yet: add an AWS connection to plan and push."}
              </p>
            )}
            <div className="mt-2">
              <ErrorBanner message={error} />
            </div>
            {plan && preview && counts && (
              <div className="mt-3 space-y-3" data-testid="aws-plan">
                <p className="text-sm" data-testid="plan-counts">
                  {plan.calls.length} entity call{plan.calls.length === 1 ? "" : "s"} ({counts.creates} create, {counts.updates} update, {counts.deletes}{" "}
                  delete)
                  {counts.deploy === 0
                    ? ", no deployment: the stage already runs this design"
                    : counts.deploy === 1
                      ? ", then point the stage at the deployment already made"
                      : ", then CreateDeployment and the stage update"}
                  {` · ${plannedCallCount(plan)} call${plannedCallCount(plan) === 1 ? "" : "s"} in all`}
                </p>
                {plan.strategy && (
                  <p className="text-sm" data-testid="plan-strategy">
                    <span className="font-medium">{plan.strategy.kind === "put-rest-api" ? "Whole API in one call" : "Per-entity calls"}:</span>{" "}
                    {plan.strategy.reason}
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
                  <ol className="max-h-72 space-y-1 overflow-auto font-mono text-xs" data-testid="plan-calls">
                    {plan.calls.map((c, i) => (
                      <li key={i}>
                        <span className="font-semibold">{c.operation}</span> <span className="text-slate-600">{c.target}</span>
                        {c.operation === "PutRestApi" && (
                          <div className="pl-4 text-slate-500">
                            mode={String(c.params.mode)} failOnWarnings={String(c.params.failOnWarnings)} body: OpenAPI 3 document,{" "}
                            {formatBytes(typeof c.params.body === "string" ? new TextEncoder().encode(c.params.body).length : 0)}
                          </div>
                        )}
                        {patchText(c.params).map((t, j) => (
                          <div key={j} className="pl-4 text-slate-500">
                            {t}
                          </div>
                        ))}
                      </li>
                    ))}
                    {!plan.deployment.upToDate && !plan.deployment.reuse && (
                      <li>
                        <span className="font-semibold">CreateDeployment</span> <span className="text-slate-600">API {plan.apiName}</span>
                      </li>
                    )}
                    {!plan.deployment.upToDate && (
                      <li>
                        <span className="font-semibold">{plan.deployment.stageExists ? "UpdateStage" : "CreateStage"}</span>{" "}
                        <span className="text-slate-600">stage {plan.stageName}</span>
                        {plan.deployment.stagePatchOperations.map((o, j) => (
                          <div key={j} className="pl-4 text-slate-500">{`${o.op} ${o.path}${o.value === undefined ? "" : ` = ${String(o.value)}`}`}</div>
                        ))}
                      </li>
                    )}
                  </ol>
                </div>
              </div>
            )}
            {p.canPush && stage && (
              <PushStagePanel
                key={stage}
                apiId={p.apiId}
                stageName={stage}
                connections={p.connections}
                boundConnectionId={p.boundConnectionId}
                awsRestApiId={p.awsRestApiId}
                connectionId={connectionId}
                onConnectionChange={(id) => {
                  setConnectionId(id);
                  setPreview(null);
                }}
              />
            )}
          </>
        )}
      </Card>

      <Card title="Drift">
        <p className="mb-2 text-sm text-slate-500">Changes made on AWS outside Gatehouse: live now compared with what Gatehouse last pushed or imported.</p>
        <Button type="button" variant="secondary" onClick={checkDrift} disabled={pending || !p.canEdit || !p.awsRestApiId}>
          Check drift
        </Button>
        {!p.awsRestApiId && <p className="mt-2 text-xs text-slate-500">Not on AWS yet.</p>}
        <div className="mt-2">
          <ErrorBanner message={driftError} />
        </div>
        {notice && (
          <p className="mt-2 rounded bg-emerald-50 px-2 py-1 text-sm text-emerald-800" data-testid="drift-notice">
            {notice}
          </p>
        )}
        {drift && (
          <div className="mt-3 space-y-2" data-testid="drift-report">
            <p className="text-sm font-medium" data-testid="drift-status">
              {drift.status === "in-sync" && "In sync: AWS matches what Gatehouse last pushed."}
              {drift.status === "drifted" &&
                `${drift.entries.length} change${drift.entries.length === 1 ? "" : "s"} made outside Gatehouse${drift.acknowledged ? " (kept the draft: the next push reverts them)" : ""}`}
              {drift.status === "missing" && `REST API ${drift.awsRestApiId} no longer exists on AWS.`}
              {drift.status === "no-baseline" && "Gatehouse has no record of what it last pushed: push once to start tracking drift."}
            </p>
            {drift.status === "drifted" && (
              <>
                <DiffEntries entries={drift.entries} beforeLabel="last pushed" afterLabel="live now" testId="drift-entries" />
                <div className="flex gap-2">
                  <Button type="button" onClick={adopt} disabled={pending || !p.canEdit}>
                    Adopt into draft
                  </Button>
                  <Button type="button" variant="secondary" onClick={overwrite} disabled={pending || !p.canPush || drift.acknowledged}>
                    Overwrite on next push
                  </Button>
                </div>
              </>
            )}
            {drift.stages.length > 0 && (
              <div className="space-y-2 pt-2" data-testid="stage-drift">
                <h3 className="text-sm font-medium">Stage settings</h3>
                {drift.stages.map((st) => (
                  <div key={st.stageName} data-testid={`stage-drift-${st.stageName}`}>
                    <p className="text-sm">
                      <span className="font-mono">{st.stageName}</span>:{" "}
                      {st.status === "in-sync"
                        ? "matches Gatehouse"
                        : st.status === "missing"
                          ? "no longer exists on AWS (push it to create it again)"
                          : `${st.changes.length} setting${st.changes.length === 1 ? "" : "s"} changed outside Gatehouse`}
                    </p>
                    {st.status === "drifted" && (
                      <>
                        <DiffEntries
                          entries={[{ kind: "changed", entity: "stage", key: st.stageName, fields: st.changes }]}
                          beforeLabel="Gatehouse"
                          afterLabel="live now"
                          testId={`stage-drift-entries-${st.stageName}`}
                        />
                        <div className="mt-1 flex gap-2">
                          <Button type="button" onClick={() => adoptStage(st.stageName)} disabled={pending || !p.canPush}>
                            Adopt into stage {st.stageName}
                          </Button>
                          <Button type="button" variant="secondary" onClick={() => overwriteStage(st.stageName)} disabled={pending || !p.canPush}>
                            Overwrite on AWS
                          </Button>
                        </div>
                      </>
                    )}
                  </div>
                ))}
              </div>
            )}
          </div>
        )}
      </Card>
    </div>
  );
}

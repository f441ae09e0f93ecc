"use client";
/** One stage's actions: roll back, promote from another stage (with a preview), canary, and approvals. */
import Link from "next/link";
import { type ReactNode, useState } from "react";
import {
  addCanaryAction,
  approveChangeAction,
  pointStageAction,
  promoteCanaryAction,
  promoteStageAction,
  promotionPreviewAction,
  rejectChangeAction,
  removeCanaryAction,
  updateCanaryAction,
} from "@/app/(console)/apis/[apiId]/stages/actions";
import { DiffEntries, DiffSummaryTable, StageDiffTable } from "@/components/diff/diff-view";
import { Button } from "@/components/ui/button";
import { Checkbox, Field, FieldError, SelectField, TextAreaField } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { useServerAction, useServerCalls } from "@/components/ui/use-server-action";
import type { PromotionPreview } from "@/lib/stage/insights";
import { type StageOutcome, StageOutcomeNote } from "./stage-outcome";
import { changeRequestDiffHref } from "./change-request-diff";

/** Every stage action shares this: one pending state, its outcome or failure, then the page's server data again. */
const useStageCalls = () => useServerCalls<StageOutcome>({ refresh: true });

const short = (id: string) => id.slice(0, 8);

export interface HistoryItem {
  deploymentId: string;
  at: string;
  by: string;
  action: string;
  summary: string;
  canary?: boolean;
  description: string;
}

export function DeploymentHistory({
  apiId,
  stageName,
  current,
  items,
  canEdit,
}: {
  apiId: string;
  stageName: string;
  current: string;
  items: HistoryItem[];
  canEdit: boolean;
}) {
  const act = useStageCalls();
  return (
    <div data-testid="deployment-history">
      <ol className="divide-y divide-slate-100 text-sm">
        {items.length === 0 && <li className="py-2 text-slate-500">No recorded deployments.</li>}
        {items.map((h, i) => (
          <li key={`${h.at}-${i}`} className="flex items-center justify-between gap-2 py-1.5" data-history-deployment={h.deploymentId}>
            <span>
              <span className="font-mono">{short(h.deploymentId)}</span>
              {h.description && <span className="text-slate-500"> · {h.description}</span>}
              {h.canary && <span className="ml-1 rounded bg-amber-50 px-1 text-xs text-amber-700">canary</span>}
              <span className="block text-xs text-slate-500">
                {h.action.replace("stage.", "")} · {h.at.replace("T", " ").slice(0, 19)} UTC · {h.by}
              </span>
            </span>
            {h.deploymentId === current && !h.canary
              ? i === items.findIndex((x) => x.deploymentId === current && !x.canary) && (
                  <span className="rounded bg-emerald-50 px-1.5 text-xs text-emerald-700">running</span>
                )
              : canEdit &&
                !h.canary && (
                  <Button variant="secondary" pending={act.pending} onClick={() => act.run(() => pointStageAction(apiId, stageName, h.deploymentId, true))}>
                    Roll back to {short(h.deploymentId)}
                  </Button>
                )}
          </li>
        ))}
      </ol>
      <StageOutcomeNote outcome={act.data} failure={act.error} />
    </div>
  );
}

export function PromotePanel({
  apiId,
  stageName,
  otherStages,
  isProtected,
}: {
  apiId: string;
  stageName: string;
  otherStages: string[];
  isProtected: boolean;
}) {
  const act = useStageCalls();
  const [from, setFrom] = useState(otherStages[0] ?? "");
  const preview = useServerAction(promotionPreviewAction);
  if (otherStages.length === 0) return <p className="text-sm text-slate-500">Create another stage to promote from.</p>;
  return (
    <div className="space-y-3" data-testid="promote-panel">
      <div className="flex items-end gap-2">
        <SelectField
          label="Promote from stage"
          name="promote.from"
          value={from}
          onChange={(e) => {
            setFrom(e.target.value);
            preview.reset();
          }}
          options={otherStages}
          className="flex-1"
        />
        <Button variant="secondary" pending={preview.pending} onClick={() => preview.run(apiId, from, stageName)}>
          Preview promotion
        </Button>
      </div>
      <FormError failure={preview.error} />
      {preview.data && !preview.error && (
        <PromotionPreviewView preview={preview.data} stageName={stageName}>
          <Button
            pending={act.pending}
            onClick={() =>
              act.run(async () => {
                const reply = await promoteStageAction(apiId, from, stageName);
                if (reply.ok) preview.reset();
                return reply;
              })
            }
          >
            {isProtected ? "Request approval to promote" : `Promote ${from} to ${stageName}`}
          </Button>
        </PromotionPreviewView>
      )}
      <StageOutcomeNote outcome={act.data} failure={act.error} />
    </div>
  );
}

/** What promoting does: what the stage receives, what stays its own; `children` is the button that does it. */
function PromotionPreviewView({ preview, stageName, children }: { preview: PromotionPreview; stageName: string; children: ReactNode }) {
  if (preview.fromDeploymentId === preview.toDeploymentId) {
    return (
      <p className="rounded-md border border-slate-200 p-3 text-sm" data-testid="promotion-preview">
        <strong>{stageName}</strong> already runs deployment <span className="font-mono">{short(preview.toDeploymentId)}</span>, exactly what {preview.from}{" "}
        runs: nothing to promote.
      </p>
    );
  }
  return (
    <div className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="promotion-preview">
      <p className="text-sm">
        <strong>{stageName}</strong> will run deployment <span className="font-mono">{short(preview.fromDeploymentId)}</span> (exactly what {preview.from} runs)
        instead of <span className="font-mono">{short(preview.toDeploymentId)}</span>.
      </p>
      <div>
        <h4 className="text-sm font-semibold">What {stageName} receives</h4>
        <DiffSummaryTable summary={preview.receives.summary} />
        {preview.receives.entries.length > 0 && (
          <div className="mt-2">
            <DiffEntries entries={preview.receives.entries} />
          </div>
        )}
      </div>
      <div>
        <h4 className="text-sm font-semibold">What stays {stageName}&apos;s own</h4>
        <p className="font-mono text-xs text-slate-600" data-testid="promotion-stays">
          {Object.entries(preview.stays.variables)
            .map(([k, v]) => `${k}=${v}`)
            .join("  ") || "(no variables)"}
        </p>
        <p className="text-xs text-slate-500">Variables and settings are not promoted. Where they differ from {preview.from}&apos;s:</p>
        <StageDiffTable diff={preview.stays.differences} />
      </div>
      {children}
    </div>
  );
}

export interface CanaryView {
  deploymentId: string;
  percentTraffic: number;
  stageVariableOverrides: Record<string, string>;
  useStageCache: boolean;
}

const lines = (m: Record<string, string>) =>
  Object.entries(m)
    .map(([k, v]) => `${k}=${v}`)
    .join("\n");

export function CanaryPanel({
  apiId,
  stageName,
  canary,
  deployments,
  current,
  canEdit,
  isProtected,
}: {
  apiId: string;
  stageName: string;
  canary: CanaryView | null;
  deployments: { value: string; label: string }[];
  current: string;
  canEdit: boolean;
  isProtected: boolean;
}) {
  const act = useStageCalls();
  const choices = [{ value: "new", label: "New deployment of the current draft" }, ...deployments.filter((d) => d.value !== current)];
  const [deploymentId, setDeploymentId] = useState("new");
  const [percent, setPercent] = useState(canary ? String(canary.percentTraffic) : "10");
  const [overrides, setOverrides] = useState(canary ? lines(canary.stageVariableOverrides) : "");
  const [useCache, setUseCache] = useState(canary?.useStageCache ?? false);
  const [removeAfter, setRemoveAfter] = useState(true);
  const f = (name: string) => act.fieldErrors[`canarySettings.${name}`];
  const overrideErrors = Object.entries(act.fieldErrors).filter(([k]) => k.startsWith("canarySettings.stageVariableOverrides"));
  const num = () => (percent.trim() === "" ? NaN : Number(percent));
  const settings = () => ({ percentTraffic: num(), stageVariableOverrides: overrides, useStageCache: useCache });
  return (
    <div className="space-y-3" data-testid="canary-panel">
      <CanaryState canary={canary} />
      {canEdit && (
        <fieldset disabled={act.pending} className="space-y-2">
          {!canary && (
            <SelectField
              label="Canary deployment"
              name="canary.deploymentId"
              value={deploymentId}
              onChange={(e) => setDeploymentId(e.target.value)}
              options={choices}
              error={f("deploymentId")}
            />
          )}
          <Field
            label="Percent of traffic to the canary"
            name="canary.percentTraffic"
            inputMode="decimal"
            value={percent}
            onChange={(e) => setPercent(e.target.value)}
            error={f("percentTraffic")}
          />
          <TextAreaField
            label="Canary variable overrides (name=value per line)"
            name="canary.stageVariableOverrides"
            value={overrides}
            onChange={(e) => setOverrides(e.target.value)}
            rows={2}
            mono
          />
          {overrideErrors.map(([k, v]) => (
            <FieldError key={k} name={k} message={`${k.replace("canarySettings.", "")}: ${v}`} />
          ))}
          <Checkbox label="Canary uses the stage cache" checked={useCache} onChange={(e) => setUseCache(e.target.checked)} />
          {canary ? (
            <div className="flex flex-wrap items-center gap-2">
              <Button variant="secondary" onClick={() => act.run(() => updateCanaryAction(apiId, stageName, settings()))}>
                Update canary
              </Button>
              <Checkbox label="Remove the canary after promoting" checked={removeAfter} onChange={(e) => setRemoveAfter(e.target.checked)} />
              <Button onClick={() => act.run(() => promoteCanaryAction(apiId, stageName, removeAfter))}>
                {isProtected ? "Request approval to promote canary" : "Promote canary"}
              </Button>
              <Button variant="danger" onClick={() => act.run(() => removeCanaryAction(apiId, stageName))}>
                {canary.percentTraffic === 0 ? "Remove canary" : "Cancel canary"}
              </Button>
            </div>
          ) : (
            <Button
              onClick={() =>
                act.run(() =>
                  addCanaryAction(apiId, stageName, {
                    deployDraft: deploymentId === "new",
                    deploymentId: deploymentId === "new" ? undefined : deploymentId,
                    ...settings(),
                  }),
                )
              }
            >
              {isProtected ? "Request approval for canary" : "Add canary"}
            </Button>
          )}
        </fieldset>
      )}
      <StageOutcomeNote outcome={act.data} failure={act.error} fieldShown={(field) => field.startsWith("canarySettings.")} />
    </div>
  );
}

function CanaryState({ canary }: { canary: CanaryView | null }) {
  if (!canary) return <p className="text-sm text-slate-500">No canary: every request runs the stage&apos;s deployment.</p>;
  return (
    <p className="text-sm" data-testid="canary-state">
      Canary: deployment <span className="font-mono">{short(canary.deploymentId)}</span> gets <strong>{canary.percentTraffic}%</strong> of requests
      {Object.keys(canary.stageVariableOverrides).length > 0 && (
        <>
          {" "}
          with <span className="font-mono text-xs">{lines(canary.stageVariableOverrides).replace(/\n/g, "  ")}</span>
        </>
      )}
      .
    </p>
  );
}

export interface RequestView {
  id: string;
  stageName: string;
  summary: string;
  requestedByEmail: string;
  createdAt: string;
  mine: boolean;
  /** The deployment the request would make the stage run (or its canary's): the B side of its diff link. */
  requestedDeploymentId: string;
}

export function ChangeRequests({ apiId, requests, canDecide }: { apiId: string; requests: RequestView[]; canDecide: boolean }) {
  const act = useStageCalls();
  const [notes, setNotes] = useState<Record<string, string>>({});
  // After the last decision the list is empty, but what the decision did stays in view.
  if (requests.length === 0 && !act.data && !act.error) return null;
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 p-3" data-testid="change-requests">
      <h3 className="text-sm font-semibold text-amber-900">{requests.length ? "Waiting for approval" : "Nothing waiting for approval"}</h3>
      <ul className="mt-2 space-y-2">
        {requests.map((r) => (
          <li key={r.id} className="text-sm" data-change-request={r.id}>
            <p>{r.summary}</p>
            <p className="text-xs text-slate-600">
              Requested by {r.requestedByEmail} · {r.createdAt.replace("T", " ").slice(0, 16)} UTC ·{" "}
              <Link
                className="text-indigo-700 hover:underline"
                href={changeRequestDiffHref(apiId, r.stageName, r.requestedDeploymentId)}
                data-testid="change-request-diff"
              >
                What it would change
              </Link>
            </p>
            {canDecide && (
              <div className="mt-1 flex flex-wrap items-end gap-2">
                <Field
                  label="Note"
                  name={`note.${r.id}`}
                  value={notes[r.id] ?? ""}
                  onChange={(e) => setNotes({ ...notes, [r.id]: e.target.value })}
                  className="flex-1"
                />
                {!r.mine && (
                  <Button pending={act.pending} onClick={() => act.run(() => approveChangeAction(apiId, r.id, notes[r.id]))}>
                    Approve
                  </Button>
                )}
                <Button variant="secondary" pending={act.pending} onClick={() => act.run(() => rejectChangeAction(apiId, r.id, notes[r.id]))}>
                  {r.mine ? "Cancel request" : "Reject"}
                </Button>
                {r.mine && <span className="text-xs text-slate-600">A different deployer or admin must approve your request.</span>}
              </div>
            )}
          </li>
        ))}
      </ul>
      <StageOutcomeNote outcome={act.data} failure={act.error} />
    </div>
  );
}

/** Whether the draft differs from what a stage runs, what (counts), and a link to the full diff. */
import Link from "next/link";
import type { UndeployedStage } from "@/lib/stage/insights";

export function UndeployedNote({ apiId, stage }: { apiId: string; stage: UndeployedStage }) {
  if (stage.upToDate)
    return (
      <p className="text-xs text-emerald-700" data-undeployed={stage.stageName} data-up-to-date="true">
        Runs the current draft.
      </p>
    );
  const s = stage.summary!;
  const parts: string[] = [];
  const add = (label: string, c: { added: number; removed: number; changed: number }) => {
    const bits = [c.added && `${c.added} added`, c.removed && `${c.removed} removed`, c.changed && `${c.changed} changed`].filter(Boolean);
    if (bits.length) parts.push(`${label}: ${bits.join(", ")}`);
  };
  add("resources", s.resources);
  add("methods", s.methods);
  add("integrations", s.integrations);
  add("responses", {
    added: s.methodResponses.added + s.integrationResponses.added,
    removed: s.methodResponses.removed + s.integrationResponses.removed,
    changed: s.methodResponses.changed + s.integrationResponses.changed,
  });
  add("models", s.models);
  add("authorizers", s.authorizers);
  add("gateway responses", s.gatewayResponses);
  if (s.apiSettings.length) parts.push(`API settings: ${s.apiSettings.join(", ")}`);
  return (
    <p className="text-xs text-amber-700" data-undeployed={stage.stageName} data-up-to-date="false">
      Undeployed changes in the draft — {parts.join("; ") || `${s.changes} changes`}.{" "}
      <Link className="text-indigo-700 hover:underline" href={`/apis/${apiId}/stages/diff?a=${encodeURIComponent(`stage:${stage.stageName}`)}&b=draft`}>
        See the diff
      </Link>
    </p>
  );
}

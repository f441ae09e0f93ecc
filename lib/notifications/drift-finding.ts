/**
 * A drift check's finding, recorded so the notifications area (and the history) can tell the team
 * that AWS was changed outside Gatehouse. Drift is computed on demand; this is the one trace it leaves.
 * Written through mutate() as an audit row; the same finding checked again is not recorded twice.
 */
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";

export const DRIFT_DETECTED_ACTION = "drift.detected";

export interface DriftFinding {
  restApiId: string;
  /** The REST API itself is gone from AWS. */
  apiGone?: boolean;
  /** What the API's resources and methods differ by: entity and key of each change. */
  apiChanges: { entity: string; key: string }[];
  /** Stages whose settings on AWS differ from Gatehouse's (or which are gone from AWS). */
  stages: { stageName: string; status: "drifted" | "missing"; paths: string[] }[];
  /** The live design's fingerprint: the same live state gives the same finding. */
  liveHash: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line for the notification and the history: what differs, briefly. */
export function driftSummary(f: DriftFinding): string {
  const parts: string[] = [];
  if (f.apiGone) parts.push("the REST API is gone from AWS");
  if (f.apiChanges.length) {
    const named = f.apiChanges
      .slice(0, 3)
      .map((c) => `${c.entity} ${c.key}`)
      .join(", ");
    parts.push(`${plural(f.apiChanges.length, "change")} to the API (${named}${f.apiChanges.length > 3 ? ", …" : ""})`);
  }
  for (const s of f.stages.slice(0, 3))
    parts.push(s.status === "missing" ? `stage ${s.stageName} gone from AWS` : `stage ${s.stageName}: ${plural(s.paths.length, "setting")} changed`);
  if (f.stages.length > 3) parts.push(`${plural(f.stages.length - 3, "more stage")}`);
  return `Drift found on AWS: ${parts.join("; ")}`;
}

/** The finding's identity: the same differences against the same live state. */
function fingerprint(f: DriftFinding): string {
  return JSON.stringify({ gone: Boolean(f.apiGone), live: f.liveHash, api: f.apiChanges.map((c) => `${c.entity} ${c.key}`).sort(), stages: f.stages });
}

/**
 * Records the finding unless it is empty or the API's last recorded finding is the same one
 * (people check drift repeatedly while deciding what to do; that is one piece of news, not many).
 * Returns whether a row was written.
 */
export async function recordDriftFinding(db: Db, actor: Actor, finding: DriftFinding): Promise<boolean> {
  if (!finding.apiGone && !finding.apiChanges.length && !finding.stages.length) return false;
  const key = fingerprint(finding);
  const last = await db.auditEvent.findFirst({
    where: { workspaceId: actor.workspaceId, restApiId: finding.restApiId, action: DRIFT_DETECTED_ACTION },
    orderBy: { id: "desc" },
    select: { after: true },
  });
  if ((last?.after as { fingerprint?: string } | null)?.fingerprint === key) return false;
  return mutate(db, actor, async () => ({
    result: true,
    audit: {
      action: DRIFT_DETECTED_ACTION,
      entityType: "api",
      entityId: finding.restApiId,
      restApiId: finding.restApiId,
      summary: driftSummary(finding),
      before: null,
      after: { fingerprint: key, apiGone: Boolean(finding.apiGone), apiChanges: finding.apiChanges, stages: finding.stages },
    },
  }));
}

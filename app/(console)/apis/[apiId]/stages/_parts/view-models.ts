import { requestedDeploymentId } from "@/lib/stage/approvals";

/** A deployment as the stage pages' pickers list it: short id, when, and its description. */
export function deploymentOption(d: { id: string; createdAt: Date; description: string | null }) {
  const when = d.createdAt.toISOString().slice(0, 16).replace("T", " ");
  return { value: d.id, label: `${d.id.slice(0, 8)} · ${when}${d.description ? ` · ${d.description}` : ""}` };
}

type PendingRequest = Parameters<typeof requestedDeploymentId>[0] & {
  id: string;
  stage: { name: string };
  summary: string;
  requestedByEmail: string;
  requestedById: string | null;
  createdAt: Date;
};

/** A pending change request as the ChangeRequests panel shows it to `userId`. */
export function changeRequestItem(r: PendingRequest, userId: string) {
  return {
    id: r.id,
    stageName: r.stage.name,
    summary: r.summary,
    requestedByEmail: r.requestedByEmail,
    createdAt: r.createdAt.toISOString(),
    mine: r.requestedById === userId,
    requestedDeploymentId: requestedDeploymentId(r),
  };
}

"use client";
import { deleteDeploymentAction } from "@/app/(console)/apis/[apiId]/stages/actions";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { useServerAction } from "@/components/ui/use-server-action";

/** Deletes a deployment no stage or canary points at (the server refuses otherwise, naming them). */
export function DeleteDeploymentButton({ apiId, deploymentId }: { apiId: string; deploymentId: string }) {
  const short = deploymentId.slice(0, 8);
  const remove = useServerAction(deleteDeploymentAction, { refresh: true, success: `Deployment ${short} deleted` });
  return (
    <DeleteDialog
      label="Delete"
      title={`Delete deployment ${short}?`}
      pending={remove.pending}
      failure={remove.error}
      onCancel={remove.reset}
      onConfirm={async () => (await remove.run(apiId, deploymentId)).ok}
      testId={`delete-deployment-${short}`}
    >
      <p>
        The snapshot is removed from Gatehouse; it can no longer be rolled back to or compared. As on AWS, a deployment a stage or a canary points at cannot be
        deleted. Nothing on AWS is touched.
      </p>
    </DeleteDialog>
  );
}

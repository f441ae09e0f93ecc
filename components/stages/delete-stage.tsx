"use client";
import { useRouter } from "next/navigation";
import { deleteStageAction } from "@/app/(console)/apis/[apiId]/stages/actions";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { useServerAction } from "@/components/ui/use-server-action";

/** Deletes a stage from Gatehouse; on its own page, goes back to the stage list afterwards. */
export function DeleteStageButton({ apiId, stageName, leaveTo }: { apiId: string; stageName: string; leaveTo?: string }) {
  const router = useRouter();
  const remove = useServerAction(deleteStageAction, {
    refresh: !leaveTo,
    success: `Stage ${stageName} deleted`,
    onSuccess: () => leaveTo && router.push(leaveTo),
  });
  return (
    <DeleteDialog
      label="Delete stage"
      title={`Delete stage ${stageName}?`}
      pending={remove.pending}
      failure={remove.error}
      onCancel={remove.reset}
      onConfirm={async () => (await remove.run(apiId, stageName)).ok}
      testId={`delete-stage-${stageName}`}
    >
      <p>
        The stage, its settings and its push records are removed from Gatehouse. Its deployments stay, and so does its history. The stage on AWS is left as it
        is.
      </p>
    </DeleteDialog>
  );
}

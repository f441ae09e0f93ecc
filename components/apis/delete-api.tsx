"use client";
import { useRouter } from "next/navigation";
import { deleteApiAction } from "@/app/(console)/apis/actions";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { useServerAction } from "@/components/ui/use-server-action";

/** Deletes an API after its name is typed, then goes home (the API's pages are gone). */
export function DeleteApiButton({ apiId, apiName }: { apiId: string; apiName: string }) {
  const router = useRouter();
  const remove = useServerAction(deleteApiAction, { success: `API ${apiName} deleted`, onSuccess: () => router.push("/") });
  return (
    <DeleteDialog
      label="Delete API"
      title={`Delete API ${apiName}?`}
      confirmText={apiName}
      pending={remove.pending}
      failure={remove.error}
      onCancel={remove.reset}
      onConfirm={async (typed) => (await remove.run(apiId, typed)).ok}
      testId="delete-api"
    >
      <p>Its design, stages, deployments and saved test cases are deleted. Its history stays readable in the workspace history.</p>
      <p>Nothing on AWS is deleted: an API pushed there stays as it is.</p>
    </DeleteDialog>
  );
}

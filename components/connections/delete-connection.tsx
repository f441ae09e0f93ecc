"use client";
import { deleteConnectionAction } from "@/app/(console)/connections/actions";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { useServerAction } from "@/components/ui/use-server-action";

/** Deletes a connection no API is bound to (the server refuses otherwise, naming the APIs). */
export function DeleteConnectionButton({ connectionId, connectionName }: { connectionId: string; connectionName: string }) {
  const remove = useServerAction(deleteConnectionAction, { refresh: true, success: `Connection ${connectionName} deleted` });
  return (
    <DeleteDialog
      label="Delete"
      title={`Delete connection ${connectionName}?`}
      pending={remove.pending}
      failure={remove.error}
      onCancel={remove.reset}
      onConfirm={async () => (await remove.run(connectionId)).ok}
      testId={`delete-connection-${connectionName}`}
    >
      <p>Gatehouse forgets where to reach this account. Nothing on AWS is touched; the history keeps the connection&apos;s changes.</p>
    </DeleteDialog>
  );
}

"use client";

import { revertChangeAction } from "@/app/(console)/history/actions";
import { Button } from "@/components/ui/button";
import { useServerAction } from "@/components/ui/use-server-action";

/** What a revert did: on a protected stage it becomes a request for a second person. */
const doneText = (data: unknown) =>
  (data as { status?: string } | undefined)?.status === "requested"
    ? "The stage is protected: a revert request now waits for a second person's approval on the stage page."
    : "Reverted (recorded as a new change).";

export function RevertButton({ entryId }: { entryId: string }) {
  const revert = useServerAction(revertChangeAction, { refresh: true });
  const message = revert.error ? { ok: false, text: revert.error.error } : revert.data !== undefined ? { ok: true, text: doneText(revert.data) } : null;
  return (
    <div className="mt-2 flex items-center gap-2">
      <Button variant="secondary" size="sm" pending={revert.pending} onClick={() => revert.run(entryId)}>
        {revert.pending ? "Reverting…" : "Revert this change"}
      </Button>
      {message && (
        <span role="status" className={`text-xs ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </span>
      )}
    </div>
  );
}

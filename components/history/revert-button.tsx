"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revertChangeAction } from "@/app/(console)/history/actions";

export function RevertButton({ entryId }: { entryId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="mt-2 flex items-center gap-2">
      <button
        type="button"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50"
        onClick={() =>
          start(async () => {
            const r = await revertChangeAction(entryId);
            const requested = r.ok && (r.data as { status?: string } | undefined)?.status === "requested";
            setMessage(
              !r.ok
                ? { ok: false, text: r.error }
                : requested
                  ? { ok: true, text: "The stage is protected: a revert request now waits for a second person's approval on the stage page." }
                  : { ok: true, text: "Reverted (recorded as a new change)." },
            );
            if (r.ok) router.refresh();
          })
        }
      >
        {pending ? "Reverting…" : "Revert this change"}
      </button>
      {message && (
        <span role="status" className={`text-xs ${message.ok ? "text-emerald-700" : "text-red-600"}`}>
          {message.text}
        </span>
      )}
    </div>
  );
}

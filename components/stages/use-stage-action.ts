"use client";
/** Runs a stage server action: pending state, field errors, and what happened (applied or waiting for approval, and AWS's part). */
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

export type ActionReply = { ok: true; data: unknown } | { ok: false; status: number; error: string; fieldErrors?: Record<string, string> };
export interface StageOutcome {
  /** "applied", "requested" (waiting for approval), or a request's new state ("rejected", "cancelled"). */
  status?: string;
  summary?: string;
  awsMessage?: string;
}

export function useStageAction() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ message: string; status: number; fields?: Record<string, string> } | null>(null);
  const [outcome, setOutcome] = useState<StageOutcome | null>(null);
  const run = (fn: () => Promise<ActionReply>, onOk?: (data: unknown) => void) =>
    start(async () => {
      const r = await fn();
      if (r.ok) {
        setError(null);
        setOutcome(r.data as StageOutcome);
        onOk?.(r.data);
        router.refresh();
      } else {
        setOutcome(null);
        setError({ message: r.error, status: r.status, fields: r.fieldErrors });
      }
    });
  return {
    pending,
    error,
    outcome,
    run,
    reload: () => {
      setError(null);
      router.refresh();
    },
  };
}

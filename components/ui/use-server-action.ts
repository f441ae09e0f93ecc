"use client";
/**
 * The one way a component calls a server action: pending state, the failure with its field errors,
 * the last data, a success toast, react-query invalidation and/or a refresh of the server components.
 *
 *   const save = useServerAction(createStageAction, { refresh: true, success: "Stage created" });
 *   <form onSubmit={(e) => { e.preventDefault(); save.run(apiId, input); }}>
 *   <Field name="stage.name" error={save.fieldErrors.name} … />  <FormError failure={save.error} fieldShown={fieldsShown("name")} />
 *
 * Forms stay controlled (or submit through onSubmit, never `<form action>`), so a failure never clears what
 * the user typed. An optimistic or cache update goes in `onSuccess` (e.g. `queryClient.setQueryData`).
 */
import { type QueryKey, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useRef, useState, useTransition } from "react";
import type { ActionFailure, ActionReply } from "@/lib/http/action-reply";
import { useToast } from "./toast";

export interface ServerActionOptions<T, A extends unknown[]> {
  /** Query keys to invalidate after a success (react-query refetches what is on screen). */
  invalidate?: QueryKey[] | ((data: T, ...args: A) => QueryKey[]);
  /** Re-render the page's server components after a success (their data changed). */
  refresh?: boolean;
  /** The success toast; a function may return nothing to stay quiet (e.g. when the page shows the outcome itself). */
  success?: string | ((data: T, ...args: A) => string | null | undefined);
  onSuccess?: (data: T, ...args: A) => void;
  onError?: (failure: ActionFailure, ...args: A) => void;
}

export interface ServerAction<T, A extends unknown[]> {
  /** Calls the action; resolves to its reply once the success or failure is in state. */
  run: (...args: A) => Promise<ActionReply<T>>;
  pending: boolean;
  /** The last failure, cleared by the next run's success or by reset(). */
  error: ActionFailure | null;
  /** The last failure's field errors ({} when none), by field path. */
  fieldErrors: Record<string, string>;
  /** The last success's data. */
  data: T | undefined;
  reset: () => void;
}

const NO_FIELDS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Next's redirect()/notFound() reach the client as errors with a NEXT_ digest; the router must get them. */
const isNextSignal = (e: unknown) => !!e && typeof e === "object" && "digest" in e && String((e as { digest: unknown }).digest).startsWith("NEXT_");

/** A request that never got an answer (offline, server down) is a failure to show, not a crash of the page. */
export const UNREACHABLE: ActionFailure = {
  ok: false,
  status: 0,
  error: "Could not reach the server. Nothing was saved; try again.",
  code: "Unreachable",
};

/** Calls the action; a thrown failure becomes UNREACHABLE, except Next's redirect()/notFound(), which go on to the router. */
export async function callAction<T, A extends unknown[]>(action: (...args: A) => Promise<ActionReply<T>>, args: A): Promise<ActionReply<T>> {
  try {
    return await action(...args);
  } catch (e) {
    // Rethrown inside the transition, a redirect reaches Next's router (the page is going away).
    if (isNextSignal(e)) throw e;
    console.error("[gatehouse] action call failed", e);
    return UNREACHABLE;
  }
}

export interface ReplyEffects<T> {
  setError: (failure: ActionFailure | null) => void;
  setData: (data: T) => void;
  invalidate: (key: QueryKey) => void;
  toast: (message: string) => void;
  refresh: () => void;
}

/** What a reply does: a failure is kept (and handed to onError); a success clears it, then onSuccess, invalidation, toast, refresh. */
export function settleReply<T, A extends unknown[]>(reply: ActionReply<T>, args: A, o: ServerActionOptions<T, A>, fx: ReplyEffects<T>): void {
  if (!reply.ok) {
    fx.setError(reply);
    o.onError?.(reply, ...args);
    return;
  }
  fx.setError(null);
  fx.setData(reply.data);
  o.onSuccess?.(reply.data, ...args);
  const keys = typeof o.invalidate === "function" ? o.invalidate(reply.data, ...args) : (o.invalidate ?? []);
  for (const key of keys) fx.invalidate(key);
  const message = typeof o.success === "function" ? o.success(reply.data, ...args) : o.success;
  if (message) fx.toast(message);
  if (o.refresh) fx.refresh();
}

export function useServerAction<T, A extends unknown[]>(
  action: (...args: A) => Promise<ActionReply<T>>,
  options: ServerActionOptions<T, A> = {},
): ServerAction<T, A> {
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<ActionFailure | null>(null);
  const [data, setData] = useState<T | undefined>(undefined);
  // The latest options and action, so `run` keeps one identity and never calls a stale closure.
  const latest = useRef({ action, options });
  latest.current = { action, options };

  const settle = useCallback(
    (reply: ActionReply<T>, args: A) =>
      settleReply(reply, args, latest.current.options, {
        setError,
        // As an updater: data that is itself a function must not be called by setState.
        setData: (d) => setData(() => d),
        invalidate: (queryKey) => void queryClient.invalidateQueries({ queryKey }),
        toast: (message) => toast(message),
        refresh: () => router.refresh(),
      }),
    [queryClient, router, toast],
  );

  const run = useCallback(
    (...args: A) =>
      new Promise<ActionReply<T>>((resolve) => {
        startTransition(async () => {
          const reply = await callAction(latest.current.action, args);
          settle(reply, args);
          resolve(reply);
        });
      }),
    [settle],
  );

  const reset = useCallback(() => {
    setError(null);
    setData(undefined);
  }, []);

  return useMemo(() => ({ run, pending, error, fieldErrors: error?.fieldErrors ?? NO_FIELDS, data, reset }), [run, pending, error, data, reset]);
}

const callIt = <T>(call: () => Promise<ActionReply<T>>) => call();

/**
 * The same hook for a component whose buttons call different actions but share one pending state and one
 * outcome (a stage's canary buttons, a member row): `run(() => someAction(a, b))`.
 */
export function useServerCalls<T = unknown>(options: ServerActionOptions<T, [() => Promise<ActionReply<T>>]> = {}) {
  return useServerAction<T, [() => Promise<ActionReply<T>>]>(callIt, options);
}

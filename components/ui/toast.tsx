"use client";
/**
 * Short confirmations ("Stage created") in one polite live region, bottom right. A toast never takes
 * the pointer (it cannot cover a button the user is about to press) and leaves on its own; errors are
 * not toasts: they stay next to the form that failed, with what the user typed.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from "react";

export type ToastTone = "success" | "info";
interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

/** How long a toast stays: long enough to read a sentence. */
const TOAST_MS = 6000;
/** More than this many at once and the oldest go first. */
const MAX_TOASTS = 3;

type Show = (message: string, tone?: ToastTone) => void;
// Without a provider (a component rendered alone in a test) toasts are dropped, not an error.
const ToastContext = createContext<Show>(() => {});

export const useToast = () => useContext(ToastContext);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  const timers = useRef(new Set<ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach(clearTimeout);
  }, []);
  const show = useCallback<Show>((message, tone = "success") => {
    const id = ++next.current;
    setToasts((all) => [...all, { id, message, tone }].slice(-MAX_TOASTS));
    const timer = setTimeout(() => {
      timers.current.delete(timer);
      setToasts((all) => all.filter((t) => t.id !== id));
    }, TOAST_MS);
    timers.current.add(timer);
  }, []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <ToastRegion toasts={toasts} />
    </ToastContext.Provider>
  );
}

/** Always in the page (a live region must exist before its text changes for screen readers to announce it). */
export function ToastRegion({ toasts }: { toasts: Toast[] }) {
  return (
    <section
      aria-label="Notifications"
      aria-live="polite"
      className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2"
      data-testid="toasts"
    >
      {toasts.map((t) => (
        <p
          key={t.id}
          data-toast={t.tone}
          className={`rounded-md px-3 py-2 text-sm shadow-lg ${t.tone === "success" ? "bg-emerald-700 text-white" : "bg-slate-800 text-white"}`}
        >
          {t.message}
        </p>
      ))}
    </section>
  );
}

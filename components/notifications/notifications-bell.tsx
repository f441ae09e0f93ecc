"use client";
/**
 * The header's notifications: a bell with the unread count and a panel listing approvals waiting
 * for you, push outcomes and drift found (lib/notifications). The list comes with the page and is
 * polled every 30 s; opening the panel marks what it shows as seen (lib/notifications/unread.ts).
 * Escape or a click outside closes it, and focus returns to the bell.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import type { Notification } from "@/lib/notifications/notifications";
import { newestSeen, parseSeen, unreadCount } from "@/lib/notifications/unread";
import { NotificationItem } from "./notification-item";

const POLL_MS = 30_000;

async function fetchNotifications(): Promise<Notification[]> {
  const res = await fetch("/api/notifications", { headers: { accept: "application/json" } });
  if (!res.ok) throw Object.assign(new Error(`Notifications: HTTP ${res.status}`), { status: res.status });
  return res.json();
}

/** The newest time this user has seen, per browser; `undefined` until read after hydration. */
function useSeen(userId: string) {
  const key = `gatehouse.notifications.seen.${userId}`;
  const [seen, setSeen] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    setSeen(parseSeen(window.localStorage.getItem(key)));
  }, [key]);
  const markSeen = useCallback(
    (at: string | null) => {
      if (!at) return;
      window.localStorage.setItem(key, at);
      setSeen(at);
    },
    [key],
  );
  return { seen, markSeen };
}

export function NotificationsBell({ userId, initial }: { userId: string; initial: Notification[] }) {
  const { data = initial, isError } = useQuery({ queryKey: ["notifications"], queryFn: fetchNotifications, initialData: initial, refetchInterval: POLL_MS });
  const queryClient = useQueryClient();
  // A server render after an action (revalidated layout) brings a fresher list than the last poll.
  useEffect(() => {
    queryClient.setQueryData(["notifications"], initial);
  }, [queryClient, initial]);
  const { seen, markSeen } = useSeen(userId);
  const [open, setOpen] = useState(false);
  // What was unread when the panel opened stays marked while it is open.
  const [seenWhenOpened, setSeenWhenOpened] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const panelId = useId();
  const unread = seen === undefined ? 0 : unreadCount(data, seen);

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  }, []);

  useEffect(() => {
    if (open) markSeen(newestSeen(data, seen ?? null));
  }, [open, data, seen, markSeen]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close(true);
    const onPointer = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, close]);

  const toggle = () => {
    if (!open) setSeenWhenOpened(seen ?? null);
    setOpen(!open);
  };

  return (
    <div className="relative">
      <button
        ref={button}
        type="button"
        onClick={toggle}
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread ? `Notifications, ${unread} new` : "Notifications"}
        data-testid="notifications-button"
        className="relative rounded p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
      >
        <BellIcon />
        {unread > 0 && (
          <span
            className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white"
            data-testid="notifications-unread"
            aria-hidden="true"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      {open && (
        <section
          ref={panel}
          id={panelId}
          aria-label="Notifications"
          data-testid="notifications-panel"
          className="absolute right-0 z-40 mt-2 w-96 max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white shadow-lg"
        >
          <p className="border-b border-slate-100 px-4 py-2 text-sm font-semibold text-slate-900">Notifications</p>
          {isError && <p className="px-4 py-2 text-xs text-red-700">Could not refresh; showing what was loaded.</p>}
          {data.length === 0 ? (
            <p className="px-4 py-6 text-center text-sm text-slate-600" data-testid="notifications-empty">
              Nothing new: no approvals wait for you, and no pushes or drift in the last 7 days.
            </p>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {data.map((n) => (
                <NotificationItem key={n.id} notification={n} unread={unreadCount([n], seenWhenOpened) > 0} onFollow={() => close(false)} />
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-5 w-5">
      <path d="M10 2a6 6 0 0 0-6 6v2.59l-1.7 1.7A1 1 0 0 0 3 14h14a1 1 0 0 0 .7-1.7L16 10.58V8a6 6 0 0 0-6-6Zm0 16a2.5 2.5 0 0 1-2.45-2h4.9A2.5 2.5 0 0 1 10 18Z" />
    </svg>
  );
}

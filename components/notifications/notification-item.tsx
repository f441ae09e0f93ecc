/**
 * One notification as the panel lists it: what happened, where, who, when, and a link to where
 * to act (the stage page for a request, the AWS page for a push outcome or drift).
 */
import Link from "next/link";
import { stagePageHref } from "@/components/stages/change-request-diff";
import type { Notification } from "@/lib/notifications/notifications";

const when = (iso: string) => `${iso.replace("T", " ").slice(0, 16)} UTC`;

interface View {
  href: string;
  title: string;
  detail: string;
  badge: { label: string; className: string };
}

const PUSH_BADGE = {
  succeeded: { label: "Pushed", className: "bg-emerald-100 text-emerald-800" },
  failed: { label: "Push failed", className: "bg-red-100 text-red-800" },
  interrupted: { label: "Push interrupted", className: "bg-amber-100 text-amber-900" },
} as const;

function viewOf(n: Notification): View {
  switch (n.kind) {
    case "approval":
      return {
        href: stagePageHref(n.restApiId, n.stageName),
        title: `${n.apiName} · ${n.stageName}: ${n.summary}`,
        detail: `Asked by ${n.by}`,
        badge: { label: "Approval", className: "bg-indigo-100 text-indigo-800" },
      };
    case "push":
      return {
        href: `/apis/${n.restApiId}/aws`,
        title: `${n.apiName} · stage ${n.stageName}`,
        detail: `By ${n.by}${n.error ? ` — ${n.error}` : ""}`,
        badge: PUSH_BADGE[n.outcome],
      };
    case "drift":
      return {
        href: `/apis/${n.restApiId}/aws`,
        title: `${n.apiName}: ${n.summary.replace(/^Drift found on AWS: /, "")}`,
        detail: `Found by ${n.by}`,
        badge: { label: "Drift", className: "bg-amber-100 text-amber-900" },
      };
  }
}

export function NotificationItem({ notification, unread, onFollow }: { notification: Notification; unread: boolean; onFollow: () => void }) {
  const v = viewOf(notification);
  return (
    <li data-notification={notification.kind} data-notification-id={notification.id}>
      <Link href={v.href} onClick={onFollow} className="block px-4 py-2 hover:bg-slate-50 focus-visible:bg-slate-50">
        <span className="flex items-center gap-2 text-xs">
          <span className={`rounded px-1.5 py-0.5 font-medium ${v.badge.className}`}>{v.badge.label}</span>
          <time dateTime={notification.at} className="text-slate-600">
            {when(notification.at)}
          </time>
          {unread && (
            <span className="ml-auto h-2 w-2 rounded-full bg-indigo-600">
              <span className="sr-only">new</span>
            </span>
          )}
        </span>
        <span className="mt-1 block break-words text-sm text-slate-900">{v.title}</span>
        <span className="block break-words text-xs text-slate-600">{v.detail}</span>
      </Link>
    </li>
  );
}

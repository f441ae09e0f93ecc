/**
 * "Read" state of the notifications, kept by each browser as the newest time its user has seen
 * (opening the panel marks everything listed as seen). Honest and simple: no table, no write per view;
 * a person on two browsers sees their unread count on each until they open the panel there.
 */
import type { Notification } from "./notifications";

/** How many items happened after the newest one seen (all of them when nothing was seen yet). */
export function unreadCount(items: Pick<Notification, "at">[], seenAt: string | null): number {
  if (!seenAt) return items.length;
  return items.filter((n) => n.at > seenAt).length;
}

/** The time to remember once the list is opened: its newest item, or what was remembered if later. */
export function newestSeen(items: Pick<Notification, "at">[], seenAt: string | null): string | null {
  return items.reduce<string | null>((max, n) => (max === null || n.at > max ? n.at : max), seenAt);
}

/** Whether a stored value is a time this code wrote (anything else is ignored, never trusted). */
export function parseSeen(stored: string | null): string | null {
  if (!stored || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(stored)) return null;
  return Number.isNaN(Date.parse(stored)) ? null : stored;
}

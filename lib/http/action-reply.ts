/**
 * What every server action answers, declared once: the server's action frame builds it
 * (app/_server/action.ts) and the client's one action hook reads it (components/ui/use-server-action.ts).
 * Failures are data, never thrown, so a form can show the message and the field errors next to its fields.
 */
export interface ActionFailure {
  ok: false;
  /** The HTTP status the failure stands for (400 invalid input, 401, 403, 404, 409 stale, 500). */
  status: number;
  error: string;
  code?: string;
  /** Field path (as the form names it, e.g. "canarySettings.percentTraffic") → message. */
  fieldErrors?: Record<string, string>;
}

export type ActionReply<T = unknown> = { ok: true; data: T } | ActionFailure;

/**
 * The execution log of one test invocation, written the way TestInvokeMethod writes it:
 * `Execution log for request <id>` then one `<Java Date.toString()> : <message>` line per event.
 */

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** AWS's log events are cut at 1,024 bytes; headers are cut at 998 characters (LocalStack's snapshot of AWS). */
export const MAX_LOGGED_HEADERS = 998;
export const MAX_LOGGED_VALUE = 1000;
export const TRUNCATED = " [TRUNCATED]";

const pad = (n: number) => String(n).padStart(2, "0");

/** Java's `Date.toString()` in UTC: `Thu Aug 31 01:07:25 UTC 2017`. */
export function javaDate(d: Date): string {
  return (
    `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`
  );
}

/** Java's `AbstractMap.toString()`: `{a=1, b=2}`, `{}` when empty. */
export function javaMap(map: Record<string, string> | undefined | null): string {
  if (!map) return "{}";
  return (
    "{" +
    Object.entries(map)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ") +
    "}"
  );
}

/** Cuts a logged value as AWS does, marking the cut with ` [TRUNCATED]`. */
export function truncate(value: string, max = MAX_LOGGED_VALUE): string {
  return value.length > max ? value.slice(0, max) + TRUNCATED : value;
}

/** A header map as AWS logs it: Java map form, secrets masked, cut at 998 characters. */
export function logHeaders(headers: Record<string, string> | undefined): string {
  const masked: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) masked[k] = maskSecret(k, v);
  return truncate(javaMap(masked), MAX_LOGGED_HEADERS);
}

/** AWS prints `Authorization=****…338c72`: stars, then the last 6 characters. */
function maskSecret(name: string, value: string): string {
  const lower = name.toLowerCase();
  if (lower !== "authorization" && lower !== "x-api-key" && lower !== "x-amz-security-token") return value;
  return "****" + value.slice(-6);
}

/** A body as the log shows it: `(null)` when empty (the SDK sends no body), else the text, cut. */
export function logBody(body: string | undefined | null): string {
  if (body === undefined || body === null || body === "") return "(null)";
  return truncate(body);
}

export class ExecutionLog {
  /** When and what; the timestamp is formatted only if the log is read. */
  private readonly entries: { at: Date; message: string }[] = [];

  constructor(
    readonly requestId: string,
    private readonly now: () => Date,
    /**
     * False for the local gateway's traffic: nobody reads its log (AWS too writes execution logs
     * only when a stage turns them on), so handlers skip formatting lines (`if (ctx.log.enabled)`)
     * and add() keeps nothing.
     */
    readonly enabled = true,
  ) {}

  /** Adds one `<timestamp> : <message>` line. */
  add(message: string): void {
    if (this.enabled) this.entries.push({ at: this.now(), message });
  }

  /** The messages without timestamps, for assertions and the console's step view. */
  messages(): string[] {
    return this.entries.map((e) => e.message);
  }

  /** The log as TestInvokeMethod prints it; "" when the log was off. */
  toString(): string {
    if (!this.enabled) return "";
    return `${[`Execution log for request ${this.requestId}`, ...this.entries.map((e) => `${javaDate(e.at)} : ${e.message}`)].join("\n")}\n`;
  }
}

/** HTTP helpers for the gateway's route handler: a capped body reader and cookie stripping. */
import { readCapped } from "../invoke/payload-limit";

/** Reads a body up to `limit` bytes (its bytes, and their UTF-8 text); beyond it, stops reading and says so. */
export async function readBodyCapped(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<{ body: string; bytes: Buffer; tooLarge: boolean }> {
  const read = await readCapped(stream, limit);
  if (read.tooLarge) return { body: "", bytes: Buffer.alloc(0), tooLarge: true };
  return { body: read.bytes.toString("utf8"), bytes: read.bytes, tooLarge: false };
}

/**
 * Removes named cookies from a Cookie header: the console's own session cookie must never reach
 * a backend the API's designer chose (a signed-in browser sends it to `/gw/…` on the same origin).
 */
export function withoutCookies(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== "cookie") {
      out[k] = v;
      continue;
    }
    const kept = v
      .split(";")
      .map((c) => c.trim())
      .filter((c) => c && !names.includes(c.split("=")[0].trim()));
    if (kept.length) out[k] = kept.join("; ");
  }
  return out;
}

/** Hop-by-hop and framing headers a Response must not copy from the pipeline's answer. */
const SKIP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "proxy-connection", "te", "trailer"]);

/**
 * The answer's headers as name/values entries, framing headers left out; a name in
 * `multiValueHeaders` carries every value (Set-Cookie…). Shared by the Node and the fetch adapters.
 */
export function answerHeaderEntries(headers: Record<string, string>, multiValueHeaders?: Record<string, string[]>): [string, string[]][] {
  const multi = multiValueHeaders ? new Map(Object.entries(multiValueHeaders).map(([k, v]) => [k.toLowerCase(), v])) : undefined;
  const out = new Map<string, [string, string[]]>();
  for (const k in headers) {
    if (!Object.hasOwn(headers, k)) continue;
    const lower = k.toLowerCase();
    if (SKIP.has(lower)) continue;
    const values = multi?.get(lower);
    out.set(lower, [k, values && values.length > 0 ? values : [headers[k]]]);
  }
  return [...out.values()];
}

/** The answer's headers as a fetch Headers object (Next's route handler). */
export function responseHeaders(headers: Record<string, string>, multiValueHeaders?: Record<string, string[]>): Headers {
  const out = new Headers();
  for (const [name, values] of answerHeaderEntries(headers, multiValueHeaders)) {
    try {
      out.delete(name);
      for (const value of values) out.append(name, value);
    } catch {
      // A header value a template produced that HTTP cannot carry (control characters): drop it.
    }
  }
  return out;
}

/** The bytes a gateway answer sends: a binary answer's own bytes, a text answer's UTF-8. */
export function responseBodyBytes(result: { body: string; bodyBytes?: Uint8Array }): Uint8Array {
  return result.bodyBytes ? new Uint8Array(result.bodyBytes) : new Uint8Array(Buffer.from(result.body, "utf8"));
}

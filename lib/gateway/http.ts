/** HTTP helpers for the gateway's route handler: a capped body reader and cookie stripping. */

/** Reads a body up to `limit` bytes; beyond it, stops reading and says so. */
export async function readBodyCapped(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<{ body: string; tooLarge: boolean }> {
  if (!stream) return { body: "", tooLarge: false };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { body: "", tooLarge: true };
    }
    chunks.push(value);
  }
  return { body: Buffer.concat(chunks).toString("utf8"), tooLarge: false };
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

export function responseHeaders(headers: Record<string, string>): Headers {
  const out = new Headers();
  for (const [k, v] of Object.entries(headers)) {
    if (SKIP.has(k.toLowerCase())) continue;
    try {
      out.set(k, v);
    } catch {
      // A header value a template produced that HTTP cannot carry (control characters): drop it.
    }
  }
  return out;
}

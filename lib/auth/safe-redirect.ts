/**
 * Where to send the browser after sign-in: only a path on the console's own origin. The
 * target is resolved as a browser would resolve it (a backslash counts as a slash, tabs and
 * newlines are dropped, `//host` and `/\host` name another host), and refused unless it stays
 * on the origin it was resolved against.
 */
const BASE = "http://gatehouse.invalid";

export function safeRedirectPath(next: string | null | undefined, fallback = "/"): string {
  if (!next?.startsWith("/")) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  // The resolved form, never the raw text: what the browser will follow is what was checked.
  return `${url.pathname}${url.search}${url.hash}`;
}

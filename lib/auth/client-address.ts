/**
 * The client's address from X-Forwarded-For, trusting only the proxies the operator declared.
 *
 * Gatehouse's server (scripts/start.mjs) appends the socket's peer address to X-Forwarded-For,
 * so the last entry is always the address that actually connected. Each trusted proxy in front
 * appends the address it saw, so with N trusted proxies the client is the entry N places from
 * the end. Entries further left were written by the client and may be forged; taking the first
 * entry (as many apps do) lets anyone pick their own rate-limit bucket.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedProxies: number): string | null {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (hops.length === 0) return null;
  const index = Math.max(0, hops.length - 1 - Math.max(0, Math.floor(trustedProxies)));
  return hops[index].slice(0, 64);
}

/** `GATEHOUSE_TRUSTED_PROXIES`: how many reverse proxies stand in front of the console (default 0). */
export function trustedProxiesFromEnv(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.GATEHOUSE_TRUSTED_PROXIES ?? "0");
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

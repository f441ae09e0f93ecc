/**
 * Who may read /api/metrics: whoever presents GATEHOUSE_METRICS_TOKEN as a bearer token. Metrics
 * reveal API ids, traffic and error rates, so they are never public. With no token configured the
 * endpoint answers 404: metrics are off, there is nothing to authenticate against, and a
 * credential could not help (403 would suggest one might).
 */
import { createHash, timingSafeEqual } from "node:crypto";

export type MetricsAccess = { allowed: true } | { allowed: false; status: 401 | 404; code: "MetricsDisabled" | "Unauthenticated"; message: string };

/** Short tokens are guessable: refused at the check, so a weak configuration is loud rather than open. */
export const MIN_TOKEN_LENGTH = 16;

function sameSecret(a: string, b: string): boolean {
  // Digests first: equal lengths for timingSafeEqual, and no early exit that times the token's length.
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}

/** Decides a metrics request from the configured token and the request's Authorization header. */
export function metricsAccess(configuredToken: string | undefined, authorization: string | null | undefined): MetricsAccess {
  const token = configuredToken?.trim() ?? "";
  if (token === "") {
    return { allowed: false, status: 404, code: "MetricsDisabled", message: "Metrics are off: set GATEHOUSE_METRICS_TOKEN to serve them at /api/metrics." };
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    return {
      allowed: false,
      status: 404,
      code: "MetricsDisabled",
      message: `Metrics are off: GATEHOUSE_METRICS_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters.`,
    };
  }
  const match = /^Bearer +(\S+) *$/i.exec(authorization ?? "");
  if (!match || !sameSecret(match[1], token)) {
    return { allowed: false, status: 401, code: "Unauthenticated", message: "Send the metrics token as `Authorization: Bearer <GATEHOUSE_METRICS_TOKEN>`." };
  }
  return { allowed: true };
}

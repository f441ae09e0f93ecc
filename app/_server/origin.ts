import "server-only";
import { GatehouseError } from "@/lib/errors";

/** Refuses a state-changing request whose Origin is another site (server actions get this check from Next). */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null) return; // non-browser clients (curl, CLI) send none and carry no ambient cookie risk
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host || originHost(origin) !== host) throw new GatehouseError("Cross-origin request refused", 403, [], "CrossOrigin");
}

/** The host of an Origin header; undefined for an opaque origin (`null`, sandboxed frames, file:) or one that is no URL. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
}

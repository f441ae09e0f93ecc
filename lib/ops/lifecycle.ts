/**
 * The process's shutdown: a flag readiness reports (so a load balancer stops sending work while
 * in-flight requests finish) and the resources to close once the HTTP server has drained (the
 * gateway's own port, the database), registered by whoever opened them. On globalThis under a
 * Symbol: the custom server triggers it, code in Next's bundle registers into it.
 */
import { logger } from "./logger";

interface Lifecycle {
  shuttingDown: boolean;
  closers: { name: string; close: () => Promise<void> }[];
}

const LIFECYCLE = Symbol.for("gatehouse.lifecycle");

function lifecycle(): Lifecycle {
  const store = globalThis as Record<symbol, Lifecycle | undefined>;
  store[LIFECYCLE] ??= { shuttingDown: false, closers: [] };
  return store[LIFECYCLE];
}

export function isShuttingDown(): boolean {
  return lifecycle().shuttingDown;
}

/** Marks the process as shutting down (readiness answers 503 from now on). */
export function beginShutdown(): void {
  lifecycle().shuttingDown = true;
}

/** Registers a resource to close at shutdown; closed in reverse order of registration (the database last). */
export function onShutdown(name: string, close: () => Promise<void>): void {
  lifecycle().closers.push({ name, close });
}

/** Closes every registered resource, newest first; one that fails is logged and the others still close. */
export async function closeResources(): Promise<void> {
  const { closers } = lifecycle();
  for (const { name, close } of closers.splice(0).reverse()) {
    try {
      await close();
      logger().info({ resource: name }, "closed");
    } catch (e) {
      logger().error({ resource: name, err: e }, "closing failed");
    }
  }
}

/** Test-only: forget the state (the process-wide store outlives a test). */
export function resetLifecycleForTests(): void {
  const state = lifecycle();
  state.shuttingDown = false;
  state.closers.length = 0;
}

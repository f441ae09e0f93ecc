/**
 * Long work written as a generator that yields between pieces, run either at once (the CLI, tests)
 * or in slices that give the event loop back. An OpenAPI import is written this way: on the
 * server, a large document is imported a slice at a time, so other requests (`/api/health`
 * among them) are answered while it runs instead of waiting for the whole import.
 */

/** Work that yields (nothing) between pieces and returns T at the end. */
export type Steps<T> = Generator<void, T, void>;

/** How long a slice may hold the event loop before it is handed back. */
export const SLICE_MS = 20;

/** Runs every step at once, on the calling thread. Throws what a step throws. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the steps, handing the event loop back (setImmediate: pending I/O and timers run first)
 * whenever a slice has run `sliceMs`. Rejects with what a step throws.
 */
export async function runStepsYielding<T>(steps: Steps<T>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}

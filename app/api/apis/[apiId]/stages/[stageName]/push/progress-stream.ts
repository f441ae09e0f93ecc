/**
 * A job's progress as NDJSON lines for whoever watches. The job never depends on its watcher:
 * when the reader goes away (the browser tab closes), what is sent after that is dropped quietly,
 * instead of "Controller is already closed" failing it, and `left` aborts, so a watcher that only
 * follows (the job itself runs elsewhere) can stop following.
 */
export function progressStream(job: (send: (value: unknown) => void, left: AbortSignal) => Promise<void>) {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const gone = new AbortController();
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => {
      open = false;
      gone.abort();
    },
  });
  const send = (value: unknown) => {
    if (!open) return;
    try {
      controller.enqueue(encoder.encode(JSON.stringify(value) + "\n"));
    } catch {
      open = false; // closed under us: nobody is reading any more
    }
  };
  const end = (close: () => void) => {
    if (open) close();
    open = false;
  };
  const finished = job(send, gone.signal).then(
    () => end(() => controller.close()),
    (e: unknown) => end(() => controller.error(e)),
  );
  return { stream, finished };
}

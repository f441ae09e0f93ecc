/**
 * A job's progress as NDJSON lines for whoever watches. The job never depends on its watcher:
 * when the reader goes away (the browser tab closes), the job runs to its end and what it sends
 * after that is dropped quietly, instead of "Controller is already closed" failing the job.
 */
export function progressStream(job: (send: (value: unknown) => void) => Promise<void>) {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let open = true;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => void (controller = c),
    cancel: () => void (open = false),
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
  const finished = job(send).then(
    () => end(() => controller.close()),
    (e: unknown) => end(() => controller.error(e)),
  );
  return { stream, finished };
}

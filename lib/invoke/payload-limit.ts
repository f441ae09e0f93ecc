/**
 * API Gateway's payload limit and a reader that holds to it. AWS caps REST API payloads at 10 MB
 * both ways (developer guide, "Amazon API Gateway quotas": payload size 10 MB, not raisable): a
 * request over it is answered 413 (REQUEST_TOO_LARGE), an integration response over it fails
 * the call with a 500 configuration error.
 */

/** 10 MB: the largest request or integration response API Gateway passes. */
export const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

export type CappedRead = { tooLarge: false; bytes: Buffer } | { tooLarge: true; bytesRead: number };

/**
 * Reads a body stream up to `limit` bytes. Past it, stops and cancels the stream (which closes a
 * backend's connection) instead of buffering the rest: never more than `limit` bytes are held.
 */
export async function readCapped(stream: ReadableStream<Uint8Array> | null, limit: number = MAX_PAYLOAD_BYTES): Promise<CappedRead> {
  if (!stream) return { tooLarge: false, bytes: Buffer.alloc(0) };
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return { tooLarge: true, bytesRead: size };
    }
    chunks.push(value);
  }
  return { tooLarge: false, bytes: Buffer.concat(chunks) };
}

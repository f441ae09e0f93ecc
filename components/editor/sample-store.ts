/**
 * Where the template preview keeps the sample request the user typed. The designer's cards are
 * keyed by the saved design (a save remounts them with fresh fields), so state held in the
 * preview component was reset by every save; kept here, keyed by what the sample is for (the
 * method, the side of the integration, the content type), it survives a save and a remount and
 * is lost only on a page reload. Pure (no React); unit-tested in test/editor.
 */
import type { SampleRequest } from "./preview-input";

/** What a sample belongs to: one per method, side and content type (gateway responses share one). */
export function sampleKey(target: {
  kind: "request" | "response" | "gateway";
  contentType: string;
  method?: { httpMethod?: string; resourcePath?: string };
}): string {
  if (target.kind === "gateway") return `gateway ${target.contentType}`;
  return `${target.kind} ${target.method?.httpMethod ?? ""} ${target.method?.resourcePath ?? ""} ${target.contentType}`;
}

/** A small map that forgets the least recently written key past `limit` (a long session edits many methods). */
export function createSampleStore(limit = 100) {
  const samples = new Map<string, SampleRequest>();
  return {
    get: (key: string): SampleRequest | undefined => samples.get(key),
    set(key: string, sample: SampleRequest): void {
      samples.delete(key);
      samples.set(key, sample);
      if (samples.size > limit) samples.delete(samples.keys().next().value as string);
    },
    get size() {
      return samples.size;
    },
  };
}

export type SampleStore = ReturnType<typeof createSampleStore>;

/** The page's one store: every template preview reads and writes here. */
export const PREVIEW_SAMPLES: SampleStore = createSampleStore();

"use client";
import { useCallback, useState } from "react";
import type { SampleRequest } from "./preview-input";
import { PREVIEW_SAMPLES, type SampleStore } from "./sample-store";

/**
 * The sample request for `key`: what the user last typed for it (kept in the store, so a save
 * that remounts the editor keeps it), else `initial()`. A change of key (another method or
 * content type in the same component) switches to that key's sample.
 */
export function usePreviewSample(key: string, initial: () => SampleRequest, store: SampleStore = PREVIEW_SAMPLES) {
  const [state, setState] = useState(() => ({ key, sample: store.get(key) ?? initial() }));
  if (state.key !== key) setState({ key, sample: store.get(key) ?? initial() });
  const update = useCallback(
    (change: (s: SampleRequest) => SampleRequest) =>
      setState((prev) => {
        const sample = change(prev.sample);
        store.set(prev.key, sample);
        return { key: prev.key, sample };
      }),
    [store],
  );
  return [state.sample, update] as const;
}

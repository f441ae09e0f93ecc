"use client";
/** One state object per form instead of a useState per field; `set` changes one field. */
import { useCallback, useState } from "react";

export function useFormState<T extends object>(initial: T | (() => T)) {
  const [form, setForm] = useState<T>(initial);
  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => setForm((f) => ({ ...f, [key]: value })), []);
  return { form, set, setForm };
}

export type SetField<T> = <K extends keyof T>(key: K, value: T[K]) => void;

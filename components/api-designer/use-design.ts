"use client";
/** The draft design in react-query's cache, and the one mutation that edits it. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { editDesignAction } from "@/app/(console)/apis/actions";
import type { ApiDesign } from "@/lib/model/design";
import type { DesignCommand } from "@/lib/model/commands";

export interface ApiDraft {
  id: string;
  name: string;
  version: number;
  design: ApiDesign;
  awsRestApiId: string | null;
}

export const designKeys = { draft: (apiId: string) => ["api", apiId, "draft"] as const };

export async function getDraft(apiId: string, signal?: AbortSignal): Promise<ApiDraft> {
  const res = await fetch(`/api/apis/${apiId}`, { signal, cache: "no-store" });
  if (!res.ok) throw Object.assign(new Error((await res.json().catch(() => ({}))).message ?? res.statusText), { status: res.status });
  return res.json();
}

export function useDraft(apiId: string, initial: ApiDraft) {
  return useQuery({ queryKey: designKeys.draft(apiId), queryFn: ({ signal }) => getDraft(apiId, signal), initialData: initial });
}

export interface EditError {
  status: number;
  message: string;
  fieldErrors?: Record<string, string>;
}

export function useEditDesign(apiId: string) {
  const client = useQueryClient();
  const [error, setError] = useState<EditError | null>(null);
  const mutation = useMutation({
    mutationFn: async (command: DesignCommand) => {
      const draft = client.getQueryData<ApiDraft>(designKeys.draft(apiId));
      const result = await editDesignAction(apiId, draft?.version ?? 0, command);
      if (!result.ok) throw Object.assign(new Error(result.error), { status: result.status, fieldErrors: result.fieldErrors });
      return result.data;
    },
    onMutate: () => setError(null),
    onSuccess: (data) => {
      client.setQueryData<ApiDraft>(designKeys.draft(apiId), (old) =>
        old ? { ...old, version: data.version, design: data.design, name: data.design.name } : old,
      );
    },
    onError: (e: Error & { status?: number; fieldErrors?: Record<string, string> }) =>
      setError({ status: e.status ?? 500, message: e.message, fieldErrors: e.fieldErrors }),
  });
  return {
    /** Resolves to the saved design, or null when the edit was refused (the error is in `error`). */
    edit: (command: DesignCommand): Promise<ApiDesign | null> =>
      mutation.mutateAsync(command).then(
        (d) => d.design,
        () => null,
      ),
    pending: mutation.isPending,
    error,
    clearError: () => setError(null),
    reload: async () => {
      setError(null);
      await client.invalidateQueries({ queryKey: designKeys.draft(apiId) });
    },
  };
}

/** What the designer's forms get: one editor shared by the page, so one refusal shows at a time. */
export type DesignEditor = ReturnType<typeof useEditDesign>;

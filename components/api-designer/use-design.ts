"use client";
/**
 * The draft design in react-query's cache, and how the designer's forms edit it: every form runs
 * one `useServerAction` (made once by the page, so one refusal shows at a time) over
 * editDesignAction, based on the cached draft's version, writing the saved design back into the
 * cache on success (no refetch, and the next edit is based on the new version).
 */
import type { QueryClient } from "@tanstack/react-query";
import { useQuery } from "@tanstack/react-query";
import { editDesignAction } from "@/app/(console)/apis/actions";
import type { ServerAction, ServerActionOptions } from "@/components/ui/use-server-action";
import { queryKeys } from "@/components/query-keys";
import type { ApiDesign } from "@/lib/model/design";
import type { DesignCommand } from "@/lib/model/commands";

export interface ApiDraft {
  id: string;
  name: string;
  version: number;
  design: ApiDesign;
  awsRestApiId: string | null;
}

export async function getDraft(apiId: string, signal?: AbortSignal): Promise<ApiDraft> {
  const res = await fetch(`/api/apis/${apiId}`, { signal, cache: "no-store" });
  if (!res.ok) throw Object.assign(new Error((await res.json().catch(() => ({}))).message ?? res.statusText), { status: res.status });
  return res.json();
}

export function useDraft(apiId: string, initial: ApiDraft) {
  return useQuery({ queryKey: queryKeys.api.draft(apiId), queryFn: ({ signal }) => getDraft(apiId, signal), initialData: initial });
}

type Saved = { version: number; design: ApiDesign };
/** The command, and the success toast: a message, null to stay quiet (the form shows the outcome, or a later step will), or the default. */
type EditArgs = [command: DesignCommand, toast?: string | null];

/** What the designer's forms get: the page's one edit action. */
export type DesignEditor = ServerAction<Saved, EditArgs>;

/** Sends a command against the cached draft's version (a stale version is refused with 409). */
export const editDraft = (apiId: string, client: QueryClient) => (command: DesignCommand, _toast?: string | null) =>
  editDesignAction(apiId, client.getQueryData<ApiDraft>(queryKeys.api.draft(apiId))?.version ?? 0, command);

export function designEditOptions(apiId: string, client: QueryClient): ServerActionOptions<Saved, EditArgs> {
  return {
    onSuccess: (data) =>
      client.setQueryData<ApiDraft>(queryKeys.api.draft(apiId), (old) =>
        old ? { ...old, version: data.version, design: data.design, name: data.design.name } : old,
      ),
    success: (_data, _command, toast) => (toast === undefined ? "Saved to the draft" : toast),
  };
}

/** The saved design of a reply, or null when the edit was refused (the editor shows why). */
export const savedDesign = (reply: Awaited<ReturnType<DesignEditor["run"]>>): ApiDesign | null => (reply.ok ? reply.data.design : null);

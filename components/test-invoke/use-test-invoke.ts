"use client";
/** Send from the Test panel: the typed request read (unreadable header lines refused here), sent through the action, kept with its answer. */
import { useState } from "react";
import { testInvokeAction } from "@/app/(console)/apis/actions";
import { useServerAction } from "@/components/ui/use-server-action";
import type { ActionFailure } from "@/lib/http/action-reply";
import { readTestRequest, type TestRequestText } from "@/lib/testcase/test-request";
import type { Invocation } from "./invoke-outcome";
import type { StageOption } from "./target-select";

/** A refused request names the fields at fault; the panel shows them in one line. */
const failureText = (f: ActionFailure | null) => f && (f.fieldErrors ? Object.values(f.fieldErrors).join("; ") : f.error);

export function useTestInvoke(apiId: string, httpMethod: string) {
  const invoke = useServerAction(testInvokeAction);
  const [unreadable, setUnreadable] = useState<string | null>(null);
  const [invocation, setInvocation] = useState<Invocation | null>(null);
  const send = async (text: TestRequestText, stage: StageOption | null, authorizer: object) => {
    const read = readTestRequest(text);
    setUnreadable(read.ok ? null : read.error);
    // The last answer goes as a new send starts: it no longer describes what is on screen.
    setInvocation(null);
    if (!read.ok) return;
    const reply = await invoke.run(apiId, {
      // ANY is tested as GET, as AWS's console does.
      httpMethod: httpMethod === "ANY" ? "GET" : httpMethod,
      ...read.request,
      ...(stage ? { stage: stage.name } : {}),
      ...authorizer,
    });
    const request = { ...read.request, stage: stage?.name ?? null, stageDefaults: stage?.variables ?? null };
    if (reply.ok) setInvocation({ result: reply.data, request, sentAt: Date.now() });
  };
  return { send, pending: invoke.pending, error: unreadable ?? failureText(invoke.error), invocation };
}

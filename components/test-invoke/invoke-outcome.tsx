"use client";
/** After Send: the answer, "Run on AWS too" (draft only), and "Save as test case" for the request just sent. */
import type { InvokeResult } from "@/lib/invoke/index";
import type { SentRequest } from "@/lib/testcase/test-request";
import { AwsSideBySide } from "./aws-side-by-side";
import { InvokeResultView } from "./invoke-result";
import { SaveTestCaseForm } from "./save-test-case-form";

export interface Invocation {
  result: InvokeResult;
  request: SentRequest;
  /** Tells one send from the next, so the forms below start afresh for each. */
  sentAt: number;
}

export function InvokeOutcome({
  apiId,
  httpMethod,
  resourcePath,
  onAws,
  invocation,
}: {
  apiId: string;
  httpMethod: string;
  resourcePath: string;
  onAws: boolean;
  invocation: Invocation;
}) {
  const { result, request, sentAt } = invocation;
  return (
    <>
      <InvokeResultView result={result} />
      {onAws && !request.stage && (
        <AwsSideBySide key={`aws-${sentAt}`} apiId={apiId} httpMethod={httpMethod === "ANY" ? "GET" : httpMethod} request={request} local={result} />
      )}
      <SaveTestCaseForm key={sentAt} apiId={apiId} httpMethod={httpMethod} resourcePath={resourcePath} request={request} status={result.status} />
    </>
  );
}

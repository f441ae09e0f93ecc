/**
 * Test invoke from the console: runs the draft through the local pipeline (lib/invoke) and
 * records the invocation in the history, which AWS's own Test tab never does.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { ValidationError } from "../model/errors";
import { invokeMethod, outboundPolicyFromEnv, type InvokeResult } from "../invoke/index";
import { getRestApiOrThrow } from "./service";

export const testInvokeInputSchema = z.object({
  httpMethod: z.string().min(1),
  pathWithQueryString: z.string().min(1, "Enter a path such as /pets/1").refine((p) => p.startsWith("/"), "The path starts with /"),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().max(10 * 1024 * 1024, "Payloads are limited to 10 MB").default(""),
  stageVariables: z.record(z.string(), z.string()).default({}),
});

export type TestInvokeInput = z.input<typeof testInvokeInputSchema>;

// The history keeps a readable trace, not megabytes of payload.
const KEEP = 4096;
const clip = (s: string) => (s.length > KEEP ? `${s.slice(0, KEEP)}… [${s.length - KEEP} more characters]` : s);

export async function testInvoke(db: Db, actor: Actor, restApiId: string, raw: TestInvokeInput): Promise<InvokeResult> {
  assertCan(actor.role, "invoke.test");
  const parsed = testInvokeInputSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })));
  const input = parsed.data;
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  const result = await invokeMethod(
    api.design,
    { ...input, stage: null },
    { apiId: api.awsRestApiId ?? api.id.slice(0, 10), outbound: outboundPolicyFromEnv(process.env) },
  );
  await mutate(db, actor, async () => ({
    result: null,
    audit: {
      action: "method.test_invoke",
      entityType: "method",
      entityId: `${result.resourcePath ?? input.pathWithQueryString} ${input.httpMethod}`,
      restApiId,
      summary: `Test-invoked ${input.httpMethod} ${input.pathWithQueryString}: ${result.status} in ${result.latencyMs} ms`,
      before: { request: { ...input, body: clip(input.body) }, apiVersion: api.version },
      after: { status: result.status, headers: result.headers, body: clip(result.body), latencyMs: result.latencyMs },
    },
  }));
  return result;
}

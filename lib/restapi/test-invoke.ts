/**
 * Test invoke from the console: runs the draft — or a stage's deployment snapshot — through the
 * local pipeline (lib/invoke) and records the invocation in the history, which AWS's own Test
 * tab never does.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { mutate, type Actor } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { getDeploymentSnapshot } from "../deployment/service";
import type { ApiDesign } from "../model/design";
import { ValidationError, fromZod } from "../errors";
import { invokeMethod, outboundPolicyFromEnv, type InvokeResult } from "../invoke/index";
import type { AwsConnection } from "../aws/client";
import { createLambdaInvoker } from "../aws/lambda";
import { getRestApiOrThrow } from "./service";

export const testInvokeInputSchema = z
  .object({
    httpMethod: z.string().min(1),
    pathWithQueryString: z
      .string()
      .min(1, "Enter a path such as /pets/1")
      .refine((p) => p.startsWith("/"), "The path starts with /"),
    headers: z.record(z.string(), z.string()).default({}),
    /** Repeated headers, every value (TestInvokeMethod's multiValueHeaders). */
    multiValueHeaders: z.record(z.string(), z.array(z.string())).optional(),
    body: z
      .string()
      .max(14 * 1024 * 1024, "Payloads are limited to 10 MB")
      .default(""),
    /** The body is the base64 of a binary payload. */
    isBase64Encoded: z.boolean().optional(),
    /** Run a CUSTOM method's Lambda authorizer for real through the API's AWS connection. */
    callAuthorizer: z.boolean().optional(),
    /** Left out with a stage: the stage's own variables. */
    stageVariables: z.record(z.string(), z.string()).optional(),
    /** A stage name: invoke that stage's deployment instead of the draft. */
    stage: z.string().min(1, "Choose a stage").max(128).optional(),
    /** A simulated authorizer result for CUSTOM / COGNITO_USER_POOLS methods (Gatehouse cannot run authorizers without AWS). */
    authorizer: z
      .object({
        principalId: z.string().max(1024).optional(),
        claims: z.record(z.string(), z.string()).optional(),
        context: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
  })
  .superRefine((r, ctx) => {
    // Node's base64 decoder skips what it can't read; a typo would send other bytes without a word.
    if (r.isBase64Encoded && !/^[A-Za-z0-9+/]*={0,2}$/.test(r.body.replace(/\s+/g, ""))) {
      ctx.addIssue({ code: "custom", path: ["body"], message: "A binary body is base64 (A–Z, a–z, 0–9, +, /, = padding)" });
    }
  });

export type TestInvokeInput = z.input<typeof testInvokeInputSchema>;

/** What an invocation runs: the draft, or the deployment a stage points at, with that stage's variables. */
export interface InvokeTarget {
  design: ApiDesign;
  /** null for the draft, as TestInvokeMethod runs it. */
  stage: string | null;
  stageVariables: Record<string, string>;
  /** The draft's version, or the deployment id a stage ran. */
  apiVersion?: number;
  deploymentId?: string;
  awsApiId: string;
  /** The AWS connection the API is bound to (awsConnectionId): AWS / AWS_PROXY Lambda integrations invoke through it. */
  awsConnection: AwsConnection | null;
}

/** Loads the draft (stage undefined) or a stage's deployment snapshot and variables; a missing stage is a field error on `stage`. */
export async function loadInvokeTarget(db: Db, workspaceId: string, restApiId: string, stage?: string): Promise<InvokeTarget> {
  const api = await getRestApiOrThrow(db, workspaceId, restApiId);
  const awsApiId = api.awsRestApiId ?? api.id.slice(0, 10);
  const awsConnection = api.awsConnectionId
    ? await db.awsConnection.findFirst({
        where: { id: api.awsConnectionId, workspaceId },
        select: { region: true, endpointUrl: true, roleArn: true, profile: true },
      })
    : null;
  if (stage === undefined) return { design: api.design, stage: null, stageVariables: {}, apiVersion: api.version, awsApiId, awsConnection };
  const row = await db.stage.findFirst({ where: { restApiId: api.id, name: stage } });
  if (!row) throw new ValidationError([{ field: "stage", message: `This API has no stage named ${stage}` }]);
  const design = await getDeploymentSnapshot(db, api.id, row.deploymentId);
  return {
    design,
    stage: row.name,
    stageVariables: { ...((row.variables ?? {}) as Record<string, string>) },
    deploymentId: row.deploymentId,
    awsApiId,
    awsConnection,
  };
}

// The history keeps a readable trace, not megabytes of payload.
const KEEP = 4096;
export const clip = (s: string) => (s.length > KEEP ? `${s.slice(0, KEEP)}… [${s.length - KEEP} more characters]` : s);

export async function testInvoke(db: Db, actor: Actor, restApiId: string, raw: TestInvokeInput): Promise<InvokeResult> {
  assertCan(actor.role, "invoke.test");
  const parsed = testInvokeInputSchema.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  const { stage: stageName, ...input } = parsed.data;
  const target = await loadInvokeTarget(db, actor.workspaceId, restApiId, stageName);
  const stageVariables = input.stageVariables ?? target.stageVariables;
  // Bound to AWS: Lambda integrations run through the connection (default credential chain).
  const lambda = target.awsConnection ? createLambdaInvoker(target.awsConnection) : undefined;
  let result: InvokeResult;
  try {
    result = await invokeMethod(
      target.design,
      { ...input, stageVariables, stage: target.stage },
      { apiId: target.awsApiId, outbound: outboundPolicyFromEnv(process.env), lambda },
    );
  } finally {
    lambda?.destroy();
  }
  const where = target.stage === null ? "" : ` on stage ${target.stage}`;
  await mutate(db, actor, async () => ({
    result: null,
    audit: {
      action: "method.test_invoke",
      entityType: "method",
      entityId: `${result.resourcePath ?? input.pathWithQueryString} ${input.httpMethod}`,
      restApiId,
      summary: `Test-invoked ${input.httpMethod} ${input.pathWithQueryString}${where}: ${result.status} in ${result.latencyMs} ms`,
      before: {
        request: { ...input, stageVariables, body: clip(input.body) },
        ...(target.stage === null ? { apiVersion: target.apiVersion } : { stage: target.stage, deploymentId: target.deploymentId }),
      },
      after: {
        status: result.status,
        headers: result.headers,
        body: clip(result.body),
        ...(result.isBase64Encoded ? { isBase64Encoded: true } : {}),
        latencyMs: result.latencyMs,
      },
    },
  }));
  // The bytes of a binary answer stay on the server: `body` carries their base64 (isBase64Encoded).
  const { bodyBytes: _bytes, ...plain } = result;
  return plain;
}

/** What the Test panel can offer for an API: calling a Lambda (integration or authorizer) needs the API bound to an AWS connection. */
export async function invokeCapabilities(db: Db, actor: Actor, restApiId: string): Promise<{ awsConnection: { region: string } | null }> {
  assertCan(actor.role, "read");
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  if (!api.awsConnectionId) return { awsConnection: null };
  const connection = await db.awsConnection.findFirst({ where: { id: api.awsConnectionId, workspaceId: actor.workspaceId }, select: { region: true } });
  return { awsConnection: connection ? { region: connection.region } : null };
}

"use server";
/**
 * "Run on AWS too": the test-invoke request sent to API Gateway's TestInvokeMethod for the API's
 * pushed copy, recorded in the history, for the side-by-side with the local result.
 */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_server/action";
import { mutate } from "@/lib/audit/mutate";
import { AwsTestInvokeError, testInvokeOnAws, type AwsTestInvokeResult } from "@/lib/aws/test-invoke";
import { compareInvokeResults, type InvokeDifference } from "@/lib/invoke/compare";
import { matchRoute } from "@/lib/invoke/route";
import { GatehouseError } from "@/lib/model/errors";
import { resourcePath as pathOf } from "@/lib/model/tree";
import { getRestApiOrThrow } from "@/lib/restapi/service";
import { testInvokeInputSchema, type TestInvokeInput } from "@/lib/restapi/test-invoke";

const localSchema = z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() });

export interface AwsTestInvokeOutcome {
  aws: AwsTestInvokeResult;
  /** The resource path the request matched in the draft (and was sent to on AWS). */
  resourcePath: string;
  awsRestApiId: string;
  /** Present when the local result was passed in: what differs (empty = the same answer). */
  differences?: InvokeDifference[];
}

const KEEP = 4096;
const clip = (s: string) => (s.length > KEEP ? `${s.slice(0, KEEP)}… [${s.length - KEEP} more characters]` : s);

/**
 * Runs the request on AWS (TestInvokeMethod). `local`, when given (the local test-invoke result's
 * status/headers/body), is compared with AWS's answer and the differences returned.
 */
export async function awsTestInvokeAction(
  restApiId: string,
  request: TestInvokeInput,
  local?: { status: number; headers: Record<string, string>; body: string },
) {
  return runAction("invoke.test", async ({ db, actor }): Promise<AwsTestInvokeOutcome> => {
    const id = z.string().parse(restApiId);
    const input = testInvokeInputSchema.parse(request);
    const localResult = local === undefined ? undefined : localSchema.parse(local);
    const api = await getRestApiOrThrow(db, actor.workspaceId, id);
    if (!api.awsConnectionId || !api.awsRestApiId) throw new GatehouseError("Push this API to AWS first", 400, [], "NotPushed");
    const connection = await db.awsConnection.findFirst({ where: { id: api.awsConnectionId, workspaceId: actor.workspaceId } });
    if (!connection) throw new GatehouseError("Push this API to AWS first", 400, [], "NotPushed");
    const path = input.pathWithQueryString.split("?")[0];
    const match = matchRoute(api.design, path, input.httpMethod.toUpperCase());
    if (!match) {
      throw new GatehouseError(
        `No resource and method in this API match ${input.httpMethod.toUpperCase()} ${path}`,
        400,
        [{ field: "pathWithQueryString", message: "No resource matches this path" }],
        "NoRoute",
      );
    }
    const resourcePath = pathOf(api.design, match.resource);
    let aws: AwsTestInvokeResult;
    try {
      aws = await testInvokeOnAws(connection, {
        restApiId: api.awsRestApiId,
        resourcePath,
        // The method as defined (an ANY method is invoked as ANY).
        httpMethod: match.method.httpMethod,
        pathWithQueryString: input.pathWithQueryString,
        headers: input.headers,
        body: input.body,
        stageVariables: input.stageVariables,
      });
    } catch (e) {
      if (e instanceof AwsTestInvokeError) throw new GatehouseError(e.message, e.status === 404 ? 400 : e.status, [], e.code);
      throw e;
    }
    const differences = localResult ? compareInvokeResults(localResult, aws) : undefined;
    await mutate(db, actor, async () => ({
      result: null,
      audit: {
        action: "method.test_invoke_aws",
        entityType: "method",
        entityId: `${resourcePath} ${match.method.httpMethod}`,
        restApiId: id,
        summary: `Test-invoked ${input.httpMethod.toUpperCase()} ${input.pathWithQueryString} on AWS (${api.awsRestApiId}): ${aws.status} in ${aws.latencyMs} ms${differences ? (differences.length ? `, ${differences.length} difference(s) from local` : ", same as local") : ""}`,
        before: { request: { ...input, body: clip(input.body) }, awsRestApiId: api.awsRestApiId },
        after: { status: aws.status, headers: aws.headers, body: clip(aws.body), latencyMs: aws.latencyMs, differences: differences?.map((d) => d.field) },
      },
    }));
    revalidatePath(`/apis/${id}/history`);
    return { aws, resourcePath, awsRestApiId: api.awsRestApiId, differences };
  });
}

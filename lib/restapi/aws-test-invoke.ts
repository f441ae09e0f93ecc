/**
 * "Run on AWS too": a test-invoke request sent to API Gateway's TestInvokeMethod for the API's
 * pushed copy, compared with the local answer when one is given, and recorded in the history.
 */
import { z } from "zod";
import { type Actor, mutate } from "../audit/mutate";
import { assertCan } from "../auth/roles";
import { AwsTestInvokeError, type AwsTestInvokeResult, testInvokeOnAws } from "../aws/test-invoke";
import type { Db } from "../db/client";
import { compareInvokeResults, type InvokeDifference } from "../invoke/compare";
import { matchRoute } from "../invoke/route";
import { GatehouseError } from "../errors";
import { resourcePath as pathOf } from "../model/tree";
import { getRestApiOrThrow } from "./service";
import { clip, type TestInvokeInput, testInvokeInputSchema } from "./test-invoke";

const localSchema = z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()), body: z.string() });
export type LocalInvokeAnswer = z.input<typeof localSchema>;

export interface AwsTestInvokeOutcome {
  aws: AwsTestInvokeResult;
  /** The resource path the request matched in the draft (and was sent to on AWS). */
  resourcePath: string;
  awsRestApiId: string;
  /** Present when the local result was passed in: what differs (empty = the same answer). */
  differences?: InvokeDifference[];
}

const notPushed = () => new GatehouseError("Push this API to AWS first", 400, [], "NotPushed");

async function boundApi(db: Db, actor: Actor, restApiId: string) {
  const api = await getRestApiOrThrow(db, actor.workspaceId, restApiId);
  if (!api.awsConnectionId || !api.awsRestApiId) throw notPushed();
  const connection = await db.awsConnection.findFirst({ where: { id: api.awsConnectionId, workspaceId: actor.workspaceId } });
  if (!connection) throw notPushed();
  return { api, awsRestApiId: api.awsRestApiId, connection };
}

/** The draft's resource and method a request reaches, as AWS's TestInvokeMethod names them. */
function routeOf(design: Parameters<typeof matchRoute>[0], input: z.output<typeof testInvokeInputSchema>) {
  const path = input.pathWithQueryString.split("?")[0];
  const match = matchRoute(design, path, input.httpMethod.toUpperCase());
  if (!match)
    throw new GatehouseError(
      `No resource and method in this API match ${input.httpMethod.toUpperCase()} ${path}`,
      400,
      [{ field: "pathWithQueryString", message: "No resource matches this path" }],
      "NoRoute",
    );
  // The method as defined (an ANY method is invoked as ANY).
  return { resourcePath: pathOf(design, match.resource), httpMethod: match.method.httpMethod };
}

/**
 * Runs the request on AWS (TestInvokeMethod). `local`, when given (the local test-invoke result's
 * status/headers/body), is compared with AWS's answer and the differences returned.
 */
export async function testInvokeOnAwsAndRecord(
  db: Db,
  actor: Actor,
  restApiId: string,
  request: TestInvokeInput,
  local?: LocalInvokeAnswer,
): Promise<AwsTestInvokeOutcome> {
  assertCan(actor.role, "invoke.test");
  const input = testInvokeInputSchema.parse(request);
  const localResult = local === undefined ? undefined : localSchema.parse(local);
  const { api, awsRestApiId, connection } = await boundApi(db, actor, restApiId);
  const { resourcePath, httpMethod } = routeOf(api.design, input);
  let aws: AwsTestInvokeResult;
  try {
    aws = await testInvokeOnAws(connection, {
      restApiId: awsRestApiId,
      resourcePath,
      httpMethod,
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
  const compared = differences ? (differences.length ? `, ${differences.length} difference(s) from local` : ", same as local") : "";
  await mutate(db, actor, async () => ({
    result: null,
    audit: {
      action: "method.test_invoke_aws",
      entityType: "method",
      entityId: `${resourcePath} ${httpMethod}`,
      restApiId,
      summary: `Test-invoked ${input.httpMethod.toUpperCase()} ${input.pathWithQueryString} on AWS (${awsRestApiId}): ${aws.status} in ${aws.latencyMs} ms${compared}`,
      before: { request: { ...input, body: clip(input.body) }, awsRestApiId },
      after: { status: aws.status, headers: aws.headers, body: clip(aws.body), latencyMs: aws.latencyMs, differences: differences?.map((d) => d.field) },
    },
  }));
  return { aws, resourcePath, awsRestApiId, differences };
}

/**
 * Lambda integrations as people think of them: a function ARN. API Gateway stores the
 * invocation URI `arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{fnArn}/invocations`;
 * these build it from the ARN and read the ARN back, so the designer never shows the raw URI.
 */
import type { FieldIssue } from "../errors";

// Stage variables may stand in for any part of the name (`function:${stageVariables.fn}`), as AWS allows.
const STAGE_VAR = String.raw`\$\{stageVariables\.[A-Za-z0-9_]+\}`;
const NAME = String.raw`(?:[A-Za-z0-9_-]|${STAGE_VAR})+`;
const FUNCTION_ARN = new RegExp(
  String.raw`^arn:(aws|aws-cn|aws-us-gov):lambda:([a-z]{2}(?:-[a-z]+)+-\d|${STAGE_VAR}):(\d{12}|${STAGE_VAR}):function:(${NAME})(?::(${NAME}))?$`,
);
const INVOCATION_URI = /^arn:(aws|aws-cn|aws-us-gov):apigateway:([a-z0-9-]+):lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;

export interface LambdaFunctionRef {
  partition: string;
  /** The Region API Gateway calls Lambda in (the ARN's own Region unless that is a stage variable). */
  region: string;
  functionArn: string;
}

/** True for `arn:aws:lambda:us-east-1:123456789012:function:name[:alias]` (stage variables allowed). */
export function isLambdaFunctionArn(value: string): boolean {
  return FUNCTION_ARN.test(value.trim());
}

/** Field issues for a function ARN typed in the designer. */
export function checkLambdaFunctionArn(value: string, field: string): FieldIssue[] {
  if (!value.trim()) return [{ field, message: "Enter the Lambda function ARN" }];
  if (!isLambdaFunctionArn(value)) {
    return [{ field, message: "A Lambda function ARN looks like arn:aws:lambda:us-east-1:123456789012:function:my-function[:alias]" }];
  }
  return [];
}

/**
 * The integration URI for a function ARN. The Region comes from the ARN; pass `region` when the
 * ARN's Region is a stage variable (API Gateway needs a literal one in the URI).
 */
export function lambdaInvocationUri(functionArn: string, region?: string): string {
  const arn = functionArn.trim();
  const m = FUNCTION_ARN.exec(arn);
  if (!m) throw new Error(`not a Lambda function ARN: ${functionArn}`);
  const inArn = m[2].startsWith("${") ? undefined : m[2];
  const useRegion = region?.trim() || inArn;
  if (!useRegion) throw new Error("the function ARN's Region is a stage variable: give the Region to call Lambda in");
  return `arn:${m[1]}:apigateway:${useRegion}:lambda:path/2015-03-31/functions/${arn}/invocations`;
}

/** The function behind a Lambda invocation URI, or undefined for any other URI. */
export function parseLambdaInvocationUri(uri: string | undefined): LambdaFunctionRef | undefined {
  if (!uri) return undefined;
  const m = INVOCATION_URI.exec(uri.trim());
  if (!m) return undefined;
  let functionArn = m[3];
  try {
    functionArn = decodeURIComponent(functionArn);
  } catch {
    // keep it as written
  }
  return { partition: m[1], region: m[2], functionArn };
}

/** True when the URI invokes a Lambda function (the integrations that must use POST). */
export function isLambdaUri(uri: string | undefined): boolean {
  return !!uri && /^arn:[a-z-]+:apigateway:[^:]+:lambda:path\//.test(uri.trim());
}

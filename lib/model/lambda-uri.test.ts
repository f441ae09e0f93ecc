/** Lambda integrations by function ARN: building and reading the invocation URI. */
import { describe, expect, it } from "vitest";
import { checkLambdaFunctionArn, isLambdaFunctionArn, isLambdaUri, lambdaInvocationUri, parseLambdaInvocationUri } from "./lambda-uri";

const FN = "arn:aws:lambda:eu-west-1:123456789012:function:pets-api";
const URI = `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${FN}/invocations`;

describe("lambda invocation URIs", () => {
  it("builds the URI in the function's own Region and reads the ARN back", () => {
    expect(lambdaInvocationUri(FN)).toBe(URI);
    expect(parseLambdaInvocationUri(URI)).toEqual({ partition: "aws", region: "eu-west-1", functionArn: FN });
  });

  it("keeps aliases, other partitions and stage variables in the function name", () => {
    const alias = "arn:aws-cn:lambda:cn-north-1:123456789012:function:pets:live";
    expect(lambdaInvocationUri(alias)).toBe(`arn:aws-cn:apigateway:cn-north-1:lambda:path/2015-03-31/functions/${alias}/invocations`);
    const staged = "arn:aws:lambda:us-east-1:123456789012:function:${stageVariables.fn}";
    expect(parseLambdaInvocationUri(lambdaInvocationUri(staged))?.functionArn).toBe(staged);
  });

  it("needs a Region when the ARN's own is a stage variable", () => {
    const arn = "arn:aws:lambda:${stageVariables.region}:123456789012:function:pets";
    expect(() => lambdaInvocationUri(arn)).toThrow(/Region/);
    expect(lambdaInvocationUri(arn, "us-west-2")).toMatch(/^arn:aws:apigateway:us-west-2:lambda:path/);
  });

  it("decodes an URL-encoded ARN as AWS exports sometimes write it", () => {
    const encoded = URI.replace(FN, encodeURIComponent(FN));
    expect(parseLambdaInvocationUri(encoded)?.functionArn).toBe(FN);
  });

  it.each(["https://example.com", "arn:aws:apigateway:us-east-1:s3:path/bucket/key", undefined, ""])("is not a Lambda URI: %j", (uri) => {
    expect(parseLambdaInvocationUri(uri)).toBeUndefined();
    expect(isLambdaUri(uri)).toBe(false);
  });

  it.each([
    "arn:aws:lambda:us-east-1:12345:function:x",
    "arn:aws:lambda:us-east-1:123456789012:fn:x",
    "pets-api",
    "arn:aws:lambda:us-east-1:123456789012:function:bad name",
    "arn:aws:lambda:useast1:123456789012:function:x",
  ])("refuses %j as a function ARN with a field message", (arn) => {
    expect(isLambdaFunctionArn(arn)).toBe(false);
    expect(checkLambdaFunctionArn(arn, "functionArn")).toEqual([{ field: "functionArn", message: expect.stringMatching(/looks like arn:aws:lambda/) }]);
    expect(() => lambdaInvocationUri(arn)).toThrow();
  });

  it("asks for an ARN when none is given", () => {
    expect(checkLambdaFunctionArn(" ", "functionArn")).toEqual([{ field: "functionArn", message: "Enter the Lambda function ARN" }]);
  });
});

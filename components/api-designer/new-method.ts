/**
 * A new method the way the AWS console creates one: the method, its integration, a 200 method
 * response and a default 200 integration response (proxy integrations pass responses through).
 * Each is its own command, so each is its own audited change.
 */
import type { HttpMethod, IntegrationType } from "@/lib/model/design";
import type { DesignCommand } from "@/lib/model/commands";
import { checkLambdaFunctionArn, lambdaInvocationUri } from "@/lib/model/lambda-uri";

export interface NewMethodForm {
  type: IntegrationType;
  uri: string;
  backendMethod: string;
  functionArn: string;
}

export const isLambdaType = (type: IntegrationType) => type === "AWS" || type === "AWS_PROXY";

export function newMethodCommands(resourceId: string, httpMethod: HttpMethod, f: NewMethodForm): { commands: DesignCommand[] } | { arnError: string } {
  const lambda = isLambdaType(f.type);
  // Lambda (AWS, AWS_PROXY) is given as a function ARN: POST to its invocation URI.
  const arnIssues = lambda ? checkLambdaFunctionArn(f.functionArn, "functionArn") : [];
  if (arnIssues.length) return { arnError: arnIssues[0].message };
  const integration: Extract<DesignCommand, { type: "putIntegration" }>["integration"] =
    f.type === "MOCK"
      ? { type: f.type, requestTemplates: { "application/json": '{"statusCode": 200}' } }
      : lambda
        ? { type: f.type, uri: lambdaInvocationUri(f.functionArn), httpMethod: "POST" }
        : { type: f.type, uri: f.uri, httpMethod: f.backendMethod };
  const target = { resourceId, httpMethod };
  const proxy = f.type === "HTTP_PROXY" || f.type === "AWS_PROXY";
  const commands: DesignCommand[] = [
    { type: "putMethod", resourceId, method: { httpMethod, authorizationType: "NONE" } },
    { type: "putIntegration", ...target, integration },
    { type: "putMethodResponse", ...target, response: { statusCode: "200", responseParameters: {}, responseModels: {} } },
    ...(proxy ? [] : [{ type: "putIntegrationResponse" as const, ...target, response: { statusCode: "200", responseParameters: {}, responseTemplates: {} } }]),
  ];
  return { commands };
}

/**
 * The AWS console's picture of a method: method request → integration request → integration →
 * integration response → method response, each as a few short lines a flow view can show.
 */
import type { ApiDesign, Method } from "./design";
import { parseLambdaInvocationUri } from "./lambda-uri";

export type FlowPart = "methodRequest" | "integrationRequest" | "integration" | "integrationResponse" | "methodResponse";

export interface FlowBox {
  part: FlowPart;
  title: string;
  lines: string[];
}

const names = (o: object) => Object.keys(o).sort();
const short = (key: string) => key.replace(/^(method|integration)\.(request|response)\./, "");

export function methodFlow(design: Pick<ApiDesign, "authorizers" | "requestValidators">, method: Method): FlowBox[] {
  const authorizer = method.authorizerId ? design.authorizers.find((a) => a.id === method.authorizerId) : undefined;
  const validator = method.requestValidatorId ? design.requestValidators.find((v) => v.id === method.requestValidatorId) : undefined;
  const auth = authorizer ? `${method.authorizationType} (${authorizer.name})` : method.authorizationType;
  const integration = method.integration;
  const proxy = integration?.type === "AWS_PROXY" || integration?.type === "HTTP_PROXY";
  const lambda = parseLambdaInvocationUri(integration?.uri);
  const params = names(method.requestParameters).map((k) => `${short(k)}${method.requestParameters[k] ? " (required)" : ""}`);
  const methodRequest = [
    `Auth: ${auth}${method.authorizationScopes.length ? ` [${method.authorizationScopes.join(" ")}]` : ""}`,
    `API key: ${method.apiKeyRequired ? "required" : "not required"}`,
    `Validator: ${validator ? validator.name : "none"}`,
    params.length ? `Params: ${params.join(", ")}` : "Params: none",
    ...(names(method.requestModels).length
      ? [
          `Models: ${names(method.requestModels)
            .map((ct) => `${ct} → ${method.requestModels[ct]}`)
            .join(", ")}`,
        ]
      : []),
  ];
  const integrationRequest = !integration
    ? ["Not set up"]
    : proxy
      ? ["Proxy: the request is passed through as is"]
      : [
          names(integration.requestParameters).length
            ? `Mappings: ${names(integration.requestParameters)
                .map((k) => `${short(k)} ← ${integration.requestParameters[k]}`)
                .join(", ")}`
            : "Mappings: none",
          names(integration.requestTemplates).length ? `Templates: ${names(integration.requestTemplates).join(", ")}` : "Templates: none",
          `Passthrough: ${integration.passthroughBehavior}`,
        ];
  const integrationBox = !integration
    ? ["No integration"]
    : [
        integration.type,
        ...(lambda ? [`Lambda: ${lambda.functionArn}`] : integration.uri ? [`${integration.httpMethod ?? ""} ${integration.uri}`.trim()] : []),
        ...(integration.connectionType === "VPC_LINK" ? [`VPC link: ${integration.connectionId}`] : []),
        `Timeout: ${integration.timeoutInMillis} ms`,
      ];
  const responses = Object.values(integration?.integrationResponses ?? {}).sort((a, b) => a.statusCode.localeCompare(b.statusCode));
  const integrationResponse = !integration
    ? ["—"]
    : proxy
      ? ["Proxy: the backend's response is passed through"]
      : responses.length
        ? responses.map(
            (r) =>
              `${r.selectionPattern ? `/${r.selectionPattern}/` : "default"} → ${r.statusCode}${names(r.responseTemplates).length ? ` (${names(r.responseTemplates).join(", ")})` : ""}`,
          )
        : ["No integration responses"];
  const methodResponse = names(method.methodResponses).length
    ? names(method.methodResponses).map((code) => {
        const headers = names(method.methodResponses[code].responseParameters).map(short);
        return `${code}${headers.length ? `: ${headers.join(", ")}` : ""}`;
      })
    : ["No method responses"];
  return [
    { part: "methodRequest", title: "Method request", lines: methodRequest },
    { part: "integrationRequest", title: "Integration request", lines: integrationRequest },
    { part: "integration", title: "Integration", lines: integrationBox },
    { part: "integrationResponse", title: "Integration response", lines: integrationResponse },
    { part: "methodResponse", title: "Method response", lines: methodResponse },
  ];
}

/** The designer's forms ⇄ commands: what each form sends for what the user typed (the components only render). */
import { describe, expect, it } from "vitest";
import { integrationForm, integrationFromForm } from "../../components/api-designer/integration-form";
import { newMethodCommands } from "../../components/api-designer/new-method";
import { methodRequestChanges, methodRequestForm, integrationResponseForm, integrationResponseFromForm } from "../../components/api-designer/method-forms";
import { gatewayResponseForm, gatewayResponseFromForm } from "../../components/api-designer/gateway-response-form";
import { apiSettingsForm, updateApiCommand } from "../../components/api-designer/api-settings-form";
import { authorizerForm, authorizerInput } from "../../components/api-designer/authorizer-form";
import { corsForm, corsSettings } from "../../components/api-designer/cors-form";
import { methodSchema } from "../../lib/model/design";
import { newDesign } from "../../lib/model/operations";

const ARN = "arn:aws:lambda:eu-west-1:123456789012:function:pets";
const URI = `arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/${ARN}/invocations`;

describe("integration request form", () => {
  it("turns a Lambda function ARN into its invocation URI, and reads it back", () => {
    const form = { ...integrationForm(), type: "AWS_PROXY" as const, httpMethod: "POST", functionArn: ARN };
    const built = integrationFromForm(form);
    expect(built).toMatchObject({ integration: { type: "AWS_PROXY", uri: URI, httpMethod: "POST", connectionType: undefined } });
    if (!("integration" in built)) throw new Error("refused");
    expect(integrationForm({ ...built.integration, integrationResponses: {} } as never)).toMatchObject({ functionArn: ARN, uri: "", useLambda: true });
  });

  it("refuses a malformed function ARN before sending anything", () => {
    expect(integrationFromForm({ ...integrationForm(), type: "AWS_PROXY", functionArn: "not-an-arn" })).toHaveProperty("error");
  });

  it("keys mappings as AWS does, drops blank rows and empty templates", () => {
    const form = {
      ...integrationForm(),
      type: "HTTP" as const,
      uri: " https://example.com ",
      mappings: [
        { location: "header", name: " x-id ", source: " method.request.path.id " },
        { location: "querystring", name: " ", source: "ignored" },
      ],
      templates: { "application/json": "$input.body", "application/xml": "  " },
    };
    expect(integrationFromForm(form)).toMatchObject({
      integration: {
        uri: "https://example.com",
        connectionType: "INTERNET",
        requestParameters: { "integration.request.header.x-id": "method.request.path.id" },
        requestTemplates: { "application/json": "$input.body" },
      },
    });
  });
});

describe("new method", () => {
  it("adds a MOCK method with its 200 responses in four steps, a proxy one in three", () => {
    const mock = newMethodCommands("r1", "GET", { type: "MOCK", uri: "", backendMethod: "GET", functionArn: "" });
    expect("commands" in mock && mock.commands.map((c) => c.type)).toEqual(["putMethod", "putIntegration", "putMethodResponse", "putIntegrationResponse"]);
    const proxy = newMethodCommands("r1", "POST", { type: "AWS_PROXY", uri: "", backendMethod: "GET", functionArn: ARN });
    expect("commands" in proxy && proxy.commands.map((c) => c.type)).toEqual(["putMethod", "putIntegration", "putMethodResponse"]);
    expect("commands" in proxy && proxy.commands[1]).toMatchObject({ integration: { uri: URI, httpMethod: "POST" } });
  });

  it("refuses a bad Lambda ARN without a command", () => {
    expect(newMethodCommands("r1", "GET", { type: "AWS", uri: "", backendMethod: "GET", functionArn: "x" })).toHaveProperty("arnError");
  });
});

describe("method request and responses", () => {
  it("edits parameters and models as rows and sends AWS's keys", () => {
    const method = methodSchema.parse({
      httpMethod: "GET",
      requestParameters: { "method.request.path.id": true },
      requestModels: { "application/json": "Pet" },
    });
    const form = methodRequestForm(method);
    expect(form.params).toEqual([{ location: "path", name: "id", required: true }]);
    const changes = methodRequestChanges({
      ...form,
      authorizationType: "NONE",
      authorizerId: "a1",
      params: [...form.params, { location: "header", name: "", required: false }],
    });
    expect(changes).toMatchObject({
      authorizerId: undefined,
      requestParameters: { "method.request.path.id": true },
      requestModels: { "application/json": "Pet" },
    });
  });

  it("keeps an integration response's header mappings and drops an empty selection pattern", () => {
    const form = integrationResponseForm({ responseParameters: { "method.response.header.X-Id": "integration.response.header.id" } });
    expect(form.mappings).toEqual([{ header: "X-Id", source: "integration.response.header.id" }]);
    expect(integrationResponseFromForm("200", form)).toEqual({
      statusCode: "200",
      selectionPattern: undefined,
      contentHandling: undefined,
      responseParameters: { "method.response.header.X-Id": "integration.response.header.id" },
      responseTemplates: {},
    });
  });
});

describe("API-level forms", () => {
  it("gateway response: only the JSON template is edited, others are kept", () => {
    const initial = { responseType: "DEFAULT_4XX", responseParameters: {}, responseTemplates: { "application/json": "{}", "text/plain": "x" } };
    const form = { ...gatewayResponseForm(initial), template: " ", statusCode: " 404 " };
    expect(gatewayResponseFromForm("DEFAULT_4XX", initial, form)).toEqual({
      responseType: "DEFAULT_4XX",
      statusCode: "404",
      responseParameters: {},
      responseTemplates: { "text/plain": "x" },
    });
  });

  it("API settings: empty compression turns it off, not-a-number is sent for the server to name", () => {
    const form = apiSettingsForm(newDesign({ name: "Pets" }));
    expect(updateApiCommand({ ...form, compression: " " }).minimumCompressionSize).toBeNull();
    expect(updateApiCommand({ ...form, compression: "abc" }).minimumCompressionSize).toBeNaN();
    expect(updateApiCommand({ ...form, binary: "image/png\n, */*" }).binaryMediaTypes).toEqual(["image/png", "*/*"]);
  });

  it("authorizer: Cognito pools one per line or comma-separated; no Lambda fields", () => {
    const input = authorizerInput({ ...authorizerForm(), type: "COGNITO_USER_POOLS", functionArn: ARN, pools: "arn:a\n arn:b, arn:c" });
    expect(input).toMatchObject({ providerARNs: ["arn:a", "arn:b", "arn:c"], functionArn: undefined, authorizerCredentials: undefined });
  });

  it("CORS: methods in AWS's order, lists split on commas, empty max age not sent", () => {
    const form = corsForm({ allowOrigin: "*", allowMethods: ["POST", "GET"], allowHeaders: [], exposeHeaders: [], allowCredentials: false });
    expect(corsSettings({ ...form, headers: "A, B,," })).toEqual({
      allowOrigin: "*",
      allowMethods: ["GET", "POST"],
      allowHeaders: ["A", "B"],
      exposeHeaders: [],
      maxAge: undefined,
      allowCredentials: false,
    });
  });
});

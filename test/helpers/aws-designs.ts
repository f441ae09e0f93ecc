/** Designs for AWS adapter tests. */
import { type ApiDesign, parseDesign } from "../../lib/model/design";

/** Every kind of entity push writes, with AWS's defaults spelled out where the design has them optional. */
export function fullDesign(): ApiDesign {
  return parseDesign({
    name: "orders",
    description: "Orders API",
    endpointType: "REGIONAL",
    binaryMediaTypes: ["image/png"],
    minimumCompressionSize: 1024,
    apiKeySource: "HEADER",
    policy: '{"Version":"2012-10-17","Statement":[]}',
    resources: [
      {
        id: "r",
        parentId: null,
        pathPart: "",
        methods: {
          GET: {
            httpMethod: "GET",
            methodResponses: { "200": { statusCode: "200" } },
            integration: {
              type: "MOCK",
              requestTemplates: { "application/json": '{"statusCode": 200}' },
              integrationResponses: { "200": { statusCode: "200" } },
            },
          },
        },
      },
      { id: "o", parentId: "r", pathPart: "orders" },
      {
        id: "oid",
        parentId: "o",
        pathPart: "{id}",
        methods: {
          GET: {
            httpMethod: "GET",
            authorizationType: "CUSTOM",
            authorizerId: "auth",
            requestValidatorId: "val",
            requestParameters: { "method.request.path.id": true },
            methodResponses: {
              "200": { statusCode: "200", responseModels: { "application/json": "Order" }, responseParameters: { "method.response.header.X-Id": false } },
            },
            integration: {
              type: "HTTP",
              httpMethod: "GET",
              uri: "https://orders.example.com/{id}",
              requestParameters: { "integration.request.path.id": "method.request.path.id" },
              cacheKeyParameters: ["method.request.path.id"],
              integrationResponses: {
                "200": {
                  statusCode: "200",
                  responseParameters: { "method.response.header.X-Id": "integration.response.header.X-Id" },
                  responseTemplates: { "application/json": "$input.body" },
                },
              },
            },
          },
          DELETE: {
            httpMethod: "DELETE",
            authorizationType: "AWS_IAM",
            apiKeyRequired: true,
            methodResponses: {},
            integration: { type: "HTTP_PROXY", httpMethod: "DELETE", uri: "https://orders.example.com/{id}", timeoutInMillis: 5000 },
          },
        },
      },
    ],
    models: [{ id: "m", name: "Order", schema: '{"type":"object"}', description: "An order" }],
    requestValidators: [{ id: "val", name: "all", validateRequestBody: true, validateRequestParameters: true }],
    authorizers: [
      {
        id: "auth",
        name: "tokens",
        type: "TOKEN",
        authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
        identitySource: "method.request.header.Authorization",
        authorizerResultTtlInSeconds: 300,
      },
    ],
    gatewayResponses: [{ responseType: "DEFAULT_4XX", statusCode: "400", responseTemplates: { "application/json": '{"error":"$context.error.message"}' } }],
  });
}

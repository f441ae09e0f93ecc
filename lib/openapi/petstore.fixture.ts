/** Test fixture shared by the OpenAPI import, design loading and CLI tests. */
/** A Swagger 2 pet store in the shape API Gateway exports it (extensions included). */
export const swaggerPetStore = {
  swagger: "2.0",
  info: { title: "PetStore", description: "Your first API with Amazon API Gateway." },
  basePath: "/prod",
  schemes: ["https"],
  produces: ["application/json"],
  "x-amazon-apigateway-binary-media-types": ["image/png"],
  "x-amazon-apigateway-api-key-source": "HEADER",
  "x-amazon-apigateway-minimum-compression-size": 1024,
  "x-amazon-apigateway-endpoint-configuration": { types: ["REGIONAL"] },
  "x-amazon-apigateway-policy": { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "execute-api:Invoke", Resource: "*" }] },
  "x-amazon-apigateway-request-validators": {
    all: { validateRequestBody: true, validateRequestParameters: true },
    params: { validateRequestBody: false, validateRequestParameters: true },
  },
  "x-amazon-apigateway-request-validator": "params",
  "x-amazon-apigateway-gateway-responses": {
    DEFAULT_4XX: {
      responseParameters: { "gatewayresponse.header.Access-Control-Allow-Origin": "'*'" },
      responseTemplates: { "application/json": '{"message":$context.error.messageString}' },
    },
    UNAUTHORIZED: { statusCode: 401, responseTemplates: { "application/json": '{"message":"Unauthorized"}' } },
  },
  securityDefinitions: {
    tokens: {
      type: "apiKey",
      name: "Authorization",
      in: "header",
      "x-amazon-apigateway-authtype": "custom",
      "x-amazon-apigateway-authorizer": {
        type: "token",
        authorizerUri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
        authorizerResultTtlInSeconds: 300,
      },
    },
    api_key: { type: "apiKey", name: "x-api-key", in: "header" },
  },
  paths: {
    "/": {
      get: {
        consumes: ["application/json"],
        produces: ["text/html"],
        responses: { "200": { description: "200 response", headers: { "Content-Type": { type: "string" } } } },
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          passthroughBehavior: "when_no_match",
          responses: {
            default: {
              statusCode: "200",
              responseParameters: { "method.response.header.Content-Type": "'text/html'" },
              responseTemplates: { "text/html": "<html>\n<body>Welcome</body>\n</html>" },
            },
          },
        },
      },
    },
    "/pets": {
      get: {
        operationId: "listPets",
        parameters: [
          { name: "type", in: "query", required: false, type: "string" },
          { name: "page", in: "query", required: true, type: "string" },
        ],
        security: [{ tokens: [] }],
        responses: { "200": { description: "ok", schema: { $ref: "#/definitions/Pets" }, headers: { "Access-Control-Allow-Origin": { type: "string" } } } },
        "x-amazon-apigateway-integration": {
          type: "http",
          httpMethod: "GET",
          uri: "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets",
          requestParameters: {
            "integration.request.querystring.page": "method.request.querystring.page",
            "integration.request.querystring.type": "method.request.querystring.type",
          },
          passthroughBehavior: "when_no_templates",
          timeoutInMillis: 10000,
          responses: {
            "2\\d{2}": { statusCode: "200", responseParameters: { "method.response.header.Access-Control-Allow-Origin": "'*'" } },
            default: { statusCode: "500" },
          },
        },
      },
      post: {
        operationId: "createPet",
        parameters: [{ in: "body", name: "NewPet", required: true, schema: { $ref: "#/definitions/NewPet" } }],
        security: [{ api_key: [] }],
        "x-amazon-apigateway-request-validator": "all",
        responses: { "200": { description: "ok", schema: { $ref: "#/definitions/NewPetResponse" } } },
        "x-amazon-apigateway-integration": {
          type: "http",
          httpMethod: "POST",
          uri: "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets",
          responses: { default: { statusCode: "200" } },
        },
      },
      options: {
        consumes: ["application/json"],
        responses: {
          "200": { description: "cors", headers: { "Access-Control-Allow-Origin": { type: "string" }, "Access-Control-Allow-Methods": { type: "string" } } },
        },
        "x-amazon-apigateway-integration": {
          type: "mock",
          requestTemplates: { "application/json": '{"statusCode": 200}' },
          responses: {
            default: {
              statusCode: "200",
              responseParameters: {
                "method.response.header.Access-Control-Allow-Methods": "'POST,GET,OPTIONS'",
                "method.response.header.Access-Control-Allow-Origin": "'*'",
              },
            },
          },
        },
      },
    },
    "/pets/{petId}": {
      parameters: [{ name: "petId", in: "path", required: true, type: "string" }],
      get: {
        operationId: "getPet",
        parameters: [{ $ref: "#/parameters/trace" }],
        responses: { "200": { description: "ok", schema: { $ref: "#/definitions/Pet" } } },
        "x-amazon-apigateway-integration": {
          type: "http",
          httpMethod: "GET",
          uri: "http://petstore.execute-api.us-east-1.amazonaws.com/petstore/pets/{petId}",
          requestParameters: { "integration.request.path.petId": "method.request.path.petId" },
          responses: { default: { statusCode: "200" } },
        },
      },
    },
    "/owners/{ownerId}/pets": {
      "x-amazon-apigateway-any-method": {
        parameters: [{ name: "ownerId", in: "path", required: true, type: "string" }],
        "x-amazon-apigateway-auth": { type: "AWS_IAM" },
        responses: {},
        "x-amazon-apigateway-integration": {
          type: "aws_proxy",
          httpMethod: "POST",
          uri: "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:owners/invocations",
        },
      },
    },
  },
  parameters: { trace: { name: "X-Trace-Id", in: "header", required: false, type: "string" } },
  definitions: {
    Pets: { type: "array", items: { $ref: "#/definitions/Pet" } },
    Pet: { type: "object", properties: { id: { type: "integer" }, type: { type: "string" }, price: { type: "number" } } },
    NewPet: { type: "object", properties: { type: { type: "string" }, price: { type: "number" } } },
    NewPetResponse: { type: "object", properties: { pet: { $ref: "#/definitions/Pet" }, message: { type: "string" } } },
  },
};

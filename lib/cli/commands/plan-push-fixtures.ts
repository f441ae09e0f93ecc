/** A small OpenAPI document and the environment the plan/push CLI tests run the binary with. */
export const CLI_ENV = { ...process.env, AWS_ACCESS_KEY_ID: "AKIAFAKECLI000000000", AWS_SECRET_ACCESS_KEY: "fake", AWS_REGION: "us-east-1" };

/** The same, with no credential anywhere the SDK's default chain looks. */
export function envWithoutCredentials(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_REGION: "us-east-1",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  for (const k of [
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_PROFILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
  ])
    delete env[k];
  return env;
}

/** GET /pets/{petId} answered by a MOCK integration; `greeting` changes the response template. */
export function petsOpenApi(title: string, greeting = "hello") {
  return {
    openapi: "3.0.1",
    info: { title, version: "1" },
    paths: {
      "/pets/{petId}": {
        get: {
          parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
          responses: { "200": { description: "ok" } },
          "x-amazon-apigateway-integration": {
            type: "mock",
            requestTemplates: { "application/json": '{"statusCode": 200}' },
            responses: {
              default: { statusCode: "200", responseTemplates: { "application/json": `{"id": "$input.params('petId')", "greeting": "${greeting}"}` } },
            },
          },
        },
      },
    },
  };
}

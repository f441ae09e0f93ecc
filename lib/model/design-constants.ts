/** The enumerations of a design, without zod: client components import them from here. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"] as const;
export const INTEGRATION_TYPES = ["MOCK", "HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY"] as const;
export const AUTHORIZATION_TYPES = ["NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS"] as const;
export const PASSTHROUGH_BEHAVIORS = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"] as const;
export const ENDPOINT_TYPES = ["EDGE", "REGIONAL", "PRIVATE"] as const;

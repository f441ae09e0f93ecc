/** The authorizer form's state and the AuthorizerInput it sends (lib/model/components checks it). */
import type { Authorizer } from "@/lib/model/design";
import { DEFAULT_AUTHORIZER_TTL, functionArnOfUri } from "@/lib/model/component-usages";
import type { AuthorizerInput } from "@/lib/model/components";

export interface AuthorizerFormState {
  name: string;
  type: Authorizer["type"];
  functionArn: string;
  /** A URI that is not a plain Lambda invocation (an import) is kept as written. */
  rawUri?: string;
  identitySource: string;
  expression: string;
  ttl: string;
  credentials: string;
  pools: string;
}

export function authorizerForm(authorizer?: Authorizer): AuthorizerFormState {
  const arnFromUri = functionArnOfUri(authorizer?.authorizerUri);
  return {
    name: authorizer?.name ?? "",
    type: authorizer?.type ?? "TOKEN",
    functionArn: arnFromUri ?? "",
    rawUri: authorizer?.authorizerUri && !arnFromUri ? authorizer.authorizerUri : undefined,
    identitySource: authorizer?.identitySource ?? "method.request.header.Authorization",
    expression: authorizer?.identityValidationExpression ?? "",
    ttl: String(authorizer?.authorizerResultTtlInSeconds ?? DEFAULT_AUTHORIZER_TTL),
    credentials: authorizer?.authorizerCredentials ?? "",
    pools: (authorizer?.providerARNs ?? []).join("\n"),
  };
}

export const isLambdaAuthorizer = (type: Authorizer["type"]) => type !== "COGNITO_USER_POOLS";

export function authorizerInput(f: AuthorizerFormState): AuthorizerInput {
  const lambda = isLambdaAuthorizer(f.type);
  return {
    name: f.name,
    type: f.type,
    functionArn: lambda && f.functionArn.trim() ? f.functionArn : undefined,
    authorizerUri: lambda && !f.functionArn.trim() ? f.rawUri : undefined,
    identitySource: f.identitySource,
    identityValidationExpression: f.type === "TOKEN" ? f.expression : undefined,
    // A TTL that is not a number is sent as-is for the server to refuse with its field message.
    authorizerResultTtlInSeconds: f.ttl.trim() === "" ? undefined : Number(f.ttl),
    authorizerCredentials: lambda ? f.credentials : undefined,
    providerARNs: lambda
      ? undefined
      : f.pools
          .split(/[\n,]/)
          .map((p) => p.trim())
          .filter(Boolean),
  };
}

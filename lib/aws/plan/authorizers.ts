/** Authorizers, matched by name: created (binding their new id), updated field by field, or deleted once the design drops them. */
import type { Authorizer as AwsAuthorizer } from "@aws-sdk/client-api-gateway";
import type { Authorizer, Method } from "../../model/design";
import { type PatchOp, type Ref, compact, listOps, scalarOps } from "../diff";
import { type PlanContext, fieldsOf, idOf } from "./context";
import type { PlannedCall } from "./types";

const bindingKey = (name: string) => `authorizer:${name}`;

export function planAuthorizers(ctx: PlanContext): PlannedCall[] {
  const liveAuthorizers = new Map<string, AwsAuthorizer>();
  for (const a of ctx.live?.authorizers ?? []) if (a.name && !liveAuthorizers.has(a.name)) liveAuthorizers.set(a.name, a);
  const calls: PlannedCall[] = [];
  for (const a of ctx.design.authorizers) {
    const l = liveAuthorizers.get(a.name);
    if (!l) {
      calls.push(createAuthorizer(ctx, a));
      continue;
    }
    ctx.bindings[bindingKey(a.name)] = l.id!;
    const ops = authorizerOps(l, a);
    if (ops.length)
      calls.push({
        operation: "UpdateAuthorizer",
        target: `authorizer ${a.name}`,
        description: `Update authorizer ${a.name} (${fieldsOf(ops)})`,
        kind: "update",
        params: { restApiId: ctx.restApiId, authorizerId: l.id, patchOperations: ops },
      });
  }
  return calls;
}

function createAuthorizer(ctx: PlanContext, a: Authorizer): PlannedCall {
  return {
    operation: "CreateAuthorizer",
    target: `authorizer ${a.name}`,
    description: `Create ${a.type} authorizer ${a.name}`,
    kind: "create",
    binds: bindingKey(a.name),
    params: compact({
      restApiId: ctx.restApiId,
      name: a.name,
      type: a.type,
      authorizerUri: a.authorizerUri,
      authorizerCredentials: a.authorizerCredentials,
      identitySource: a.identitySource,
      identityValidationExpression: a.identityValidationExpression,
      authorizerResultTtlInSeconds: a.authorizerResultTtlInSeconds,
      providerARNs: a.providerARNs,
    }),
  };
}

function authorizerOps(l: AwsAuthorizer, a: Authorizer): PatchOp[] {
  return [
    ...scalarOps("/type", l.type, a.type),
    ...scalarOps("/authorizerUri", l.authorizerUri, a.authorizerUri),
    ...scalarOps("/authorizerCredentials", l.authorizerCredentials, a.authorizerCredentials),
    ...scalarOps("/identitySource", l.identitySource, a.identitySource),
    ...scalarOps("/identityValidationExpression", l.identityValidationExpression, a.identityValidationExpression),
    // A design without a TTL leaves AWS's (300 s by default) alone.
    ...(a.authorizerResultTtlInSeconds === undefined
      ? []
      : scalarOps("/authorizerResultTtlInSeconds", String(l.authorizerResultTtlInSeconds ?? 300), String(a.authorizerResultTtlInSeconds))),
    ...listOps("/providerARNs", l.providerARNs, a.providerARNs, "value"),
  ];
}

/** Live authorizers the design no longer has. */
export function planAuthorizerDeletes(ctx: PlanContext): PlannedCall[] {
  const designAuthorizers = new Set(ctx.design.authorizers.map((a) => a.name));
  return (ctx.live?.authorizers ?? [])
    .filter((a) => !designAuthorizers.has(a.name!))
    .map((a) => ({
      operation: "DeleteAuthorizer",
      target: `authorizer ${a.name}`,
      description: `Delete authorizer ${a.name}`,
      kind: "delete" as const,
      params: { restApiId: ctx.restApiId, authorizerId: a.id },
    }));
}

/** The AWS id (or Ref) of the authorizer a CUSTOM or Cognito method uses; other methods have none. */
export function authorizerIdFor(ctx: PlanContext, m: Method): string | Ref | undefined {
  if (m.authorizationType !== "CUSTOM" && m.authorizationType !== "COGNITO_USER_POOLS") return undefined;
  const name = m.authorizerId ? new Map(ctx.design.authorizers.map((a) => [a.id, a.name])).get(m.authorizerId) : undefined;
  if (!name) throw new Error(`Method uses authorizer ${m.authorizerId ?? "(none)"}, which is not in the design`);
  return idOf(ctx, bindingKey(name));
}

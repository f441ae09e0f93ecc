/**
 * A stage's AWS WAF web ACL. API Gateway has no UpdateStage patch path for it: `webAclArn` on a
 * stage is read-only there and set through WAFv2 (AssociateWebACL / DisassociateWebACL on the
 * stage's ARN, `arn:aws:apigateway:{region}::/restapis/{id}/stages/{name}`). That needs
 * `wafv2:AssociateWebACL` (and `apigateway:SetWebACL`) on the connection's credentials; when AWS
 * refuses for lack of them, the error says so and the rest of the stage is left as it was.
 * Credentials come from the default provider chain, as for every AWS client Gatehouse makes.
 */
import { AssociateWebACLCommand, DisassociateWebACLCommand, WAFV2Client, type WAFV2ClientConfig } from "@aws-sdk/client-wafv2";
import { countAwsCalls } from "../ops/aws-calls";
import { assumeRoleProvider, type AwsConnection } from "./client";

export type WebAclCall = { operation: "AssociateWebACL" | "DisassociateWebACL"; webAclArn?: string };

export function createWafClient(conn: AwsConnection): WAFV2Client {
  const config: WAFV2ClientConfig = {
    region: conn.region,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 30_000, throwOnRequestTimeout: true } as WAFV2ClientConfig["requestHandler"],
  };
  // One endpoint override serves every service on LocalStack and on the fake control plane.
  if (conn.endpointUrl) config.endpoint = conn.endpointUrl;
  if (conn.profile) config.profile = conn.profile;
  if (conn.roleArn) config.credentials = assumeRoleProvider(conn);
  const client = new WAFV2Client(config);
  countAwsCalls(client, "wafv2");
  return client;
}

function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The ARN WAFv2 knows a REST API stage by. */
export function stageResourceArn(region: string, restApiId: string, stageName: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::/restapis/${restApiId}/stages/${stageName}`;
}

export class WebAclError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly cause: unknown,
  ) {
    super(message);
    this.name = "WebAclError";
  }
}

const DENIED = /AccessDenied|UnauthorizedOperation|NotAuthorized/;

function refusal(stageName: string, action: string, e: unknown): WebAclError {
  const err = e as { name?: string; message?: string };
  const code = err?.name ?? "Error";
  const why = `${code}: ${err?.message ?? String(e)}`;
  if (DENIED.test(code))
    return new WebAclError(
      `AWS WAF refused to ${action} stage ${stageName}'s web ACL (${why}). The connection's credentials need wafv2:${action === "attach" ? "AssociateWebACL" : "DisassociateWebACL"} and apigateway:SetWebACL; until then change the web ACL in AWS WAF.`,
      code,
      e,
    );
  return new WebAclError(`AWS WAF refused to ${action} stage ${stageName}'s web ACL (${why})`, code, e);
}

/**
 * Makes the stage's web ACL `want` (undefined: none), given that it is `had`. Sends nothing when
 * they agree; otherwise one AssociateWebACL (which replaces any ACL already there) or
 * DisassociateWebACL. Throws WebAclError with AWS's code and message.
 */
export async function setStageWebAcl(
  conn: AwsConnection,
  target: { restApiId: string; stageName: string },
  had: string | undefined,
  want: string | undefined,
): Promise<WebAclCall[]> {
  if ((had || undefined) === (want || undefined)) return [];
  const ResourceArn = stageResourceArn(conn.region, target.restApiId, target.stageName);
  const client = createWafClient(conn);
  try {
    if (want) {
      await client.send(new AssociateWebACLCommand({ WebACLArn: want, ResourceArn })).catch((e) => {
        throw refusal(target.stageName, "attach", e);
      });
      return [{ operation: "AssociateWebACL", webAclArn: want }];
    }
    await client.send(new DisassociateWebACLCommand({ ResourceArn })).catch((e) => {
      throw refusal(target.stageName, "detach", e);
    });
    return [{ operation: "DisassociateWebACL" }];
  } finally {
    client.destroy();
  }
}

/**
 * "Test connection": can Gatehouse reach API Gateway with this connection? Three checks, each
 * answered in plain words: credentials found (and accepted), Region/endpoint reachable, and
 * permission to read REST APIs. Never returns or logs any credential value.
 */
import { GetRestApisCommand } from "@aws-sdk/client-api-gateway";
import { createApiGatewayClient, type AwsConnection } from "./client";
import { ApiGatewayLimiter } from "./limiter";
import { ListWebACLsCommand } from "@aws-sdk/client-wafv2";
import { createWafClient } from "./waf";

export type ConnectionCheckName = "credentials" | "region" | "permission" | "waf";

/** Checks that say what works without deciding whether the connection does (WAF is optional). */
const OPTIONAL_CHECKS: ReadonlySet<ConnectionCheckName> = new Set(["waf"]);

export interface ConnectionCheck {
  name: ConnectionCheckName;
  ok: boolean;
  message: string;
  /** Says what works without deciding whether the connection does. */
  optional?: boolean;
}

export interface ConnectionTestResult {
  ok: boolean;
  checks: ConnectionCheck[];
}

/** Regions where API Gateway (REST) is offered, across the aws, aws-cn and aws-us-gov partitions. */
export const KNOWN_REGIONS = [
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-south-2",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "mx-central-1",
  "sa-east-1",
  "cn-north-1",
  "cn-northwest-1",
  "us-gov-east-1",
  "us-gov-west-1",
];

const REGION_SHAPE = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

const CREDENTIAL_ERRORS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "IncompleteSignature",
  "InvalidClientTokenId",
  "ExpiredTokenException",
  "ExpiredToken",
  "MissingAuthenticationTokenException",
  "SignatureDoesNotMatch",
]);
const PERMISSION_ERRORS = new Set(["AccessDeniedException", "UnauthorizedException", "AccessDenied", "Forbidden"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH"]);

function networkCode(e: unknown): string | undefined {
  let cur = e as { code?: string; cause?: unknown; name?: string; errors?: unknown[] } | undefined;
  for (let i = 0; cur && i < 5; i++) {
    if (cur.code && NETWORK_CODES.has(cur.code)) return cur.code;
    if (cur.name === "TimeoutError") return "ETIMEDOUT";
    if (Array.isArray(cur.errors) && cur.errors.length) cur = cur.errors[0] as typeof cur;
    else cur = cur.cause as typeof cur;
  }
  return undefined;
}

/**
 * Whether stages' web ACLs can be managed: API Gateway has no UpdateStage path for them, they are
 * attached through AWS WAF (waf.ts). Optional: without it the rest of Gatehouse works, and a
 * stage's web ACL is changed in AWS WAF instead.
 */
async function wafCheck(conn: AwsConnection): Promise<ConnectionCheck> {
  const waf = createWafClient(conn);
  try {
    await waf.send(new ListWebACLsCommand({ Scope: "REGIONAL", Limit: 1 }));
    return {
      name: "waf",
      ok: true,
      optional: true,
      message: "Allowed to read AWS WAF web ACLs; attaching one to a stage also needs wafv2:AssociateWebACL and apigateway:SetWebACL.",
    };
  } catch (e) {
    const err = e as { name?: string; message?: string };
    return {
      name: "waf",
      ok: false,
      optional: true,
      message: `Optional: AWS WAF answered ${err.name ?? "Error"}${err.message ? `: ${err.message}` : ""}. Stages' web ACLs can't be attached from Gatehouse with this connection (grant wafv2:ListWebACLs, wafv2:AssociateWebACL, wafv2:DisassociateWebACL and apigateway:SetWebACL, or change them in AWS WAF).`,
    };
  } finally {
    waf.destroy();
  }
}

/** What is wrong with the connection's Region (or endpoint), before anything is sent; undefined when nothing is. */
function regionProblem(conn: AwsConnection, region: string): string | undefined {
  if (!region) return "No AWS Region is set. Choose the Region your APIs are in, such as us-east-1.";
  if (!REGION_SHAPE.test(region)) return `"${region}" is not an AWS Region name. Region names look like us-east-1 or eu-west-2.`;
  // A custom endpoint (LocalStack, a proxy) may answer for any Region name.
  if (!conn.endpointUrl && !KNOWN_REGIONS.includes(region))
    return `"${region}" is not a Region Gatehouse knows API Gateway in. Check the spelling (for example eu-west-1).`;
  return undefined;
}

/** Resolves credentials through the default chain (or STS for a role); the values are discarded. Says why none could be had, or undefined. */
async function credentialsProblem(client: ReturnType<typeof createApiGatewayClient>, conn: AwsConnection): Promise<string | undefined> {
  try {
    const provider = client.config.credentials as unknown as () => Promise<{ accessKeyId?: string }>;
    const creds = await provider();
    if (!creds?.accessKeyId) throw new Error("empty credentials");
    return undefined;
  } catch (e) {
    const err = e as Error;
    if (err.name === "AssumeRoleUnavailableError") return err.message;
    if (conn.roleArn)
      return `Could not assume role ${conn.roleArn}: ${err.message}. Check that the role exists, trusts the identity Gatehouse runs as, and that base credentials are available.`;
    return `No AWS credentials were found${conn.profile ? ` for profile "${conn.profile}"` : ""}. Gatehouse uses the standard AWS credential chain: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, configure a profile (aws configure / aws sso login), or run with an instance or container role.`;
  }
}

/** The three checks as one failed GetRestApis says them: unreachable, credentials rejected, permission denied, or another error. */
function checksAfterFailedRead(e: unknown, region: string, regionLabel: string): ConnectionCheck[] {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const notChecked = (why: string): ConnectionCheck => ({ name: "permission", ok: false, message: `Not checked: ${why}` });
  const regionAnswered: ConnectionCheck = { name: "region", ok: true, message: `API Gateway answered in ${regionLabel}.` };
  const net = networkCode(e);
  if (net)
    return [
      { name: "credentials", ok: true, message: "Credentials were found (not verified: AWS could not be reached)." },
      {
        name: "region",
        ok: false,
        message:
          net === "ENOTFOUND" || net === "EAI_AGAIN"
            ? `Cannot resolve the API Gateway address for ${regionLabel}. Check the Region name, the endpoint URL and DNS.`
            : `Cannot reach API Gateway at ${regionLabel} (${net}). Check the endpoint URL, proxy and network access.`,
      },
      notChecked("API Gateway could not be reached."),
    ];
  if (err.name && CREDENTIAL_ERRORS.has(err.name))
    return [
      {
        name: "credentials",
        ok: false,
        message: `AWS rejected the credentials (${err.name}): they are invalid, expired or for another partition. Refresh them (for SSO: aws sso login) and try again.`,
      },
      regionAnswered,
      notChecked("the credentials were rejected."),
    ];
  if ((err.name && PERMISSION_ERRORS.has(err.name)) || err.$metadata?.httpStatusCode === 403)
    return [
      { name: "credentials", ok: true, message: "AWS accepted the credentials." },
      regionAnswered,
      {
        name: "permission",
        ok: false,
        message: `Permission denied: this identity may not list REST APIs in ${region}. Grant apigateway:GET on arn:aws:apigateway:${region}::/restapis (and the other apigateway actions Gatehouse needs to push).`,
      },
    ];
  return [
    { name: "credentials", ok: true, message: "Credentials were found." },
    { name: "region", ok: false, message: `API Gateway at ${regionLabel} answered with an error: ${err.name ?? "Error"}: ${err.message ?? ""}`.trim() },
    notChecked("API Gateway answered with an unexpected error."),
  ];
}

export async function testConnection(conn: AwsConnection): Promise<ConnectionTestResult> {
  const checks: ConnectionCheck[] = [];
  const done = () => ({ ok: checks.every((c) => c.ok || OPTIONAL_CHECKS.has(c.name)), checks });
  const skip = (name: ConnectionCheckName, why: string) => checks.push({ name, ok: false, message: `Not checked: ${why}` });

  const region = (conn.region ?? "").trim();
  const regionLabel = conn.endpointUrl ? `endpoint ${conn.endpointUrl} (Region ${region})` : `Region ${region}`;
  const badRegion = regionProblem(conn, region);

  const client = createApiGatewayClient({ ...conn, region: region || "us-east-1" }, { limiter: new ApiGatewayLimiter() });
  try {
    // 1. Credentials.
    const noCredentials = await credentialsProblem(client, conn);
    if (noCredentials) {
      checks.push({ name: "credentials", ok: false, message: noCredentials });
      if (badRegion) checks.push({ name: "region", ok: false, message: badRegion });
      else skip("region", "credentials are needed first.");
      skip("permission", "credentials are needed first.");
      return done();
    }
    if (badRegion) {
      checks.push({ name: "credentials", ok: true, message: "Credentials were found (not yet verified with AWS)." });
      checks.push({ name: "region", ok: false, message: badRegion });
      skip("permission", "the Region must be fixed first.");
      return done();
    }

    // 2 and 3. One cheap read: GetRestApis with limit 1.
    try {
      await client.send(new GetRestApisCommand({ limit: 1 }));
      checks.push({ name: "credentials", ok: true, message: "AWS accepted the credentials." });
      checks.push({ name: "region", ok: true, message: `API Gateway answered in ${regionLabel}.` });
      checks.push({ name: "permission", ok: true, message: "Allowed to list REST APIs (apigateway:GET on /restapis)." });
      checks.push(await wafCheck({ ...conn, region }));
    } catch (e) {
      checks.push(...checksAfterFailedRead(e, region, regionLabel));
    }
    return done();
  } finally {
    client.destroy();
  }
}

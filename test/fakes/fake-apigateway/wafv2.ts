/**
 * FAKE AWS WAFv2, only what Gatehouse uses: attaching a regional web ACL to a REST API stage
 * (AssociateWebACL / DisassociateWebACL on `arn:aws:apigateway:{region}::/restapis/{id}/stages/{name}`),
 * reading it back (GetWebACLForResource) and the connection test's ListWebACLs. JSON 1.1 protocol
 * (`POST /`, `X-Amz-Target: AWSWAF_20190729.<Operation>`), served by the same fake server so one
 * endpoint override reaches both services, as on LocalStack. Attaching sets the stage's
 * `webAclArn`, which GetStage then returns (API Gateway shows it there, read-only).
 * Error codes are WAFv2's (API reference: WAFInvalidParameterException,
 * WAFNonexistentItemException); their message texts here are the fake's own.
 * A test double, not product code.
 */
import { FakeApiError, type Handler } from "./handlers";
import type { FakeState, Json } from "./state";

export const WAF_TARGET_PREFIX = "AWSWAF_20190729.";
const STAGE_ARN = /^arn:aws[a-z-]*:apigateway:([a-z0-9-]+)::\/restapis\/([A-Za-z0-9]+)\/stages\/([A-Za-z0-9_-]+)$/;
const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:([a-z0-9-]+):\d{12}:regional\/webacl\/([A-Za-z0-9_-]+)\/([A-Za-z0-9-]+)$/;

const invalid = (field: string, value: unknown) =>
  new FakeApiError(
    400,
    "WAFInvalidParameterException",
    `Error reason: The ARN isn't valid. A valid ARN begins with arn: and includes other information separated by colons or slashes., field: ${field}, parameter: ${String(value)}`,
  );
const missing = () => new FakeApiError(400, "WAFNonexistentItemException", "AWS WAF couldn’t perform the operation because your resource doesn’t exist.");

function stageOf(state: FakeState, resourceArn: unknown): Json {
  const m = STAGE_ARN.exec(String(resourceArn ?? ""));
  if (!m) throw invalid("RESOURCE_ARN", resourceArn);
  const stage = state.restApis.get(m[2])?.stages.get(m[3]);
  if (!stage) throw missing();
  return stage;
}

export const wafv2Handlers: Record<string, Handler> = {
  "wafv2:AssociateWebACL": (s, r) => {
    if (!WEB_ACL_ARN.test(String(r.body.WebACLArn ?? ""))) throw invalid("WEB_ACL_ARN", r.body.WebACLArn);
    stageOf(s, r.body.ResourceArn).webAclArn = r.body.WebACLArn;
    return { status: 200, body: {} };
  },
  "wafv2:DisassociateWebACL": (s, r) => {
    delete stageOf(s, r.body.ResourceArn).webAclArn;
    return { status: 200, body: {} };
  },
  "wafv2:GetWebACLForResource": (s, r) => {
    const arn = stageOf(s, r.body.ResourceArn).webAclArn as string | undefined;
    const m = arn ? WEB_ACL_ARN.exec(arn) : null;
    return { status: 200, body: m ? { WebACL: { ARN: arn, Name: m[2], Id: m[3] } } : {} };
  },
  "wafv2:ListWebACLs": () => ({ status: 200, body: { WebACLs: [] } }),
};

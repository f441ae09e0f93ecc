/**
 * The IAM policy a Lambda authorizer returns, evaluated as API Gateway evaluates it against the
 * request's method ARN: a statement applies when its Action covers `execute-api:Invoke` and one of
 * its Resources matches the ARN (`*` any run of characters, `?` one character, IAM's wildcards); an
 * applicable Deny wins over any Allow; with no applicable Allow the request is denied implicitly.
 */

export type PolicyDecision = "allow" | "explicit-deny" | "implicit-deny";

export interface PolicyStatement {
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
}

/** An IAM wildcard pattern as a RegExp: `*` → any run, `?` → one character, the rest literal; case-sensitive. */
function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${body}$`, "s");
}

export function arnMatches(pattern: string, arn: string): boolean {
  return wildcard(pattern).test(arn);
}

/** Action names are case-insensitive in IAM. */
function actionCovers(action: string, wanted = "execute-api:Invoke"): boolean {
  return new RegExp(wildcard(action).source, "is").test(wanted);
}

const list = (v: unknown): string[] | undefined =>
  typeof v === "string" ? [v] : Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : undefined;

/**
 * Reads `policyDocument` into statements; undefined when it is not a policy API Gateway accepts
 * (not an object, no Statement, a statement without Effect Allow/Deny, Action or Resource).
 */
export function parsePolicyDocument(doc: unknown): PolicyStatement[] | undefined {
  if (!doc || typeof doc !== "object" || Array.isArray(doc)) return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw : raw && typeof raw === "object" ? [raw] : undefined;
  if (!statements) return undefined;
  const out: PolicyStatement[] = [];
  for (const s of statements) {
    if (!s || typeof s !== "object") return undefined;
    const st = s as Record<string, unknown>;
    const effect = st.Effect;
    const action = list(st.Action);
    const resource = list(st.Resource);
    if ((effect !== "Allow" && effect !== "Deny") || !action || !resource) return undefined;
    out.push({ Effect: effect, Action: action, Resource: resource });
  }
  return out;
}

export function evaluatePolicy(statements: PolicyStatement[], methodArn: string): PolicyDecision {
  const applies = (s: PolicyStatement) => s.Action.some((a) => actionCovers(a)) && s.Resource.some((r) => arnMatches(r, methodArn));
  const applicable = statements.filter(applies);
  if (applicable.some((s) => s.Effect === "Deny")) return "explicit-deny";
  return applicable.some((s) => s.Effect === "Allow") ? "allow" : "implicit-deny";
}

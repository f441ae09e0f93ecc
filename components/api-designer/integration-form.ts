/**
 * The integration request form's state and the PutIntegration it sends: plain data in, plain data
 * out, so the card only renders. Lambda (AWS and AWS_PROXY) is entered as a function ARN and
 * turned into the invocation URI here (lib/model/lambda-uri).
 */
import type { Integration, IntegrationType } from "@/lib/model/design";
import { checkLambdaFunctionArn, lambdaInvocationUri, parseLambdaInvocationUri } from "@/lib/model/lambda-uri";

export type Mapping = { location: string; name: string; source: string };

export interface IntegrationForm {
  type: IntegrationType;
  httpMethod: string;
  useLambda: boolean;
  functionArn: string;
  lambdaRegion: string;
  uri: string;
  connectionType: "INTERNET" | "VPC_LINK";
  connectionId: string;
  credentials: string;
  passthroughBehavior: Integration["passthroughBehavior"];
  contentHandling: string;
  timeout: string;
  cacheNamespace: string;
  cacheKeys: string;
  skipTls: boolean;
  mappings: Mapping[];
  templates: Record<string, string>;
}

export type IntegrationInput = Omit<Partial<Integration>, "integrationResponses"> & { type: IntegrationType };

export function integrationForm(current?: Integration): IntegrationForm {
  const lambda = parseLambdaInvocationUri(current?.uri);
  return {
    type: current?.type ?? "MOCK",
    httpMethod: current?.httpMethod ?? (current?.type === "AWS_PROXY" ? "POST" : "GET"),
    useLambda: !!lambda || !current?.uri,
    functionArn: lambda?.functionArn ?? "",
    // The Region field is only for ARNs whose Region is not written out (a stage variable).
    lambdaRegion: lambda?.functionArn.includes(`:${lambda.region}:`) ? "" : (lambda?.region ?? ""),
    uri: lambda ? "" : (current?.uri ?? ""),
    connectionType: current?.connectionType ?? "INTERNET",
    connectionId: current?.connectionId ?? "",
    credentials: current?.credentials ?? "",
    passthroughBehavior: current?.passthroughBehavior ?? "WHEN_NO_MATCH",
    contentHandling: current?.contentHandling ?? "",
    timeout: String(current?.timeoutInMillis ?? 29000),
    cacheNamespace: current?.cacheNamespace ?? "",
    cacheKeys: (current?.cacheKeyParameters ?? []).join(", "),
    skipTls: current?.tlsConfig?.insecureSkipVerification ?? false,
    mappings: Object.entries(current?.requestParameters ?? {}).map(([target, source]) => {
      const m = /^integration\.request\.([a-z]+)\.(.+)$/.exec(target);
      return { location: m?.[1] ?? "header", name: m?.[2] ?? target, source };
    }),
    templates: current?.requestTemplates ?? {},
  };
}

/** What the form shows for its type: which fields apply. */
export function integrationKind(f: Pick<IntegrationForm, "type" | "useLambda">) {
  const isAws = f.type === "AWS" || f.type === "AWS_PROXY";
  const isHttp = f.type === "HTTP" || f.type === "HTTP_PROXY";
  const proxy = f.type === "HTTP_PROXY" || f.type === "AWS_PROXY";
  return { isAws, isHttp, proxy, lambdaMode: isAws && (f.useLambda || f.type === "AWS_PROXY") };
}

/** The integration to send, or the message of the function ARN's problem (checked before sending). */
export function integrationFromForm(f: IntegrationForm): { integration: IntegrationInput } | { error: string } {
  const { isHttp, lambdaMode } = integrationKind(f);
  let uri: string | undefined = f.type === "MOCK" ? undefined : f.uri.trim();
  if (lambdaMode) {
    const issues = checkLambdaFunctionArn(f.functionArn, "integration.functionArn");
    if (issues.length) return { error: issues[0].message };
    try {
      uri = lambdaInvocationUri(f.functionArn, f.lambdaRegion || undefined);
    } catch (e) {
      return { error: (e as Error).message };
    }
  }
  return {
    integration: {
      type: f.type,
      httpMethod: f.type === "MOCK" ? undefined : f.httpMethod,
      uri,
      connectionType: isHttp ? f.connectionType : undefined,
      connectionId: isHttp && f.connectionType === "VPC_LINK" ? f.connectionId.trim() : undefined,
      credentials: f.credentials.trim() || undefined,
      passthroughBehavior: f.passthroughBehavior,
      contentHandling: (f.contentHandling || undefined) as Integration["contentHandling"],
      timeoutInMillis: Number(f.timeout),
      cacheNamespace: f.cacheNamespace.trim() || undefined,
      cacheKeyParameters: f.cacheKeys.split(/[\s,]+/).filter(Boolean),
      tlsConfig: isHttp && f.skipTls ? { insecureSkipVerification: true } : undefined,
      requestParameters: Object.fromEntries(
        f.mappings.filter((m) => m.name.trim()).map((m) => [`integration.request.${m.location}.${m.name.trim()}`, m.source.trim()]),
      ),
      requestTemplates: nonEmptyTemplates(f.templates),
    },
  };
}

/** An emptied editor means "no template for this content type", so it is not sent. */
export function nonEmptyTemplates(templates: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(templates).filter(([, t]) => t.trim()));
}

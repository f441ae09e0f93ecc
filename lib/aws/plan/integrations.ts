/**
 * A method's integration and its integration responses. A changed type can't be patched, so the
 * integration is put again (with all its responses); otherwise fields are patched and each
 * integration response that differs is put again (AWS's PutIntegrationResponse replaces it).
 */
import type { Integration as AwsIntegration, IntegrationResponse as AwsIntegrationResponse } from "@aws-sdk/client-api-gateway";
import type { Integration, IntegrationResponse } from "../../model/design";
import { type PatchOp, compact, listOps, mapOps, sameList, sameMap, scalarOps } from "../diff";
import { type MethodKey, fieldsOf, sameScalarText } from "./context";
import type { PlannedCall } from "./types";

/** PutIntegration, then PutIntegrationResponse for each of its responses. */
export function putIntegrationWithResponses(m: MethodKey, target: string, i: Integration, replacing: boolean): PlannedCall[] {
  const calls: PlannedCall[] = [
    {
      operation: "PutIntegration",
      target,
      description: `${replacing ? "Replace" : "Set"} ${i.type} integration of ${target}${i.uri ? ` → ${i.uri}` : ""}`,
      kind: replacing ? "update" : "create",
      params: compact({
        ...m,
        type: i.type,
        integrationHttpMethod: i.type === "MOCK" ? undefined : i.httpMethod,
        uri: i.type === "MOCK" ? undefined : i.uri,
        connectionType: i.connectionType,
        connectionId: i.connectionId,
        credentials: i.credentials,
        requestParameters: i.requestParameters,
        requestTemplates: i.requestTemplates,
        passthroughBehavior: i.passthroughBehavior,
        contentHandling: i.contentHandling,
        timeoutInMillis: i.timeoutInMillis,
        cacheNamespace: i.cacheNamespace,
        cacheKeyParameters: i.cacheKeyParameters,
        tlsConfig: i.tlsConfig,
      }),
    },
  ];
  for (const code of Object.keys(i.integrationResponses).sort()) calls.push(putIntegrationResponse(m, target, i.integrationResponses[code], false));
  return calls;
}

function putIntegrationResponse(m: MethodKey, target: string, ir: IntegrationResponse, replacing: boolean): PlannedCall {
  return {
    operation: "PutIntegrationResponse",
    target,
    description: `${replacing ? "Update" : "Add"} integration response ${ir.statusCode}${ir.selectionPattern ? ` (pattern ${ir.selectionPattern})` : ""} of ${target}`,
    kind: replacing ? "update" : "create",
    params: compact({
      ...m,
      statusCode: ir.statusCode,
      selectionPattern: ir.selectionPattern,
      responseParameters: ir.responseParameters,
      responseTemplates: ir.responseTemplates,
      contentHandling: ir.contentHandling,
    }),
  };
}

/**
 * Integration responses the design drops, when both sides keep the integration. They go before
 * any method response is deleted: an integration response maps onto a method response.
 */
export function planIntegrationResponseDeletes(m: MethodKey, target: string, live: AwsIntegration | undefined, want: Integration | undefined): PlannedCall[] {
  if (!live || !want) return [];
  return Object.keys(live.integrationResponses ?? {})
    .sort()
    .filter((code) => !(code in want.integrationResponses))
    .map((code) => ({
      operation: "DeleteIntegrationResponse",
      target,
      description: `Delete integration response ${code} of ${target}`,
      kind: "delete" as const,
      params: { ...m, statusCode: code },
    }));
}

/** The integration of a method that is live: deleted, put again (new, or its type changes), or patched with its responses put where they differ. */
export function planIntegration(m: MethodKey, target: string, live: AwsIntegration | undefined, want: Integration | undefined): PlannedCall[] {
  if (!want) return live ? [{ operation: "DeleteIntegration", target, description: `Delete integration of ${target}`, kind: "delete", params: m }] : [];
  if (!live || live.type !== want.type) return putIntegrationWithResponses(m, target, want, !!live);
  const calls: PlannedCall[] = [];
  const ops = diffIntegration(live, want);
  if (ops.length)
    calls.push({
      operation: "UpdateIntegration",
      target,
      description: `Update ${want.type} integration of ${target} (${fieldsOf(ops)})`,
      kind: "update",
      params: { ...m, patchOperations: ops },
    });
  for (const code of Object.keys(want.integrationResponses).sort()) {
    const w = want.integrationResponses[code];
    const l = live.integrationResponses?.[code];
    if (l && sameIntegrationResponse(l, w)) continue;
    calls.push(putIntegrationResponse(m, target, w, !!l));
  }
  return calls;
}

function sameIntegrationResponse(l: AwsIntegrationResponse, w: IntegrationResponse): boolean {
  return (
    sameScalarText(l.selectionPattern, w.selectionPattern) &&
    sameMap(l.responseParameters, w.responseParameters) &&
    sameMap(l.responseTemplates, w.responseTemplates) &&
    sameScalarText(l.contentHandling, w.contentHandling)
  );
}

/** Patch operations from the live integration to the design's; AWS's defaults stand in for fields the live one leaves out. */
function diffIntegration(l: AwsIntegration, w: Integration): PatchOp[] {
  const ops: PatchOp[] = [];
  // A MOCK has no backend: its address, method, connection and credentials are not compared.
  if (w.type !== "MOCK") {
    // On the wire, the integration's own HTTP method is `httpMethod` (the SDK input calls it integrationHttpMethod).
    ops.push(...scalarOps("/httpMethod", l.httpMethod, w.httpMethod));
    ops.push(...scalarOps("/uri", l.uri, w.uri));
    if (w.connectionType !== undefined || (l.connectionType && l.connectionType !== "INTERNET"))
      ops.push(...scalarOps("/connectionType", l.connectionType ?? "INTERNET", w.connectionType ?? "INTERNET"));
    ops.push(...scalarOps("/connectionId", l.connectionId, w.connectionId));
    ops.push(...scalarOps("/credentials", l.credentials, w.credentials));
  }
  ops.push(...mapOps("/requestParameters", l.requestParameters, w.requestParameters));
  ops.push(...mapOps("/requestTemplates", l.requestTemplates, w.requestTemplates));
  ops.push(...scalarOps("/passthroughBehavior", l.passthroughBehavior ?? "WHEN_NO_MATCH", w.passthroughBehavior));
  ops.push(...scalarOps("/contentHandling", l.contentHandling, w.contentHandling));
  ops.push(...scalarOps("/timeoutInMillis", String(l.timeoutInMillis ?? 29000), String(w.timeoutInMillis)));
  if (w.cacheNamespace !== undefined) ops.push(...scalarOps("/cacheNamespace", l.cacheNamespace, w.cacheNamespace));
  if (!sameList(l.cacheKeyParameters, w.cacheKeyParameters)) ops.push(...listOps("/cacheKeyParameters", l.cacheKeyParameters, w.cacheKeyParameters, "path"));
  const lt = String(l.tlsConfig?.insecureSkipVerification ?? false);
  const wt = String(w.tlsConfig?.insecureSkipVerification ?? false);
  if (lt !== wt) ops.push({ op: "replace", path: "/tlsConfig/insecureSkipVerification", value: wt });
  return ops;
}

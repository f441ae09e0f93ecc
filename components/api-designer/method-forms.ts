/**
 * Form rows ⇄ the design's maps for a method's request and responses: AWS keys parameters as
 * `method.request.{location}.{name}` and headers as `method.response.header.{name}`; the forms
 * edit them as rows. Plain data in, plain data out.
 */
import type { IntegrationResponse, Method, MethodResponse } from "@/lib/model/design";
import { nonEmptyTemplates } from "./integration-form";

export type ParamRow = { location: string; name: string; required: boolean };
export type ModelRow = { contentType: string; model: string };
export type HeaderRow = { name: string; required: boolean };
export type HeaderMappingRow = { header: string; source: string };

const RESPONSE_HEADER = /^method\.response\.header\./;

export function paramRows(method: Method): ParamRow[] {
  return Object.entries(method.requestParameters).map(([key, required]) => {
    const m = /^method\.request\.([a-z]+)\.(.+)$/.exec(key);
    return { location: m?.[1] ?? "querystring", name: m?.[2] ?? key, required };
  });
}

export function paramsFromRows(rows: ParamRow[]): Record<string, boolean> {
  return Object.fromEntries(rows.filter((p) => p.name.trim()).map((p) => [`method.request.${p.location}.${p.name.trim()}`, p.required]));
}

export const modelRows = (models: Record<string, string>): ModelRow[] => Object.entries(models).map(([contentType, model]) => ({ contentType, model }));

export function modelsFromRows(rows: ModelRow[]): Record<string, string> {
  return Object.fromEntries(rows.filter((m) => m.contentType.trim()).map((m) => [m.contentType.trim(), m.model]));
}

export const headerName = (key: string) => key.replace(RESPONSE_HEADER, "");

export const headerRows = (response: MethodResponse): HeaderRow[] =>
  Object.entries(response.responseParameters).map(([key, required]) => ({ name: headerName(key), required }));

export function methodResponseFromRows(statusCode: string, headers: HeaderRow[], models: ModelRow[]): MethodResponse {
  return {
    statusCode,
    responseParameters: Object.fromEntries(headers.filter((h) => h.name.trim()).map((h) => [`method.response.header.${h.name.trim()}`, h.required])),
    responseModels: modelsFromRows(models),
  };
}

export const headerMappingRows = (parameters: Record<string, string>): HeaderMappingRow[] =>
  Object.entries(parameters).map(([target, source]) => ({ header: headerName(target), source }));

export interface IntegrationResponseFormState {
  pattern: string;
  contentHandling: string;
  mappings: HeaderMappingRow[];
  templates: Record<string, string>;
}

export function integrationResponseForm(initial?: Partial<IntegrationResponse>): IntegrationResponseFormState {
  return {
    pattern: initial?.selectionPattern ?? "",
    contentHandling: initial?.contentHandling ?? "",
    mappings: headerMappingRows(initial?.responseParameters ?? {}),
    templates: initial?.responseTemplates ?? {},
  };
}

export function integrationResponseFromForm(statusCode: string, f: IntegrationResponseFormState): IntegrationResponse {
  return {
    statusCode,
    selectionPattern: f.pattern || undefined,
    contentHandling: (f.contentHandling || undefined) as IntegrationResponse["contentHandling"],
    responseParameters: Object.fromEntries(
      f.mappings.filter((m) => m.header.trim()).map((m) => [`method.response.header.${m.header.trim()}`, m.source.trim()]),
    ),
    responseTemplates: nonEmptyTemplates(f.templates),
  };
}

export interface MethodRequestFormState {
  authorizationType: Method["authorizationType"];
  authorizerId: string;
  scopes: string;
  apiKeyRequired: boolean;
  operationName: string;
  validatorId: string;
  params: ParamRow[];
  models: ModelRow[];
}

export function methodRequestForm(method: Method): MethodRequestFormState {
  return {
    authorizationType: method.authorizationType,
    authorizerId: method.authorizerId ?? "",
    scopes: method.authorizationScopes.join(" "),
    apiKeyRequired: method.apiKeyRequired,
    operationName: method.operationName ?? "",
    validatorId: method.requestValidatorId ?? "",
    params: paramRows(method),
    models: modelRows(method.requestModels),
  };
}

/** CUSTOM and COGNITO_USER_POOLS name an authorizer; scopes only apply to Cognito. */
export const usesAuthorizer = (type: Method["authorizationType"]) => type === "CUSTOM" || type === "COGNITO_USER_POOLS";

export function methodRequestChanges(f: MethodRequestFormState) {
  return {
    authorizationType: f.authorizationType,
    authorizerId: usesAuthorizer(f.authorizationType) && f.authorizerId ? f.authorizerId : undefined,
    authorizationScopes: f.authorizationType === "COGNITO_USER_POOLS" ? f.scopes.split(/[\s,]+/).filter(Boolean) : [],
    apiKeyRequired: f.apiKeyRequired,
    operationName: f.operationName.trim() || undefined,
    requestValidatorId: f.validatorId || undefined,
    requestParameters: paramsFromRows(f.params),
    requestModels: modelsFromRows(f.models),
  };
}

/** The gateway response form's state and the PutGatewayResponse it sends; headers are edited as name=value lines. */
import type { GatewayResponse } from "@/lib/model/design";
import { parseGatewayHeaderLines } from "@/components/editor/gateway-header-lines";
import { formatNameValueLines } from "@/lib/testcase/request-lines";

const DEFAULT_TEMPLATE = '{"message":$context.error.messageString}';

export interface GatewayResponseFormState {
  statusCode: string;
  headers: string;
  template: string;
}

export function gatewayResponseForm(initial?: GatewayResponse): GatewayResponseFormState {
  return {
    statusCode: initial?.statusCode ?? "",
    headers: formatNameValueLines(initial?.responseParameters ?? {}),
    // A new response starts from AWS's default body; a configured one shows what it has.
    template: initial?.responseTemplates["application/json"] ?? (initial ? "" : DEFAULT_TEMPLATE),
  };
}

/** Only the application/json template is edited here; templates for other content types are kept. */
export function gatewayResponseFromForm(responseType: string, initial: GatewayResponse | undefined, f: GatewayResponseFormState) {
  const { "application/json": _edited, ...others } = initial?.responseTemplates ?? {};
  return {
    responseType,
    statusCode: f.statusCode.trim() || undefined,
    responseParameters: parseGatewayHeaderLines(f.headers),
    responseTemplates: f.template.trim() ? { ...others, "application/json": f.template } : others,
  };
}

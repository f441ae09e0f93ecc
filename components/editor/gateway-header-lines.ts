/**
 * Gateway-response header lines, apart from preview-input.ts so the designer's gateway-response
 * form can read them without pulling the VTL engine (which the preview needs) into the API page.
 */
import { parseNameValueLines } from "@/lib/testcase/request-lines";

/** Gateway-response header parameters as lines: full keys `gatewayresponse.header.X=value`; a bare `X=value` gets the prefix. */
export function parseGatewayHeaderLines(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parseNameValueLines(text))) {
    out[/^gatewayresponse\./i.test(k) ? k : `gatewayresponse.header.${k}`] = v;
  }
  return out;
}

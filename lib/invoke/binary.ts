/**
 * Binary payloads as API Gateway handles them (developer guide: "Working with binary media types
 * for REST APIs" and "Content type conversions in API Gateway"). The API's `binaryMediaTypes`
 * decide whether a request body is binary (its Content-Type) and whether the client wants a binary
 * response (the FIRST media type of its Accept header only); `contentHandling` on the integration
 * and on the integration response converts between raw bytes and base64 text.
 */
import type { Integration, IntegrationResponse } from "../model/design";
import { GatewayError } from "./errors";

/** What the execution log prints instead of a binary payload. */
export const BINARY_LOG = "[Binary Data]";

export type ContentHandling = Integration["contentHandling"] | IntegrationResponse["contentHandling"];

/**
 * True when a Content-Type or Accept value names one of the API's binary media types. Only the
 * first entry of a comma-separated list counts (AWS reads the first Accept type only); `*\/*`
 * matches everything and `image/*` every image type. Media types are case-insensitive.
 */
export function isBinaryMediaType(binaryMediaTypes: readonly string[], value: string | undefined | null): boolean {
  if (!value || binaryMediaTypes.length === 0) return false;
  const first = value.split(",")[0].split(";")[0].trim().toLowerCase();
  const slash = first.indexOf("/");
  if (slash <= 0) return false;
  const [type, subtype] = [first.slice(0, slash), first.slice(slash + 1)];
  return binaryMediaTypes.some((entry) => {
    const e = entry.split(";")[0].trim().toLowerCase();
    if (e === "*/*") return true;
    const s = e.indexOf("/");
    if (s <= 0) return false;
    const [t, st] = [e.slice(0, s), e.slice(s + 1)];
    return t === type && (st === "*" || st === subtype);
  });
}

/** A payload after conversion: text, or raw bytes (binary). */
export type Payload = { kind: "text"; text: string } | { kind: "binary"; bytes: Buffer };

export const textPayload = (text: string): Payload => ({ kind: "text", text });
export const binaryPayload = (bytes: Buffer): Payload => ({ kind: "binary", bytes });

/** The payload as a template or a JSON field sees it: bytes decoded as UTF-8. */
export function payloadText(p: Payload): string {
  return p.kind === "text" ? p.text : p.bytes.toString("utf8");
}

export function payloadBytes(p: Payload): Buffer {
  return p.kind === "binary" ? p.bytes : Buffer.from(p.text, "utf8");
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** Decodes base64 strictly: API Gateway answers a payload it cannot decode with 500. */
export function decodeBase64(text: string, direction: "request" | "response"): Buffer {
  if (!BASE64.test(text) || text.replace(/\s/g, "").length % 4 === 1) {
    throw new GatewayError(
      "DEFAULT_5XX",
      "Internal server error",
      [`Execution failed due to configuration error: Unable to decode the ${direction} payload as base64 (contentHandling CONVERT_TO_BINARY)`],
      500,
    );
  }
  return Buffer.from(text, "base64");
}

/**
 * The integration request payload (the request table): a binary request (Content-Type in
 * binaryMediaTypes) stays bytes unless CONVERT_TO_TEXT makes it base64 text; a text request stays
 * UTF-8 text unless CONVERT_TO_BINARY base64-decodes it into bytes.
 */
export function integrationRequestPayload(bytes: Buffer, binaryRequest: boolean, contentHandling: ContentHandling): Payload {
  if (binaryRequest) return contentHandling === "CONVERT_TO_TEXT" ? textPayload(bytes.toString("base64")) : binaryPayload(bytes);
  const text = bytes.toString("utf8");
  return contentHandling === "CONVERT_TO_BINARY" ? binaryPayload(decodeBase64(text, "request")) : textPayload(text);
}

/**
 * The method response payload of a non-proxy integration (the response table). A binary payload
 * (the endpoint's Content-Type in binaryMediaTypes) goes out as bytes when the client accepts a
 * binary type or CONVERT_TO_BINARY asks for it, else as base64 text; a text payload goes out as
 * text, unless the client accepts a binary type (no contentHandling) or CONVERT_TO_BINARY asks, in
 * which case it is base64-decoded into bytes.
 */
export function methodResponsePayload(endpoint: Payload, binaryPayloadType: boolean, binaryAccept: boolean, contentHandling: ContentHandling): Payload {
  const asText = contentHandling === "CONVERT_TO_TEXT" || (!contentHandling && !binaryAccept);
  if (binaryPayloadType) {
    const bytes = payloadBytes(endpoint);
    return asText ? textPayload(bytes.toString("base64")) : binaryPayload(bytes);
  }
  const text = payloadText(endpoint);
  return asText ? textPayload(text) : binaryPayload(decodeBase64(text, "response"));
}

/** Public API of the mapping-template engine. */
export { renderTemplate, MAX_TEMPLATE_BYTES, MAX_FOREACH_ITERATIONS } from "./render";
export { TemplateError } from "./types";
export type { TemplateInput, TemplateOverrides, TemplateResult } from "./types";
export { escapeJavaScript, urlEncode, urlDecode, base64Encode, base64Decode } from "./escape";
export { parseTemplate } from "./parser";

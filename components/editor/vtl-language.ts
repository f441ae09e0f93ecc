"use client";
/** VTL for API Gateway in Monaco: highlighting and completion of $input, $util, $context, $stageVariables. */
import type * as Monaco from "monaco-editor";

export const VTL_LANGUAGE_ID = "vtl";

const COMPLETIONS: { label: string; insert: string; doc: string }[] = [
  { label: "$input.body", insert: "\\$input.body", doc: "The raw payload as a string ({} when empty)." },
  { label: "$input.json(x)", insert: "\\$input.json('\\$${1}')", doc: "JSONPath x evaluated on the payload, as a JSON string." },
  { label: "$input.path(x)", insert: "\\$input.path('\\$${1}')", doc: "JSONPath x evaluated on the payload, as an object (Map/List)." },
  { label: "$input.params()", insert: "\\$input.params()", doc: "Map of path, querystring and header parameters." },
  { label: "$input.params(x)", insert: "\\$input.params('${1}')", doc: "A parameter by name: path, then querystring, then header." },
  { label: "$util.escapeJavaScript()", insert: "\\$util.escapeJavaScript(${1})", doc: "Escapes as JavaScript string rules (note: ' becomes \\')." },
  { label: "$util.parseJson()", insert: "\\$util.parseJson(${1})", doc: "Parses a JSON string into an object." },
  { label: "$util.urlEncode()", insert: "\\$util.urlEncode(${1})", doc: "application/x-www-form-urlencoded encoding." },
  { label: "$util.urlDecode()", insert: "\\$util.urlDecode(${1})", doc: "application/x-www-form-urlencoded decoding." },
  { label: "$util.base64Encode()", insert: "\\$util.base64Encode(${1})", doc: "Base64 of the UTF-8 bytes." },
  { label: "$util.base64Decode()", insert: "\\$util.base64Decode(${1})", doc: "Decodes Base64 to a UTF-8 string." },
  ...[
    "accountId", "apiId", "authorizer.principalId", "authorizer.claims", "awsEndpointRequestId", "domainName", "domainPrefix",
    "error.message", "error.messageString", "error.responseType", "error.validationErrorString", "extendedRequestId", "httpMethod",
    "identity.sourceIp", "identity.userAgent", "identity.apiKey", "identity.caller", "identity.user", "identity.userArn", "path",
    "protocol", "requestId", "requestTime", "requestTimeEpoch", "resourceId", "resourcePath", "stage",
    "responseOverride.status", "responseOverride.header.", "requestOverride.header.", "requestOverride.path.", "requestOverride.querystring.",
  ].map((f) => ({ label: `$context.${f}`, insert: `\\$context.${f}`, doc: `API Gateway context variable ${f}.` })),
  { label: "$stageVariables.", insert: "\\$stageVariables.${1}", doc: "A stage variable of the stage being invoked." },
  { label: "#foreach", insert: "#foreach(\\$${1:item} in \\$${2:list})\n${3}#if(\\$foreach.hasNext),#end\n#end", doc: "Loop (at most 1,000 iterations on AWS)." },
  { label: "#if", insert: "#if(${1})\n${2}\n#end", doc: "Conditional." },
  { label: "#set", insert: "#set(\\$${1:name} = ${2})", doc: "Assignment (a null right-hand side leaves the variable unchanged)." },
];

let registered = false;

export function registerVtl(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: VTL_LANGUAGE_ID });
  monaco.languages.setMonarchTokensProvider(VTL_LANGUAGE_ID, {
    tokenizer: {
      root: [
        [/##.*$/, "comment"],
        [/#\*/, "comment", "@blockComment"],
        [/#(?:set|if|elseif|else|end|foreach|break|stop|macro|evaluate|parse|include|define)\b/, "keyword"],
        [/\$!?\{?[A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*\}?/, "variable"],
        [/"([^"\\]|\\.)*"/, "string"],
        [/'([^'\\]|\\.)*'/, "string"],
        [/-?\d+(\.\d+)?/, "number"],
        [/[{}[\]()]/, "delimiter"],
      ],
      blockComment: [
        [/\*#/, "comment", "@pop"],
        [/./, "comment"],
      ],
    },
  });
  monaco.languages.registerCompletionItemProvider(VTL_LANGUAGE_ID, {
    triggerCharacters: ["$", ".", "#"],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const start = line.search(/[$#][\w.!{]*$/);
      const range = new monaco.Range(position.lineNumber, start >= 0 ? start + 1 : position.column, position.lineNumber, position.column);
      return {
        suggestions: COMPLETIONS.map((c) => ({
          label: c.label,
          kind: c.label.startsWith("#") ? monaco.languages.CompletionItemKind.Keyword : monaco.languages.CompletionItemKind.Variable,
          insertText: c.insert,
          insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet,
          documentation: c.doc,
          range,
        })),
      };
    },
  });
}

/**
 * Server-action requests Next would fail on with a 500 while decoding them, found first so they
 * are answered 400 (issue #16 item 11: 89 of the 152 500s came from Next's own decoding). Next
 * decodes an action's arguments with React's reply decoder: a text body is one JSON document; a
 * multipart body is form fields, "0" the root, other fields reached through "$<hex>" references.
 * A real client (React's encodeReply) only writes the forms this accepts; anything else — broken
 * JSON, bytes that are not UTF-8, unresolvable "$" references, absurd nesting, a multipart body
 * that does not parse — is refused here with the reason.
 */
import { MAX_DOCUMENT_DEPTH } from "../openapi/limits";

/** "$" strings a reply may hold without a field to back them (escaped "$", temporary references, literals). */
const SELF_CONTAINED = /^\$(?:\$|T|D|undefined$|NaN$|Infinity$|-Infinity$|-0$|n-?\d+$|K[0-9a-f]+$)/;
/** "$" strings that name another field of a multipart body: chunk, promise, Map, Set, iterator, Blob. */
const FIELD_REFERENCE = /^\$([@QWiB]?)([0-9a-f]+)$/;

export function isActionRequest(method: string, headers: Headers): boolean {
  if (method !== "POST") return false;
  return headers.has("next-action") || /^multipart\/form-data/i.test(headers.get("content-type") ?? "");
}

/**
 * True when a browser sent this action from another origin (or an opaque one: `Origin: null`).
 * Next refuses these too, but with a 500; the console answers 403 as it does on its routes.
 */
export function isCrossOriginAction(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false; // not a browser: no ambient cookie to abuse
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return !host || new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/** Why Next could not decode this action request, or undefined when it can. `body` is the raw bytes. */
export async function actionRequestProblem(headers: Headers, body: ArrayBuffer): Promise<string | undefined> {
  const contentType = headers.get("content-type") ?? "";
  if (/^multipart\/form-data/i.test(contentType)) return multipartProblem(contentType, body, headers.has("next-action"));
  if (!headers.has("next-action")) return undefined;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return "The action's arguments are not UTF-8 text";
  }
  return replyProblem(text, () => undefined);
}

async function multipartProblem(contentType: string, body: ArrayBuffer, isFetchAction: boolean): Promise<string | undefined> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  } catch {
    return "The action's form data could not be read (malformed multipart body)";
  }
  if (!isFetchAction) return undefined; // a plain form post: Next checks its $ACTION_ fields itself
  const root = form.get("0");
  if (typeof root !== "string") return 'The action\'s form data has no arguments (field "0")';
  return replyProblem(root, (id) => form.get(id) ?? undefined);
}

/** Checks one reply document and, through its references, every field it reaches. */
function replyProblem(rootText: string, field: (id: string) => FormDataEntryValue | undefined): string | undefined {
  const pending: string[] = [rootText];
  const seen = new Set<string>();
  while (pending.length) {
    let value: unknown;
    try {
      value = JSON.parse(pending.pop()!);
    } catch {
      return "The action's arguments are not valid JSON";
    }
    const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
    while (stack.length) {
      const { value: current, depth } = stack.pop()!;
      if (depth > MAX_DOCUMENT_DEPTH) return `The action's arguments are nested more than ${MAX_DOCUMENT_DEPTH} levels deep`;
      if (typeof current === "string" && current.startsWith("$") && !SELF_CONTAINED.test(current)) {
        const ref = FIELD_REFERENCE.exec(current);
        const id = ref ? String(parseInt(ref[2], 16)) : undefined;
        const target = id === undefined ? undefined : field(id);
        if (target === undefined) return `The action's arguments hold a reference that leads nowhere: ${JSON.stringify(current.slice(0, 40))}`;
        if ((ref![1] === "B") !== (typeof target !== "string"))
          return `The action's arguments hold a reference of the wrong kind: ${JSON.stringify(current.slice(0, 40))}`;
        if (typeof target === "string" && !seen.has(id!)) {
          seen.add(id!);
          pending.push(target);
        }
      } else if (current !== null && typeof current === "object") {
        for (const child of Object.values(current)) stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** `$util` string functions, byte-compatible with the Java implementations API Gateway uses. */

const NEEDS_JS_ESCAPE = /[^\x20-\x7e]|['"\\/]/;

/** commons-lang 2.x `StringEscapeUtils.escapeJavaScript`. */
export function escapeJavaScript(s: string): string {
  if (!NEEDS_JS_ESCAPE.test(s)) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = s.charCodeAt(i);
    if (c > 0x7f) {
      out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
    } else if (c < 32) {
      switch (c) {
        case 8:
          out += "\\b";
          break;
        case 10:
          out += "\\n";
          break;
        case 9:
          out += "\\t";
          break;
        case 12:
          out += "\\f";
          break;
        case 13:
          out += "\\r";
          break;
        default:
          out += "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
      }
    } else {
      switch (ch) {
        case "'":
          out += "\\'";
          break;
        case '"':
          out += '\\"';
          break;
        case "\\":
          out += "\\\\";
          break;
        case "/":
          out += "\\/";
          break;
        default:
          out += ch;
      }
    }
  }
  return out;
}

/** `java.net.URLEncoder.encode(s, "UTF-8")`. */
export function urlEncode(s: string): string {
  let out = "";
  for (const b of new TextEncoder().encode(s)) {
    const c = String.fromCharCode(b);
    if (/[a-zA-Z0-9.\-*_]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

export class JavaException extends Error {
  constructor(
    readonly javaClass: string,
    message: string,
  ) {
    super(message);
  }
}

/** `java.net.URLDecoder.decode(s, "UTF-8")`. */
export function urlDecode(s: string): string {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === "+") {
      out += " ";
      i++;
    } else if (c === "%") {
      const bytes: number[] = [];
      while (i < s.length && s[i] === "%") {
        const h = s.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(h)) {
          throw new JavaException(
            "java.lang.IllegalArgumentException",
            h.length < 2
              ? "URLDecoder: Incomplete trailing escape (%) pattern"
              : `URLDecoder: Illegal hex characters in escape (%) pattern - For input string: "${h}"`,
          );
        }
        bytes.push(parseInt(h, 16));
        i += 3;
      }
      out += new TextDecoder().decode(new Uint8Array(bytes));
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Int8Array(128).fill(-1);
for (let k = 0; k < 64; k++) B64_INDEX[B64.charCodeAt(k)] = k;

/** `java.util.Base64.getEncoder().encodeToString(s.getBytes(UTF_8))`; no Node APIs (runs in browsers). */
export function base64Encode(s: string): string {
  const b = new TextEncoder().encode(s);
  let out = "";
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + B64[n & 63];
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i] << 16;
    out += B64[n >> 18] + B64[(n >> 12) & 63] + "==";
  } else if (rest === 2) {
    const n = (b[i] << 16) | (b[i + 1] << 8);
    out += B64[n >> 18] + B64[(n >> 12) & 63] + B64[(n >> 6) & 63] + "=";
  }
  return out;
}

/** `java.util.Base64.getDecoder().decode` then UTF-8: rejects characters outside the alphabet. */
export function base64Decode(s: string): string {
  const m = /[^A-Za-z0-9+/=]/.exec(s);
  if (m) {
    throw new JavaException("java.lang.IllegalArgumentException", `Illegal base64 character ${(m[0].charCodeAt(0) & 0xff).toString(16)}`);
  }
  const body = s.replace(/=+$/, "");
  if (body.includes("=") || body.length % 4 === 1) {
    throw new JavaException("java.lang.IllegalArgumentException", "Input byte array has wrong 4-byte ending unit");
  }
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < body.length; i++) {
    acc = (acc << 6) | B64_INDEX[body.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[o++] = (acc >> bits) & 0xff;
    }
  }
  return new TextDecoder().decode(bytes.subarray(0, o));
}

/** The UTF-8 length of a string (what AWS's 300 KB template quota counts). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

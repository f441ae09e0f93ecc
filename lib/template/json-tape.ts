/**
 * One pass over JSON text that checks it and records its structure on a tape, so that values
 * become Java values only when a template reads them (./json-lazy.ts) and an untouched subtree
 * can be printed from its own text. A template usually reads a few fields of a large body:
 * building every object (JSON.parse) and then checking the text again for what JavaScript would
 * change (big integers, `10.0`, integer-like keys) cost more than the whole render.
 *
 * Each node takes four slots: kind, start and end offsets in the text (a string's are inside its
 * quotes), and the index of the node after its subtree (objects hold key, value, key, value …).
 * The grammar is exactly ./json.ts's exact parser's (the reference): where this scanner gives
 * up, callers run that parser, which gives the error (or, were the two ever to disagree, the value).
 */

export const OBJ = 1;
export const ARR = 2;
/** A string without escapes: its text is its value. */
export const STR = 3;
/** A string with backslash escapes, decoded when read. */
export const STR_ESC = 4;
/** An integer literal: an Integer/Long, or a BigInteger past 2^53. */
export const INT = 5;
/** A literal with a fraction or exponent: a Double. */
export const DEC = 6;
export const TRUE = 7;
export const FALSE = 8;
export const NULL = 9;

export const STRIDE = 4;

export interface Tape {
  readonly text: string;
  /** STRIDE slots a node: kind, start, end, next. */
  nodes: Int32Array;
  readonly count: number;
}

const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;

/**
 * Buffers scans write into, reused: allocating a typed array per body (off the heap) or growing a
 * plain one cost more than the scan. A borrowed tape keeps its buffer until returnScratch() (when
 * its render ends); other tapes get an exact copy and the buffer goes back at once.
 */
const free: Int32Array[] = [];
const lent: Int32Array[] = [];
/** Buffers kept for reuse, and the largest kept (a huge body's is let go). */
const KEEP_BUFFERS = 4;
const KEEP_SLOTS = 1 << 20;

/**
 * The tape of `text`, or null when it is not JSON (the exact parser then says why). A borrowed
 * tape uses a shared buffer until returnScratch(): for a render's own parses only.
 */
export function scanJson(text: string, borrow = false): Tape | null {
  buffer = free.pop() ?? new Int32Array(4096);
  count = 0;
  const ok = scan(text);
  const used = buffer;
  buffer = EMPTY;
  if (!ok) {
    keep(used);
    return null;
  }
  const tape: Tape = { text, nodes: used, count };
  if (borrow) lent.push(used);
  else {
    tape.nodes = used.slice(0, count * STRIDE);
    keep(used);
  }
  return tape;
}

/** Takes back the buffers of borrowed tapes: call when nothing will read them again (a render's end). */
export function returnScratch(): void {
  for (const b of lent) keep(b);
  lent.length = 0;
}

function keep(b: Int32Array): void {
  if (b.length <= KEEP_SLOTS && free.length < KEEP_BUFFERS) free.push(b);
}

// The running scan's state lives in module variables and plain functions, not a scanner object:
// V8 kept a class-based scanner's optimized code much slower after every full GC.
const EMPTY: Int32Array = new Int32Array(0);
let buffer: Int32Array = EMPTY;
let count = 0;
/** The next backslash at or after the scan (text.length when none): strings before it have no escapes. */
let nextBackslash = 0;

/** Scans `text` onto `buffer`; false when it is not JSON. Iterative: nesting costs no stack. */
function scan(text: string): boolean {
  const open: number[] = [];
  nextBackslash = backslashFrom(text, 0);
  let i = 0;
  for (;;) {
    i = value(text, i, open);
    if (i < 0) return false;
    // After a value: close containers until one goes on with a comma (and, in an object, a key).
    for (;;) {
      i = skipWs(text, i);
      const top = open.length - 1;
      if (top < 0) return i === text.length;
      const container = open[top];
      const c = text.charCodeAt(i);
      const isObj = buffer[container * STRIDE] === OBJ;
      if (c === COMMA) {
        i = isObj ? key(text, i + 1) : i + 1;
        if (i < 0) return false;
        break;
      }
      if (c !== (isObj ? RBRACE : RBRACKET)) return false;
      close(container, ++i);
      open.pop();
    }
  }
}

/** One value from `i`: opens containers (and reads their first key) down to a scalar or an empty one. */
function value(text: string, from: number, open: number[]): number {
  let i = from;
  for (;;) {
    i = skipWs(text, i);
    const c = text.charCodeAt(i);
    if (c === QUOTE) return string(text, i);
    if (c !== LBRACE && c !== LBRACKET) return scalar(text, i, c);
    const container = push(c === LBRACE ? OBJ : ARR, i, i);
    i = skipWs(text, i + 1);
    if (text.charCodeAt(i) === (c === LBRACE ? RBRACE : RBRACKET)) {
      close(container, i + 1);
      return i + 1;
    }
    open.push(container);
    if (c === LBRACE) {
      i = key(text, i);
      if (i < 0) return -1;
    }
  }
}

/** An object key and its colon; where its value starts, or -1. */
function key(text: string, from: number): number {
  let i = skipWs(text, from);
  if (text.charCodeAt(i) !== QUOTE) return -1;
  i = skipWs(text, string(text, i));
  if (i < 0 || text.charCodeAt(i) !== COLON) return -1;
  return i + 1;
}

/** Node `count`: its kind and text; returns its index. */
function push(kind: number, start: number, end: number): number {
  const k = count++;
  const at = k * STRIDE;
  if (at + STRIDE > buffer.length) {
    const grown = new Int32Array(buffer.length * 2);
    grown.set(buffer);
    buffer = grown;
  }
  buffer[at] = kind;
  buffer[at + 1] = start;
  buffer[at + 2] = end;
  buffer[at + 3] = k + 1;
  return k;
}

function close(container: number, end: number): void {
  buffer[container * STRIDE + 2] = end;
  buffer[container * STRIDE + 3] = count;
}

function skipWs(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== LF && c !== CR && c !== TAB) return i;
    i++;
  }
}

function backslashFrom(text: string, from: number): number {
  const b = text.indexOf("\\", from);
  return b < 0 ? text.length : b;
}

/** A string at `i` (its opening quote); where it ends, or -1. */
function string(text: string, i: number): number {
  const close = text.indexOf('"', i + 1);
  if (close < 0) return -1;
  if (close < nextBackslash) {
    push(STR, i + 1, close);
    return close + 1;
  }
  const end = escapedStringEnd(text, i + 1);
  if (end < 0) return -1;
  push(STR_ESC, i + 1, end);
  nextBackslash = backslashFrom(text, end + 1);
  return end + 1;
}

/** Where a string with escapes closes (checking each escape), or -1. */
function escapedStringEnd(text: string, start: number): number {
  let i = start;
  for (;;) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c)) return -1; // past the end
    if (c === QUOTE) return i;
    if (c !== BACKSLASH) i++;
    else {
      const e = text.charCodeAt(i + 1);
      if (e === 117) {
        // \uXXXX
        if (!HEX4.test(text.slice(i + 2, i + 6))) return -1;
        i += 6;
      } else if (SIMPLE_ESCAPES.includes(e)) i += 2;
      else return -1;
    }
  }
}

/** A number or true/false/null at `i`; where it ends, or -1. */
function scalar(text: string, i: number, c: number): number {
  if (c === MINUS || (c >= ZERO && c <= NINE)) return number(text, i);
  if (text.startsWith("true", i)) return push(TRUE, i, i + 4) >= 0 ? i + 4 : -1;
  if (text.startsWith("false", i)) return push(FALSE, i, i + 5) >= 0 ? i + 5 : -1;
  if (text.startsWith("null", i)) return push(NULL, i, i + 4) >= 0 ? i + 4 : -1;
  return -1;
}

/** `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`, as the exact parser reads numbers; where it ends, or -1. */
function number(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === MINUS) i++;
  const first = text.charCodeAt(i);
  if (first === ZERO) i++;
  else if (first > ZERO && first <= NINE) i = digits(text, i);
  else return -1;
  let kind = INT;
  if (text.charCodeAt(i) === DOT) {
    const end = digits(text, i + 1);
    if (end === i + 1) return -1;
    i = end;
    kind = DEC;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    // e or E
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === MINUS) j++;
    const end = digits(text, j);
    if (end === j) return -1;
    i = end;
    kind = DEC;
  }
  push(kind, start, i);
  return i;
}

const HEX4 = /^[0-9a-fA-F]{4}$/;
/** " \ / b f n r t */
const SIMPLE_ESCAPES = [34, 92, 47, 98, 102, 110, 114, 116];

function digits(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (!(c >= ZERO && c <= NINE)) return i;
    i++;
  }
}

/** A string node's value (escapes decoded as the exact parser decodes them). */
export function stringAt(tape: Tape, node: number): string {
  const at = node * STRIDE;
  const start = tape.nodes[at + 1];
  const end = tape.nodes[at + 2];
  if (tape.nodes[at] === STR) return tape.text.slice(start, end);
  return decodeEscapes(tape.text, start, end);
}

const ESCAPED: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

function decodeEscapes(text: string, start: number, end: number): string {
  let out = "";
  let from = start;
  for (let i = text.indexOf("\\", start); i >= 0 && i < end; i = text.indexOf("\\", from)) {
    out += text.slice(from, i);
    const e = text[i + 1];
    if (e === "u") {
      out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      from = i + 6;
    } else {
      out += ESCAPED[e];
      from = i + 2;
    }
  }
  return out + text.slice(from, end);
}

/** Whether a key node's text is `key` (without decoding it when it has no escapes). */
export function keyIs(tape: Tape, node: number, key: string): boolean {
  const at = node * STRIDE;
  const start = tape.nodes[at + 1];
  if (tape.nodes[at] === STR) return tape.nodes[at + 2] - start === key.length && tape.text.startsWith(key, start);
  return stringAt(tape, node) === key;
}

/**
 * Java values over a JSON tape (./json-tape.ts), made as a template reads them: a scalar when
 * its key is read, an object or array as a lazy JMap/JList whose own entries wait until read.
 * Objects are LinkedHashMaps in document order (a repeated key keeps its first place and its
 * last value, as LinkedHashMap.put does), arrays JSONArrays, integers Integer/Long (BigInteger
 * past 2^53), other numbers Doubles — json-smart's types, as API Gateway parses bodies.
 */
import { ARR, DEC, FALSE, INT, NULL, OBJ, STR, STRIDE, stringAt, type Tape, TRUE } from "./json-tape";
import { JDouble, JList, type ListSource, JMap, type MapKey, type MapSource, type JValue } from "./values";

/** The Java value of a node. */
export function tapeValue(tape: Tape, node: number): JValue {
  const nodes = tape.nodes;
  const at = node * STRIDE;
  const start = nodes[at + 1];
  const end = nodes[at + 2];
  switch (nodes[at]) {
    case STR:
      return tape.text.slice(start, end);
    case INT:
      return integerAt(tape.text, start, end);
    case DEC:
      return new JDouble(Number(tape.text.slice(start, end)));
    case OBJ:
      return JMap.lazy(new TapeObject(tape, node));
    case ARR:
      return JList.lazy(new TapeArray(tape, node), "json");
    case TRUE:
      return true;
    case FALSE:
      return false;
    case NULL:
      return null;
    default:
      return stringAt(tape, node);
  }
}

/** An integer literal's value: exact (a bigint) past 2^53; `-0` stays -0, as Number("-0") is. */
function integerAt(text: string, start: number, end: number): number | bigint {
  if (end - start < 16) {
    // Short literals without a string copy.
    const neg = text.charCodeAt(start) === 45;
    let v = 0;
    for (let i = neg ? start + 1 : start; i < end; i++) v = v * 10 + (text.charCodeAt(i) - 48);
    return neg ? -v : v;
  }
  const s = text.slice(start, end);
  const v = Number(s);
  return Number.isSafeInteger(v) ? v : BigInt(s);
}

/** Objects with more keys than this get a key index on their first read. */
const SCAN_KEYS = 12;

class TapeObject implements MapSource {
  /** Objects and arrays already handed out, by node: the same JMap/JList every time. */
  private kids: Map<number, JValue> | null = null;
  /** Key → value node (last one wins), for wide objects. */
  private index: Map<string, number> | null = null;
  constructor(
    private readonly tape: Tape,
    private readonly node: number,
  ) {}

  find(key: string): JValue | undefined {
    const found = this.index ? this.index.get(key) : this.scan(key);
    return found === undefined || found < 0 ? undefined : this.child(found);
  }

  /** The value node of `key` (-1 when none; the last, if repeated), by reading the keys in order. */
  private scan(key: string): number {
    const { tape } = this;
    const { nodes, text } = tape;
    const end = nodes[this.node * STRIDE + 3];
    const length = key.length;
    let found = -1;
    let pairs = 0;
    for (let k = this.node + 1; k < end; k = nodes[(k + 1) * STRIDE + 3]) {
      const at = k * STRIDE;
      const start = nodes[at + 1];
      if (nodes[at] === STR ? nodes[at + 2] - start === length && text.startsWith(key, start) : stringAt(tape, k) === key) found = k + 1;
      pairs++;
    }
    if (pairs > SCAN_KEYS) this.index = this.keyIndex();
    return found;
  }

  private keyIndex(): Map<string, number> {
    const nodes = this.tape.nodes;
    const index = new Map<string, number>();
    const end = nodes[this.node * STRIDE + 3];
    for (let k = this.node + 1; k < end; k = nodes[(k + 1) * STRIDE + 3]) index.set(stringAt(this.tape, k), k + 1);
    return index;
  }

  private child(node: number): JValue {
    const kind = this.tape.nodes[node * STRIDE];
    if (kind !== OBJ && kind !== ARR) return tapeValue(this.tape, node);
    let v = this.kids?.get(node);
    if (v === undefined) {
      v = tapeValue(this.tape, node);
      (this.kids ??= new Map()).set(node, v);
    }
    return v;
  }

  toMap(): Map<MapKey, JValue> {
    const nodes = this.tape.nodes;
    const map = new Map<MapKey, JValue>();
    const end = nodes[this.node * STRIDE + 3];
    // Map.set keeps a repeated key where it first was, with the last value: LinkedHashMap.put.
    for (let k = this.node + 1; k < end; k = nodes[(k + 1) * STRIDE + 3]) map.set(stringAt(this.tape, k), this.child(k + 1));
    return map;
  }
}

class TapeArray implements ListSource {
  constructor(
    private readonly tape: Tape,
    private readonly node: number,
  ) {}
  toItems(): JValue[] {
    const nodes = this.tape.nodes;
    const items: JValue[] = [];
    const end = nodes[this.node * STRIDE + 3];
    for (let k = this.node + 1; k < end; k = nodes[k * STRIDE + 3]) items.push(tapeValue(this.tape, k));
    return items;
  }
}

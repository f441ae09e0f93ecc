/**
 * A bounded map that drops its least recently used entry first (template, JSONPath and
 * path-step caches). A hit only stamps the entry with a counter (no reordering: hits are the
 * hot path, once per render); a miss on a full cache scans for the oldest stamp, which costs
 * O(capacity) but comes with a parse that costs far more.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, { value: V; used: number }>();
  private clock = 0;
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`cache capacity must be at least 1, got ${capacity}`);
  }
  get size(): number {
    return this.entries.size;
  }
  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    e.used = ++this.clock;
    return e.value;
  }
  set(key: K, value: V): void {
    const e = this.entries.get(key);
    if (e !== undefined) {
      e.value = value;
      e.used = ++this.clock;
      return;
    }
    if (this.entries.size >= this.capacity) this.evictOldest();
    this.entries.set(key, { value, used: ++this.clock });
  }
  clear(): void {
    this.entries.clear();
  }
  private evictOldest(): void {
    let oldest: K | undefined;
    let oldestUse = Number.POSITIVE_INFINITY;
    for (const [k, e] of this.entries) {
      if (e.used < oldestUse) {
        oldestUse = e.used;
        oldest = k;
      }
    }
    this.entries.delete(oldest as K);
  }
}

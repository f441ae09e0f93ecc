/** A bounded map that drops its least recently used entry first (template, JSONPath and path-step caches). */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new Error(`cache capacity must be at least 1, got ${capacity}`);
  }
  get size(): number {
    return this.entries.size;
  }
  get(key: K): V | undefined {
    const v = this.entries.get(key);
    if (v !== undefined) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, v);
    }
    return v;
  }
  set(key: K, value: V): void {
    this.entries.delete(key);
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    this.entries.set(key, value);
  }
  clear(): void {
    this.entries.clear();
  }
}

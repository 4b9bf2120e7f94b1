import { LRUCache } from 'lru-cache';

/**
 * The authorization caches: `lru-cache` bounded by entry count, with the one helper the authorizer
 * uses everywhere (`getOrSet`: the cached value, or computed, stored and returned).
 */
// lru-cache keys and values must not be null or undefined.
export class LruCache<K extends NonNullable<unknown>, V extends NonNullable<unknown>> extends LRUCache<K, V> {
  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`LruCache max must be a positive integer, got ${max}`);
    }
    super({ max });
  }

  getOrSet(key: K, compute: () => V): V {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const value = compute();
    this.set(key, value);
    return value;
  }
}

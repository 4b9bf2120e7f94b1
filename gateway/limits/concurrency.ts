import type { OperationLimits } from '../../lib/config.ts';
import type { PenghubungError } from '../../lib/errors.ts';
import { rateLimited } from './errors.ts';

/**
 * Requests of one API key in flight at once in a graph, in this process's memory. The per-second
 * rate bounds how many requests a key starts; this bounds how many it holds at once, so one key
 * cannot fill the event loop with work in progress while other clients wait. A refused request is
 * answered 429 with `Retry-After: 1` at once. Only keys with requests in flight have an entry.
 */
export interface ConcurrencyLimiter {
  /** Takes a place for a request of `key` in `graph`: the function that gives it back, or the refusal. */
  enter(key: string, graph: string): (() => void) | PenghubungError;
}

export function createConcurrencyLimiter(limitsFor: (graph: string) => Pick<OperationLimits, 'maxConcurrent'>): ConcurrencyLimiter {
  const inFlight = new Map<string, number>();
  return {
    enter(key, graph) {
      const max = limitsFor(graph).maxConcurrent;
      if (max === 0) return () => {};
      const id = `${graph}\u0000${key}`;
      const current = inFlight.get(id) ?? 0;
      if (current >= max) return rateLimited({ name: 'maxConcurrent', max, retryAfterSeconds: 1 });
      inFlight.set(id, current + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(id) ?? 1) - 1;
        if (left > 0) inFlight.set(id, left);
        else inFlight.delete(id);
      };
    },
  };
}

import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { OperationLimits } from '../../lib/config.ts';
import type { PenghubungError } from '../../lib/errors.ts';
import { rateLimited } from './errors.ts';

/**
 * Requests per second and per minute per API key and graph, in this process's memory
 * (rate-limiter-flexible), beside the daily quota the grants set (counted from the log). Several
 * gateway processes each allow the rate: the limit is against bursts that would stall a process,
 * not an account of use.
 */
export interface RateLimiter {
  /** Consumes one request of `key` in `graph`; a refusal carries when to retry. */
  consume(key: string, graph: string): Promise<PenghubungError | null>;
}

export function createRateLimiter(limitsFor: (graph: string) => Pick<OperationLimits, 'ratePerSecond' | 'ratePerMinute'>): RateLimiter {
  const limiters = new Map<string, { perSecond: RateLimiterMemory; perMinute: RateLimiterMemory; limits: Pick<OperationLimits, 'ratePerSecond' | 'ratePerMinute'> }>();
  const limitersOf = (graph: string) => {
    let entry = limiters.get(graph);
    if (!entry) {
      const limits = limitsFor(graph);
      entry = {
        limits,
        perSecond: new RateLimiterMemory({ points: limits.ratePerSecond, duration: 1, keyPrefix: `s:${graph}` }),
        perMinute: new RateLimiterMemory({ points: limits.ratePerMinute, duration: 60, keyPrefix: `m:${graph}` }),
      };
      limiters.set(graph, entry);
    }
    return entry;
  };
  return {
    async consume(key, graph) {
      const { perSecond, perMinute, limits } = limitersOf(graph);
      try {
        await perSecond.consume(key);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return rateLimited({ name: 'ratePerSecond', max: limits.ratePerSecond, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) });
      }
      try {
        await perMinute.consume(key);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return rateLimited({ name: 'ratePerMinute', max: limits.ratePerMinute, retryAfterSeconds: Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)) });
      }
      return null;
    },
  };
}

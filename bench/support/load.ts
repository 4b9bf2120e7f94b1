/**
 * A small closed-loop HTTP load generator for the gateway benchmarks: `concurrency` loops, each
 * sending one request and waiting for its answer before sending the next, over one undici `Pool`
 * with as many keep-alive connections (loopback, no pipelining), for a fixed time. Latency is
 * measured per request from send to the last byte of the body.
 *
 * Run it in another process than the server under test (see bench/authorizationGateway.bench.ts):
 * in the same event loop the client's own work would be counted as the server's.
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'undici';

export interface LoadOptions {
  /** Full URL; all requests go to its origin and path. */
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Requests in flight at once (and connections in the pool). */
  concurrency: number;
  /** Measured duration. */
  durationMs: number;
  /** Unmeasured run first, on the same connections (JIT, caches, keep-alive). Default 0. */
  warmupMs?: number;
  /**
   * Count an answer with a top-level GraphQL `errors` member as a failure, besides any status other
   * than 200 (default true).
   */
  graphqlErrorsFail?: boolean;
  /** Called when the measured run starts (after the warm-up), e.g. to snapshot the server's usage. */
  onMeasureStart?: () => void;
}

export interface LoadResult {
  /** Successful requests completed in the measured run. */
  requests: number;
  failures: number;
  /** First failing answer (status and the start of its body), to say why. */
  firstFailure: string | null;
  elapsedMs: number;
  perSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
}

/** The `p` quantile (0..1) of ascending `sorted`, nearest rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank] as number;
}

/** The median of some numbers (not necessarily sorted). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Runs the load; resolves once every loop has finished its last request. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: options.concurrency, pipelining: 1 });
  const path = target.pathname + target.search;
  const method = options.method ?? 'POST';
  const headers = { 'content-type': 'application/json', ...options.headers };
  const graphqlErrorsFail = options.graphqlErrorsFail ?? true;
  try {
    if (options.warmupMs) await loop(options.warmupMs);
    options.onMeasureStart?.();
    return await loop(options.durationMs);
  } finally {
    await pool.close();
  }

  async function loop(durationMs: number): Promise<LoadResult> {
    // Preallocated so that recording a latency does not allocate; grown if ever full.
    let latencies = new Float64Array(1 << 16);
    let requests = 0;
    let failures = 0;
    let firstFailure: string | null = null;
    const started = performance.now();
    const deadline = started + durationMs;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < deadline) {
          const sent = performance.now();
          const response = await pool.request({ path, method, headers, body: options.body ?? null });
          const text = await response.body.text();
          const latency = performance.now() - sent;
          const failed = response.statusCode !== 200 || (graphqlErrorsFail && hasErrors(text));
          if (failed) {
            failures += 1;
            firstFailure ??= `HTTP ${response.statusCode}: ${text.slice(0, 300)}`;
            continue;
          }
          if (requests === latencies.length) {
            const grown = new Float64Array(latencies.length * 2);
            grown.set(latencies);
            latencies = grown;
          }
          latencies[requests] = latency;
          requests += 1;
        }
      }),
    );
    const elapsedMs = performance.now() - started;
    const sorted = latencies.subarray(0, requests).sort();
    let sum = 0;
    for (const latency of sorted) sum += latency;
    return {
      requests,
      failures,
      firstFailure,
      elapsedMs,
      perSecond: (requests * 1_000) / elapsedMs,
      latencyMs: {
        mean: requests ? sum / requests : Number.NaN,
        p50: percentile(sorted, 0.5),
        p90: percentile(sorted, 0.9),
        p99: percentile(sorted, 0.99),
        max: percentile(sorted, 1),
      },
    };
  }
}

/**
 * Whether a GraphQL response body has an `errors` member. No parse, on purpose: inside a JSON string
 * the quotes would be escaped, so `"errors":` can only be a key, and only a schema with a field named
 * `errors` would give a false positive (none of the demo schemas has one).
 */
function hasErrors(body: string): boolean {
  return body.includes('"errors":');
}

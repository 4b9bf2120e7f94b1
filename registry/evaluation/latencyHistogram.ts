/**
 * Latency percentiles from log-scale buckets, as DDSketch does: a duration d > 1 ms falls in bucket
 * i = ceil(log_γ d), covering (γ^(i-1), γ^i]; d ≤ 1 ms falls in bucket 0. Buckets from many rows add
 * up, so a year's percentiles come from the daily rollups without reading a single log row, and the
 * estimate 2γ^i / (γ + 1) is within (γ − 1) / (γ + 1) ≈ 9.1 % of the true duration for γ = 1.2 (about
 * 13 buckets per tenfold of duration: a day of one client's operation fits in a few dozen rows).
 *
 * The percentile is the nearest-rank one (the smallest duration with at least p · n durations at or
 * below it), estimated to that relative error.
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';

export const LATENCY_GAMMA = 1.2;
/** The largest relative error of an estimate (durations above 1 ms). */
export const LATENCY_RELATIVE_ERROR = (LATENCY_GAMMA - 1) / (LATENCY_GAMMA + 1);

/**
 * The bucket of a duration expression in milliseconds, in SQL. Agrees with `latencyBucketOf` but at
 * exact powers of γ, where float rounding may put a duration one bucket up: within the stated error.
 */
export function latencyBucketSql(durationMs: SQL): SQL {
  return sql`(case when ${durationMs} is null or ${durationMs} <= 1 then 0 else least(ceil(ln(${durationMs}::float8) / ln(${sql.raw(String(LATENCY_GAMMA))}::float8)), 32000) end)::smallint`;
}

export function latencyBucketOf(durationMs: number): number {
  if (!(durationMs > 1)) return 0;
  return Math.min(Math.ceil(Math.log(durationMs) / Math.log(LATENCY_GAMMA)), 32_000);
}

/** The duration a bucket stands for: 1 ms for bucket 0, else the point of least relative error. */
export function latencyEstimate(bucket: number): number {
  if (bucket <= 0) return 1;
  return (2 * LATENCY_GAMMA ** bucket) / (LATENCY_GAMMA + 1);
}

export interface Percentiles {
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/** p50, p95 and p99 of a histogram (bucket → count); all null when it is empty. */
export function percentilesOf(histogram: ReadonlyMap<number, number>): Percentiles {
  const buckets = [...histogram.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const total = buckets.reduce((sum, [, count]) => sum + count, 0);
  if (total === 0) return { p50Ms: null, p95Ms: null, p99Ms: null };
  const at = (p: number): number => {
    const rank = Math.max(1, Math.ceil(p * total));
    let seen = 0;
    for (const [bucket, count] of buckets) {
      seen += count;
      if (seen >= rank) return round1(latencyEstimate(bucket));
    }
    return round1(latencyEstimate(buckets[buckets.length - 1]![0]));
  };
  return { p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99) };
}

/** A histogram from what SQL returned: a jsonb object `{ "<bucket>": count }` (as text or parsed). */
export function histogramFrom(value: unknown): Map<number, number> {
  const histogram = new Map<number, number>();
  let object: unknown = value;
  if (typeof value === 'string') {
    try {
      object = JSON.parse(value) as unknown;
    } catch {
      return histogram;
    }
  }
  if (object === null || typeof object !== 'object') return histogram;
  for (const [bucket, count] of Object.entries(object as Record<string, unknown>)) {
    const key = Number(bucket);
    const n = Number(count);
    if (Number.isFinite(key) && Number.isFinite(n)) histogram.set(key, (histogram.get(key) ?? 0) + n);
  }
  return histogram;
}

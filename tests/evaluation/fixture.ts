/**
 * The evaluation suites' bench: a real registry (tests/support/registry.ts) on a fresh database, an
 * evaluator, a requester and a publisher with registry tokens, and 45 days of generated access-log
 * rows (registry/evaluation/generateLogRows.ts) for a small world of four clients. Three of them carry
 * an anomaly on one day each (a volume spike that also overruns a daily quota, a burst of denied
 * attempts, a night of off-hours access); the fourth is steady. The generated rows are returned, so
 * each test can compute what it expects independently of the SQL under test.
 */
import { LATENCY_RELATIVE_ERROR } from '../../registry/evaluation/latencyHistogram.ts';
import type { RegistryConfig } from '../../registry/deps.ts';
import { DEFAULT_WORLD, generateLogRows, insertLogRows, seedLogWorld } from '../support/generateLogRows.ts';
import type { Anomaly, GeneratedLogRow, SeededWorld, WorldSpec } from '../support/generateLogRows.ts';
import type { EvaluationOptions } from '../../registry/evaluation/options.ts';
import { wibMidnight } from '../../registry/evaluation/range.ts';
import { startTestRegistry, testConfig } from '../support/registry.ts';
import type { Identity, TestRegistry } from '../support/registry.ts';

export const SECRET = 'kunci-hash-pencarian-uji';
export const FIRST_DAY = '2025-01-01';
export const END_DAY = '2025-02-15'; // exclusive: 45 days
export const SPIKE_DAY = '2025-02-10'; // a Monday
export const DENIED_DAY = '2025-02-11';
export const NIGHT_DAY = '2025-02-12';
export const EXPORT_ROW_CAP = 3000;

export const TEST_WORLD: WorldSpec = {
  agencies: DEFAULT_WORLD.agencies,
  operations: DEFAULT_WORLD.operations,
  clients: [
    { key: 'tetap', name: 'SIMPUS Puskesmas', organization: 'Dinas Kesehatan', operations: ['CariPenduduk', 'StatusLayananKesehatan'], dailyRequests: 60, offHoursShare: 0.03, deniedShare: 0.02, errorShare: 0.03 },
    {
      key: 'lonjakan',
      name: 'Aplikasi Bansos',
      organization: 'Dinas Sosial',
      operations: ['CariPenduduk'],
      dailyRequests: 50,
      offHoursShare: 0.02,
      deniedShare: 0.02,
      errorShare: 0.01,
      quota: { graph: 'kependudukan', coordinate: 'Query.penduduk', perDay: 150 },
    },
    { key: 'penjajak', name: 'SIMPEG Inspektorat', organization: 'Inspektorat', operations: ['DataPegawai'], dailyRequests: 40, offHoursShare: 0.02, deniedShare: 0.02, errorShare: 0.01 },
    // A name that would run as script if the report did not escape it.
    { key: 'malam', name: 'Portal Perizinan <script>alert(1)</script>', organization: 'DPMPTSP', operations: ['CekIzin', 'PemohonIzin'], dailyRequests: 40, offHoursShare: 0.03, deniedShare: 0.01, errorShare: 0.02 },
  ],
};

export const ANOMALIES: Anomaly[] = [
  { client: 'lonjakan', day: SPIKE_DAY, kind: 'volume', factor: 6 },
  { client: 'penjajak', day: DENIED_DAY, kind: 'denied', count: 60 },
  { client: 'malam', day: NIGHT_DAY, kind: 'offHours', count: 45 },
];

export interface EvaluationBench {
  registry: TestRegistry;
  world: SeededWorld;
  rows: GeneratedLogRow[];
  evaluator: Identity;
  requester: Identity;
  publisher: Identity;
  clientId(key: string): string;
  close(): Promise<void>;
}

export async function startEvaluationBench(options: { rows?: boolean; evaluation?: EvaluationOptions } = {}): Promise<EvaluationBench> {
  const evaluation: EvaluationOptions = { logLookupSecret: SECRET, exportRowCap: EXPORT_ROW_CAP, ...options.evaluation };
  // The registry reads its evaluation settings from its configuration (registry/evaluation/options.ts).
  const config = { ...testConfig, evaluation } as RegistryConfig;
  const registry = await startTestRegistry({ config });
  try {
    const from = wibMidnight(FIRST_DAY);
    const to = wibMidnight(END_DAY);
    const world = await seedLogWorld(registry.database.db, TEST_WORLD, { from, to });
    const rows = options.rows === false ? [] : [...generateLogRows({ world, from, to, secret: SECRET, seed: 7, anomalies: ANOMALIES, identifierPool: 300, chained: true })];
    await insertLogRows(registry.database.db, rows);

    const user = async (name: string, email: string, role: string, extra: Record<string, string> = {}): Promise<Identity> => {
      const created = await registry.must(registry.admin, 'POST', '/v1/admin/users', { name, email, role, ...extra }, 201);
      return { id: created.user.id, token: created.token.token };
    };
    const evaluator = await user('Evi Inspektorat', 'evi@inspektorat.test', 'evaluator');
    const requester = await user('Rina Pemohon', 'rina@startup.test', 'requester', { organization: 'PT Startup' });
    const publisher = await user('Ani Dukcapil', 'ani@dukcapil.test', 'publisher', { agency: 'disdukcapil' });
    const ids = new Map(world.clients.map((client) => [client.key, client.id]));
    return {
      registry,
      world,
      rows,
      evaluator,
      requester,
      publisher,
      clientId: (key) => ids.get(key)!,
      close: () => registry.close(),
    };
  } catch (error) {
    await registry.close();
    throw error;
  }
}

/** PostgreSQL's percentile_cont: linear interpolation between the closest ranks. */
/** The nearest-rank percentile: the smallest value with at least `fraction` of the values at or below it. */
export function percentileNearestRank(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(fraction * sorted.length)) - 1]!;
}

/**
 * Matches a percentile the API estimated from log-scale buckets: within the histogram's relative
 * error of the exact nearest-rank percentile (durations of at most 1 ms are reported as 1 ms).
 */
export function nearPercentile(values: readonly number[], fraction: number) {
  const exact = percentileNearestRank(values, fraction);
  const describe = () => (exact === null ? 'null' : `≈${exact} ms (±${(LATENCY_RELATIVE_ERROR * 100).toFixed(1)}%)`);
  return {
    asymmetricMatch: (actual: unknown) =>
      exact === null
        ? actual === null
        : typeof actual === 'number' && Math.abs(actual - exact) <= Math.max(1, exact * LATENCY_RELATIVE_ERROR + 0.05),
    toString: describe,
    toAsymmetricMatcher: describe,
  };
}

/** `?a=1&b=2`, repeating array values. */
export function query(params: Record<string, string | number | readonly string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.set(key, String(value));
  }
  return `?${search}`;
}

/**
 * What the evaluation routes can be told, with documented defaults. The routes are registered by the
 * registry's route map with `(app, deps)` only, so they read their settings from the registry's
 * configuration when it carries them (`deps.config`, read structurally: the configuration type need not
 * know this module), in this order: options passed to `resolveEvaluationOptions`, then
 * `config.evaluation` (an `EvaluationOptions`), then these top-level keys, then the defaults:
 * - `logLookupSecret` (or `lookupSecret`, the access-log writer's name for it): the HMAC key the
 *   gateway's masking (`lib/ledger/mask.ts`) used for the lookup hashes of masked variables. Without
 *   it, searching by a variable's value answers 503.
 * - `lookupSecretHistory` (a function): every lookup secret the installation has used, active and
 *   retired (registry/keys/keyLifecycle.ts `loadLookupSecrets`), read at each search so that a
 *   rotation is seen without a restart; a search by value hashes the value under each.
 */
import type { ReportSettings } from '../../lib/config.ts';
import type { RegistryDeps } from '../deps.ts';

export interface SignalThresholds {
  /** A day departs sharply when its figure is more than `factor` × the client's trailing median. */
  factor: number;
  /** Days of trailing history the median is taken over. */
  historyDays: number;
  /** Days of history a client needs (since its first request) before volume and off-hours signals. */
  minHistoryDays: number;
  /** A volume signal needs at least this many requests that day. */
  minRequests: number;
  /** A denied-attempts signal needs at least this many denied requests that day. */
  minDenied: number;
  /** An off-hours signal needs at least this many off-hours requests that day… */
  minOffHours: number;
  /** …and an off-hours share of at least this much (0–1), whatever the history. */
  minOffHoursShare: number;
}

export const DEFAULT_SIGNAL_THRESHOLDS: SignalThresholds = {
  factor: 3,
  historyDays: 30,
  minHistoryDays: 7,
  minRequests: 100,
  minDenied: 20,
  minOffHours: 20,
  minOffHoursShare: 0.2,
};

export interface EvaluationOptions {
  logLookupSecret?: string | Uint8Array;
  /** Every lookup secret used so far (active and retired), read at each search. */
  logLookupSecrets?: () => readonly (string | Uint8Array)[];
  /** Rows a CSV export may hold (default 1,000,000); a larger view is refused with a message. */
  exportRowCap?: number;
  signals?: Partial<SignalThresholds>;
  /** Longest time one evaluator query may run (default 30,000 ms); past it the route answers 503. */
  queryTimeoutMs?: number;
  /** The region and signing official of the report (default: the configuration's `report`). */
  report?: ReportSettings;
}

export interface ResolvedEvaluationOptions {
  logLookupSecret: string | Uint8Array | null;
  logLookupSecrets?: () => readonly (string | Uint8Array)[];
  exportRowCap: number;
  signals: SignalThresholds;
  queryTimeoutMs: number;
  report: ReportSettings;
}

export const DEFAULT_EXPORT_ROW_CAP = 1_000_000;
export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;

/** The options given, else the configuration's, else the defaults. */
export function resolveEvaluationOptions(deps: Pick<RegistryDeps, 'config'>, given: EvaluationOptions = {}): ResolvedEvaluationOptions {
  const config = deps.config as { logLookupSecret?: unknown; lookupSecret?: unknown; lookupSecretHistory?: unknown; evaluation?: EvaluationOptions; report?: ReportSettings };
  const nested = config.evaluation ?? {};
  const history = given.logLookupSecrets ?? nested.logLookupSecrets ?? (typeof config.lookupSecretHistory === 'function' ? (config.lookupSecretHistory as () => string[]) : undefined);
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const secret = given.logLookupSecret ?? nested.logLookupSecret ?? text(config.logLookupSecret) ?? text(config.lookupSecret);
  return {
    logLookupSecret: secret === undefined || secret.length === 0 ? null : secret,
    ...(history ? { logLookupSecrets: history } : {}),
    exportRowCap: given.exportRowCap ?? nested.exportRowCap ?? DEFAULT_EXPORT_ROW_CAP,
    signals: { ...DEFAULT_SIGNAL_THRESHOLDS, ...nested.signals, ...given.signals },
    queryTimeoutMs: given.queryTimeoutMs ?? nested.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS,
    report: given.report ?? nested.report ?? config.report ?? {},
  };
}

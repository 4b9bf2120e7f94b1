/**
 * The monitoring-and-evaluation report for the head of region (Bupati/Wali Kota), as required by
 * Perbup Pacitan 138/2023 Pasal 8 and Perwali Baubau 32/2024 Pasal 9(3): the figures of
 * `GET /v1/log/stats` and `GET /v1/log/signals` for one period, the same figures of the period of
 * equal length before it (for the summary's comparisons), the refusals by reason, the directory's
 * descriptions of the fields, and whether the period's log is intact; gathered once and rendered as
 * HTML (report/html.ts) or PDF (report/pdf.ts), with a summary derived from them (report/findings.ts).
 */
import type { ReportSettings } from '../../../lib/config.ts';
import { ok } from '../../../lib/errors.ts';
import type { Result } from '../../../lib/errors.ts';
import type { GroupRow, LogFilter, Totals } from '../../repositories/AccessLogRepository.ts';
import type { EvaluationDeps } from '../deps.ts';
import { detectMisuseSignals } from '../misuseSignals.ts';
import type { MisuseSignal } from '../misuseSignals.ts';
import { groupRows } from '../stats.ts';
import { AccessLogRepository } from '../../repositories/AccessLogRepository.ts';
import { toLogFilter } from '../filters.ts';
import type { SignalThresholds } from '../options.ts';
import { checkPeriodIntegrity } from '../periodIntegrity.ts';
import type { PeriodIntegrity } from '../periodIntegrity.ts';
import { MAX_STATS_ROWS } from '../schemas.ts';
import type { StatsGroup } from '../schemas.ts';

/** Why requests were refused, as the report counts them apart. */
export interface Refusals {
  /** A field without a grant, or a grant's condition (period, hours, arguments) not met. */
  access: number;
  /** The daily quota of the approved request used up. */
  quota: number;
  /** Too many requests per second or minute for one key. */
  rate: number;
  /** An operation too large or too deep (operation limits). */
  limits: number;
}

/** A field of the report with the directory's words for it. */
export interface ReportField extends GroupRow {
  /** The directory's description of the field ('' when it has none). */
  description: string;
  /** The owning agencies' names. */
  agencyNames: string[];
}

export interface EvaluationReport {
  from: Date;
  to: Date;
  generatedAt: Date;
  /** The region and signing official (configuration, overridden per report). */
  settings: ReportSettings;
  totals: Totals;
  refusals: Refusals;
  /** Refusals per client id ('' for requests without a valid credential). */
  clientRefusals: Record<string, Refusals>;
  days: GroupRow[];
  agencies: GroupRow[];
  clients: GroupRow[];
  fields: ReportField[];
  operations: GroupRow[];
  subgraphs: GroupRow[];
  /** The agency owning each subgraph, by subgraph name. */
  subgraphAgencies: Record<string, string>;
  /** The directory's description of each field the report names (its fields and the quota signals' fields). */
  fieldDescriptions: Record<string, string>;
  signals: MisuseSignal[];
  thresholds: SignalThresholds;
  /** The period of equal length just before this one, for comparisons. */
  previous: { from: Date; to: Date; totals: Totals; refusals: Refusals; agencies: GroupRow[]; fields: GroupRow[] };
  integrity: PeriodIntegrity;
}

/** How many rows each table of the report shows (days are never cut). */
export const REPORT_TOP = 15;

const NO_REFUSALS: Refusals = { access: 0, quota: 0, rate: 0, limits: 0 };

function reasonOf(errorCode: string | null): keyof Refusals {
  switch (errorCode) {
    case 'QUOTA_EXCEEDED':
      return 'quota';
    case 'RATE_LIMITED':
      return 'rate';
    case 'OPERATION_LIMIT_EXCEEDED':
      return 'limits';
    default:
      return 'access';
  }
}

async function refusalsOf(repository: AccessLogRepository, filter: LogFilter): Promise<{ total: Refusals; byClient: Record<string, Refusals> }> {
  const total = { ...NO_REFUSALS };
  const byClient: Record<string, Refusals> = {};
  for (const row of await repository.refusals(filter.range)) {
    const reason = reasonOf(row.errorCode);
    total[reason] += row.requests;
    const client = (byClient[row.clientId ?? ''] ??= { ...NO_REFUSALS });
    client[reason] += row.requests;
  }
  return { total, byClient };
}

export async function buildEvaluationReport(
  deps: EvaluationDeps,
  query: { from: string; to: string },
  settings: ReportSettings = {},
): Promise<Result<EvaluationReport>> {
  const repository = new AccessLogRepository(deps.database.db, { queryTimeoutMs: deps.evaluation.queryTimeoutMs });
  const filter = await toLogFilter(repository, { from: query.from, to: query.to }, deps.evaluation);
  if (!filter.ok) return filter;
  const { from, to } = filter.value.range;
  const previousRange = { from: new Date(from.getTime() - (to.getTime() - from.getTime())), to: from };
  const previousFilter: LogFilter = { ...filter.value, range: previousRange };
  // One query at a time: on PGlite they serialize anyway, and on PostgreSQL one report does not take
  // several pool connections for its scans.
  const totals = await repository.totals(filter.value);
  const group = (groupBy: StatsGroup) => groupRows(repository, filter.value, groupBy, REPORT_TOP);
  const days = await group('day');
  const agencies = await group('agency');
  const clients = await group('client');
  const fieldRows = await group('field');
  const operations = await group('operation');
  const subgraphs = await group('subgraph');
  const refusals = await refusalsOf(repository, filter.value);
  const previousTotals = await repository.totals(previousFilter);
  const previousRefusals = await refusalsOf(repository, previousFilter);
  // Every group of the previous period, so each row of this one finds its counterpart.
  const previousAgencies = await repository.groups('agency', previousFilter, MAX_STATS_ROWS);
  const previousFields = await repository.groups('field', previousFilter, MAX_STATS_ROWS);
  const signals = await detectMisuseSignals(deps, { from: query.from, to: query.to });
  if (!signals.ok) return signals;
  const named = new Set([
    ...fieldRows.flatMap((row) => (row.key === null ? [] : [row.key])),
    ...signals.value.signals.flatMap((signal) => (typeof signal.evidence['coordinate'] === 'string' ? [signal.evidence['coordinate']] : [])),
  ]);
  const owners = new Map((await repository.fieldOwners([...named])).map((owner) => [owner.coordinate, owner]));
  const fields = fieldRows.map((row): ReportField => {
    const owner = row.key === null ? undefined : owners.get(row.key);
    return { ...row, description: owner?.description ?? '', agencyNames: owner?.agencyNames ?? [] };
  });
  const subgraphOwners = await repository.subgraphOwners(subgraphs.flatMap((row) => (row.key === null ? [] : [row.key])));
  const integrity = await checkPeriodIntegrity(deps.database.db, filter.value.range);
  return ok({
    from,
    to,
    generatedAt: deps.now(),
    settings: mergeSettings(deps.evaluation.report, settings),
    totals,
    refusals: refusals.total,
    clientRefusals: refusals.byClient,
    days,
    agencies,
    clients,
    fields,
    operations,
    subgraphs,
    subgraphAgencies: Object.fromEntries(subgraphOwners.map((owner) => [owner.subgraph, owner.agencyName])),
    fieldDescriptions: Object.fromEntries([...owners.values()].map((owner) => [owner.coordinate, owner.description])),
    signals: signals.value.signals,
    thresholds: signals.value.thresholds,
    previous: { ...previousRange, totals: previousTotals, refusals: previousRefusals.total, agencies: previousAgencies, fields: previousFields },
    integrity,
  });
}

/** The configured settings with this report's own over them, line by line. */
function mergeSettings(configured: ReportSettings, given: ReportSettings): ReportSettings {
  return { ...configured, ...given, signer: { ...configured.signer, ...given.signer } };
}

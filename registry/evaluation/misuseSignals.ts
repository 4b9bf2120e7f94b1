/** `GET /v1/log/signals`: clients whose behaviour departs sharply from their own history (see signals.ts). */
import { ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';
import { AccessLogRepository } from '../repositories/AccessLogRepository.ts';
import type { EvaluationDeps } from './deps.ts';
import { DAY_MS, parseRange, wibDays, wibMidnight } from './range.ts';
import type { SignalsQuery } from './schemas.ts';
import { detectSignals } from './signals.ts';
import type { Signal } from './signals.ts';
import type { SignalThresholds } from './options.ts';

export interface MisuseSignal extends Signal {
  client: string | null;
  organization: string | null;
}

export interface MisuseSignals {
  from: string;
  to: string;
  thresholds: SignalThresholds;
  signals: MisuseSignal[];
}

export async function detectMisuseSignals(deps: EvaluationDeps, query: SignalsQuery): Promise<Result<MisuseSignals>> {
  const range = parseRange(query.from, query.to);
  if (!range.ok) return range;
  const thresholds = deps.evaluation.signals;
  const days = wibDays(range.value);
  // Whole WIB days, from the history before the first judged day to the end of the last one.
  const historyFrom = new Date(wibMidnight(days[0]!).getTime() - thresholds.historyDays * DAY_MS);
  const until = new Date(wibMidnight(days[days.length - 1]!).getTime() + DAY_MS);
  const repository = new AccessLogRepository(deps.database.db, { queryTimeoutMs: deps.evaluation.queryTimeoutMs });
  const [activity, overruns] = await Promise.all([
    repository.dailyClientActivity({ from: historyFrom, to: until }, query.clientId),
    repository.quotaOverruns({ from: wibMidnight(days[0]!), to: until }, query.clientId),
  ]);
  const found = detectSignals(activity, overruns, days, thresholds);
  const names = new Map((await repository.clientNames([...new Set(found.map((signal) => signal.clientId))])).map((client) => [client.id, client]));
  return ok({
    from: range.value.from.toISOString(),
    to: range.value.to.toISOString(),
    thresholds,
    signals: found.map((signal) => ({
      ...signal,
      client: names.get(signal.clientId)?.name ?? null,
      organization: names.get(signal.clientId)?.organization || null,
    })),
  });
}

/**
 * Misuse signals (Perbup Pacitan 138/2023 Pasal 7(2); Perwali Baubau 32/2024 Pasal 8(5): supervision
 * that requesters do not misuse the bus). Each client is compared with its own history, day by day
 * (WIB days), and with the quotas it was granted:
 *
 * - `volume`: requests that day > factor × the median of its previous `historyDays` days (days
 *   without traffic count as 0, days before its first request do not count), with at least
 *   `minRequests` requests and `minHistoryDays` days of history;
 * - `denied`: denied requests > factor × the median of its previous days (at least 1), with at
 *   least `minDenied`: no history needed, a new client probing for fields is a signal too;
 * - `offHours`: the share of requests between 22:00 and 05:00 WIB > factor × its median share on
 *   previous days with traffic, with at least `minOffHours` such requests, a share of at least
 *   `minOffHoursShare`, and `minHistoryDays` days of history;
 * - `quota`: served requests for a granted field over the grant's `quotaPerDay` that day.
 *
 * Pure: the repository supplies the daily figures, this decides. Every signal carries the numbers it
 * was decided on (`evidence`), so an evaluator can check it and a requester can answer it.
 */
import type { DailyClientActivity, QuotaOverrun } from '../repositories/AccessLogRepository.ts';
import type { SignalThresholds } from './options.ts';
import { addDays } from './range.ts';
import type { SignalKind } from './schemas.ts';

export interface Signal {
  kind: SignalKind;
  clientId: string;
  day: string;
  message: string;
  messageEn: string;
  evidence: Record<string, number | string | null>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
const percent = (share: number): string => `${round(share * 100, 1).toLocaleString('id-ID')}%`;

/**
 * @param activity daily figures from `historyFrom` (the first day minus `historyDays`) to the last day
 * @param days the WIB days to judge, in order
 */
export function detectSignals(
  activity: readonly DailyClientActivity[],
  overruns: readonly QuotaOverrun[],
  days: readonly string[],
  thresholds: SignalThresholds,
): Signal[] {
  const byClient = new Map<string, Map<string, DailyClientActivity>>();
  for (const row of activity) {
    let perDay = byClient.get(row.clientId);
    if (!perDay) byClient.set(row.clientId, (perDay = new Map()));
    perDay.set(row.day, row);
  }
  const judged = new Set(days);
  const signals: Signal[] = [];
  const { factor, historyDays } = thresholds;

  for (const [clientId, perDay] of byClient) {
    const firstDay = [...perDay.keys()].sort()[0]!;
    for (const day of days) {
      const today = perDay.get(day);
      if (!today) continue;
      const previous: string[] = [];
      for (let back = historyDays; back >= 1; back -= 1) {
        const earlier = addDays(day, -back);
        if (earlier >= firstDay) previous.push(earlier);
      }
      const history = previous.map((earlier) => perDay.get(earlier));
      const enoughHistory = previous.length >= thresholds.minHistoryDays;

      const requestsMedian = median(history.map((entry) => entry?.requests ?? 0));
      const volumeThreshold = factor * Math.max(requestsMedian, 1);
      if (enoughHistory && today.requests >= thresholds.minRequests && today.requests > volumeThreshold) {
        signals.push({
          kind: 'volume',
          clientId,
          day,
          message: `Volume harian ${today.requests.toLocaleString('id-ID')} permintaan, ${round(today.requests / Math.max(requestsMedian, 1), 1).toLocaleString('id-ID')}× median ${historyDays} hari sebelumnya (${requestsMedian.toLocaleString('id-ID')}).`,
          messageEn: `Daily volume of ${today.requests} requests, ${round(today.requests / Math.max(requestsMedian, 1), 1)}× the median of the previous ${historyDays} days (${requestsMedian}).`,
          evidence: {
            requests: today.requests,
            medianPrevious: requestsMedian,
            ratio: requestsMedian === 0 ? null : round(today.requests / requestsMedian),
            threshold: volumeThreshold,
            historyDays: previous.length,
          },
        });
      }

      const deniedMedian = median(history.map((entry) => entry?.denied ?? 0));
      const deniedThreshold = factor * Math.max(deniedMedian, 1);
      if (today.denied >= thresholds.minDenied && today.denied > deniedThreshold) {
        signals.push({
          kind: 'denied',
          clientId,
          day,
          message: `${today.denied.toLocaleString('id-ID')} percobaan akses ditolak dalam sehari (median ${historyDays} hari sebelumnya: ${deniedMedian.toLocaleString('id-ID')}).`,
          messageEn: `${today.denied} denied attempts in one day (median of the previous ${historyDays} days: ${deniedMedian}).`,
          evidence: {
            denied: today.denied,
            requests: today.requests,
            medianPrevious: deniedMedian,
            ratio: deniedMedian === 0 ? null : round(today.denied / deniedMedian),
            threshold: deniedThreshold,
            historyDays: previous.length,
          },
        });
      }

      const share = today.requests === 0 ? 0 : today.offHours / today.requests;
      const shares = history.filter((entry): entry is DailyClientActivity => entry !== undefined && entry.requests > 0).map((entry) => entry.offHours / entry.requests);
      const shareMedian = median(shares);
      const shareThreshold = Math.max(factor * shareMedian, thresholds.minOffHoursShare);
      if (enoughHistory && today.offHours >= thresholds.minOffHours && share >= shareThreshold && share > factor * shareMedian) {
        signals.push({
          kind: 'offHours',
          clientId,
          day,
          message: `${percent(share)} permintaan (${today.offHours.toLocaleString('id-ID')}) di luar jam kerja 22.00–05.00 WIB; median ${historyDays} hari sebelumnya ${percent(shareMedian)}.`,
          messageEn: `${round(share * 100, 1)}% of requests (${today.offHours}) outside 22:00–05:00 WIB; median of the previous ${historyDays} days ${round(shareMedian * 100, 1)}%.`,
          evidence: {
            offHours: today.offHours,
            requests: today.requests,
            share: round(share, 4),
            medianPreviousShare: round(shareMedian, 4),
            threshold: round(shareThreshold, 4),
            historyDays: previous.length,
          },
        });
      }
    }
  }

  // Quota: one signal per client and day, naming the field furthest over its quota.
  const worst = new Map<string, { overrun: QuotaOverrun; fields: number }>();
  for (const overrun of overruns) {
    if (!judged.has(overrun.day)) continue;
    const key = `${overrun.clientId}|${overrun.day}`;
    const current = worst.get(key);
    const ratio = overrun.requests / Math.max(overrun.quotaPerDay, 1);
    if (!current) worst.set(key, { overrun, fields: 1 });
    else {
      current.fields += 1;
      if (ratio > current.overrun.requests / Math.max(current.overrun.quotaPerDay, 1)) current.overrun = overrun;
    }
  }
  for (const { overrun, fields } of worst.values()) {
    signals.push({
      kind: 'quota',
      clientId: overrun.clientId,
      day: overrun.day,
      message: `Kuota harian terlampaui: ${overrun.requests.toLocaleString('id-ID')} permintaan atas ${overrun.coordinate} di graf ${overrun.graph}, kuota ${overrun.quotaPerDay.toLocaleString('id-ID')} per hari${fields > 1 ? ` (${fields} field melampaui kuota)` : ''}.`,
      messageEn: `Daily quota exceeded: ${overrun.requests} requests for ${overrun.coordinate} in graph ${overrun.graph}, quota ${overrun.quotaPerDay} per day${fields > 1 ? ` (${fields} fields over quota)` : ''}.`,
      evidence: {
        requests: overrun.requests,
        quotaPerDay: overrun.quotaPerDay,
        coordinate: overrun.coordinate,
        graph: overrun.graph,
        fieldsOverQuota: fields,
      },
    });
  }

  const order: Record<SignalKind, number> = { quota: 0, denied: 1, volume: 2, offHours: 3 };
  return signals.sort((a, b) => (a.day === b.day ? order[a.kind] - order[b.kind] || a.clientId.localeCompare(b.clientId) : a.day < b.day ? 1 : -1));
}

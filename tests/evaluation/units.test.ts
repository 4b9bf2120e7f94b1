import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../registry/evaluation/csv.ts';
import { decodeCursor, encodeCursor } from '../../registry/evaluation/filters.ts';
import { DEFAULT_SIGNAL_THRESHOLDS } from '../../registry/evaluation/options.ts';
import { parseRange, wibDays } from '../../registry/evaluation/range.ts';
import { detectSignals, median } from '../../registry/evaluation/signals.ts';
import type { DailyClientActivity } from '../../registry/repositories/AccessLogRepository.ts';
import { addDays } from '../../registry/evaluation/range.ts';

describe('time ranges', () => {
  it('reads dates as WIB days, `to` including its whole day', () => {
    const range = parseRange('2025-03-01', '2025-03-31');
    expect(range.ok && range.value.from.toISOString()).toBe('2025-02-28T17:00:00.000Z');
    expect(range.ok && range.value.to.toISOString()).toBe('2025-03-31T17:00:00.000Z');
    expect(range.ok && wibDays(range.value)).toHaveLength(31);
  });

  it('takes instants with their offset, and refuses inverted, empty and over-long ranges', () => {
    expect(parseRange('2025-03-01T08:00:00+07:00', '2025-03-01T09:00:00+07:00').ok).toBe(true);
    expect(parseRange('2025-03-02', '2025-03-01').ok).toBe(false);
    expect(parseRange('2025-03-01T00:00:00Z', '2025-03-01T00:00:00Z').ok).toBe(false);
    // An instant without its offset would be read in the server's zone; other loose forms neither.
    expect(parseRange('2025-03-01T08:00:00', '2025-03-02').ok).toBe(false);
    expect(parseRange('March 1, 2025', '2025-03-02').ok).toBe(false);
    expect(parseRange('2025-03-01T08:00:00.123Z', '2025-03-01T09:00Z').ok).toBe(true);
    expect(parseRange('2024-01-01', '2024-12-31').ok).toBe(true); // 366 days, a leap year
    expect(parseRange('2024-01-01', '2025-01-01').ok).toBe(false);
  });
});

describe('page cursors', () => {
  it('round-trip exactly, microseconds included, and refuse anything else', () => {
    const cursor = { at: '2025-03-01T01:02:03.123456Z', seq: 987_654_321 };
    const decoded = decodeCursor(encodeCursor(cursor));
    expect(decoded.ok && decoded.value).toEqual(cursor);
    expect(decodeCursor('bm90IGEgY3Vyc29y').ok).toBe(false);
    expect(decodeCursor(Buffer.from("2025-03-01T01:02:03.123456Z|1 or 1=1").toString('base64url')).ok).toBe(false);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses formulas', () => {
    expect(csvLine(['a', 1, null, 'b,c', 'say "hi"'])).toBe('a,1,,"b,c","say ""hi"""\r\n');
    expect(csvLine(['a', 'b;c', 1.5], ';')).toBe('a;"b;c";1.5\r\n');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell(-2)).toBe('-2');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
  });
});

describe('misuse signals', () => {
  const days = (first: string, count: number) => Array.from({ length: count }, (_, i) => addDays(first, i));
  const steady = (clientId: string, list: string[], requests = 200, denied = 2, offHours = 6): DailyClientActivity[] =>
    list.map((day) => ({ clientId, day, requests, denied, offHours }));

  it('takes the median of the previous days, missing days as zero', () => {
    expect(median([])).toBe(0);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('fires on a day far above the client’s own median, not on ordinary days', () => {
    const history = days('2025-01-01', 40);
    const activity = steady('a', history);
    activity[35] = { ...activity[35]!, requests: 700 };
    const signals = detectSignals(activity, [], history.slice(31), DEFAULT_SIGNAL_THRESHOLDS);
    expect(signals.map((signal) => [signal.kind, signal.day])).toEqual([['volume', history[35]]]);
    expect(signals[0]!.evidence).toMatchObject({ requests: 700, medianPrevious: 200, ratio: 3.5, threshold: 600, historyDays: 30 });
  });

  it('needs the minimum counts and enough history', () => {
    const history = days('2025-01-01', 40);
    const small = steady('a', history, 20, 0, 0);
    small[35] = { ...small[35]!, requests: 90, denied: 19, offHours: 19 };
    expect(detectSignals(small, [], history.slice(31), DEFAULT_SIGNAL_THRESHOLDS)).toEqual([]);
    // A client three days old: no volume baseline yet; but 25 denied attempts are a signal already.
    const fresh = steady('b', days('2025-02-01', 4), 300, 0, 0);
    fresh[3] = { ...fresh[3]!, requests: 2000, denied: 25 };
    expect(detectSignals(fresh, [], ['2025-02-04'], DEFAULT_SIGNAL_THRESHOLDS).map((signal) => signal.kind)).toEqual(['denied']);
  });

  it('reports one quota signal per client and day, naming the field furthest over', () => {
    const signals = detectSignals(
      [],
      [
        { clientId: 'a', day: '2025-02-01', graph: 'g', coordinate: 'Query.x', requests: 120, quotaPerDay: 100 },
        { clientId: 'a', day: '2025-02-01', graph: 'g', coordinate: 'Query.y', requests: 300, quotaPerDay: 100 },
      ],
      ['2025-02-01'],
      DEFAULT_SIGNAL_THRESHOLDS,
    );
    expect(signals).toHaveLength(1);
    expect(signals[0]!.evidence).toMatchObject({ coordinate: 'Query.y', requests: 300, quotaPerDay: 100, fieldsOverQuota: 2 });
  });
});

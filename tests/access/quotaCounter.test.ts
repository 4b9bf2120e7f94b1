/**
 * The quota counter on a real database: it counts a client's requests of the WIB day in one graph
 * that reached an agency (called a subgraph), from the log and its daily rollup alike, adds what it
 * admitted that the log does not hold yet, starts again at 00:00 WIB, and refuses (503) when it
 * cannot read the count.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessLog } from '../../drizzle/schema/index.ts';
import type { AccessOutcome } from '../../drizzle/schema/log.ts';
import { createQuotaCounter, requestsOfDay } from '../../lib/feed/quotaCounter.ts';
import { advanceAccessHead } from '../support/generateLogRows.ts';
import { rollUpAll } from '../../registry/log/rollup.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const client = randomUUID();
const other = randomUUID();
// 23:30 WIB on 10 March 2026: the WIB day is 2026-03-10 while UTC is already 16:30 that day.
const LATE_EVENING = new Date('2026-03-10T16:30:00Z');
let database: TestDatabase;
let seq = 0;

async function logged(rows: { clientId: string; graph: string; outcome: AccessOutcome; at: Date; reached?: boolean }[]): Promise<void> {
  await database.handle.db.insert(accessLog).values(
    rows.map((row) => {
      seq += 1;
      return {
        seq,
        occurredAt: row.at,
        requestId: `r-${seq}`,
        clientId: row.clientId,
        graph: row.graph,
        outcome: row.outcome,
        // Refused requests call no subgraph; the others did unless told otherwise.
        subgraphNames: row.reached ?? row.outcome !== 'denied' ? ['dukcapil'] : [],
        durationMs: 12,
        prevHash: '0'.repeat(64),
        hash: seq.toString(16).padStart(64, '0'),
      };
    }),
  );
  await advanceAccessHead(database.handle.db, seq, seq.toString(16).padStart(64, '0'));
}

beforeAll(async () => {
  database = await createTestDatabase();
  const hour = 3_600_000;
  await logged([
    { clientId: client, graph: 'semua', outcome: 'ok', at: new Date(LATE_EVENING.getTime() - 2 * hour) },
    { clientId: client, graph: 'semua', outcome: 'partial', at: new Date(LATE_EVENING.getTime() - hour) },
    { clientId: client, graph: 'semua', outcome: 'error', at: LATE_EVENING },
    // Not counted on the 10th: refused, no subgraph called (introspection, a parse error), another
    // graph, another client, the last second of the 9th WIB;
    // counted: the first second of the 10th WIB (17:00 UTC on the 9th).
    { clientId: client, graph: 'semua', outcome: 'denied', at: LATE_EVENING },
    { clientId: client, graph: 'semua', outcome: 'ok', at: LATE_EVENING, reached: false },
    { clientId: client, graph: 'semua', outcome: 'error', at: LATE_EVENING, reached: false },
    { clientId: client, graph: 'kependudukan', outcome: 'ok', at: LATE_EVENING },
    { clientId: other, graph: 'semua', outcome: 'ok', at: LATE_EVENING },
    { clientId: client, graph: 'semua', outcome: 'ok', at: new Date('2026-03-09T16:59:59Z') },
    { clientId: client, graph: 'semua', outcome: 'ok', at: new Date('2026-03-09T17:00:00Z') },
  ]);
});
afterAll(async () => {
  await database?.drop();
});

describe('quota counter', () => {
  it("counts the WIB day's requests that reached the agencies, from the log and from the rollup alike", async () => {
    expect(await requestsOfDay(database.handle.db, client, 'semua', '2026-03-10')).toBe(4);
    await rollUpAll(database.handle);
    expect(await requestsOfDay(database.handle.db, client, 'semua', '2026-03-10')).toBe(4);
    await logged([{ clientId: client, graph: 'semua', outcome: 'ok', at: LATE_EVENING }]);
    // One row past the rollup's mark, four in the rollup.
    expect(await requestsOfDay(database.handle.db, client, 'semua', '2026-03-10')).toBe(5);
    expect(await requestsOfDay(database.handle.db, client, 'semua', '2026-03-09')).toBe(1);
  });

  it('admits up to the quota, refuses after, and starts again at 00:00 WIB', async () => {
    let now = LATE_EVENING;
    const counter = createQuotaCounter({ database: database.handle, refreshMs: 60_000, now: () => now });
    expect(await counter.admit(client, 'semua', 7)).toMatchObject({ admitted: true, used: 6, quotaPerDay: 7 });
    expect(await counter.admit(client, 'semua', 7)).toMatchObject({ admitted: true, used: 7, quotaPerDay: 7 });
    const refused = await counter.admit(client, 'semua', 7);
    expect(refused).toMatchObject({ admitted: false, used: 7, quotaPerDay: 7, day: '2026-03-10' });
    expect(refused.admitted ? null : refused.resetsAt.toISOString()).toBe('2026-03-10T17:00:00.000Z');
    // Another graph has its own count.
    expect(await counter.admit(client, 'kependudukan', 1)).toMatchObject({ admitted: false, used: 1 });

    now = new Date('2026-03-10T17:00:00Z'); // 00:00 WIB on the 11th
    expect(await counter.admit(client, 'semua', 7)).toMatchObject({ admitted: true, used: 1, quotaPerDay: 7 });
  });

  it('re-reads the count after refreshMs; running and newly committed requests count until the log holds them', async () => {
    let now = new Date('2026-03-11T02:00:00Z');
    const counter = createQuotaCounter({ database: database.handle, refreshMs: 1_000, now: () => now });
    const first = await counter.admit(other, 'semua', 4);
    expect(first).toMatchObject({ admitted: true, used: 1 });
    // Two requests of the same client through another gateway, logged meanwhile, and ours committed.
    await logged([
      { clientId: other, graph: 'semua', outcome: 'ok', at: now },
      { clientId: other, graph: 'semua', outcome: 'ok', at: now },
      { clientId: other, graph: 'semua', outcome: 'ok', at: now },
    ]);
    if (first.admitted) first.release();
    now = new Date(now.getTime() + 1_500);
    // This admit starts a re-read in the background and still counts ours as committed-since: 0 + 0 + 1.
    expect(await counter.admit(other, 'semua', 4)).toMatchObject({ admitted: true, used: 2 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // After the read: 3 in the log (ours is not logged in this test) + 1 running = 4.
    expect(await counter.admit(other, 'semua', 4)).toMatchObject({ admitted: false, used: 4 });
  });

  it('a burst on a new day waits for the first read instead of passing on a zero', async () => {
    const at = new Date('2026-03-12T03:00:00Z');
    await logged(Array.from({ length: 5 }, () => ({ clientId: client, graph: 'semua', outcome: 'ok' as const, at })));
    const counter = createQuotaCounter({ database: database.handle, now: () => at });
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => counter.admit(client, 'semua', 8)));
    expect(verdicts.filter((verdict) => verdict.admitted)).toHaveLength(3);
  });

  it('refuses with 503 when the count cannot be read, and counts right once it can', async () => {
    const at = new Date('2026-03-13T03:00:00Z');
    let broken = true;
    const flaky = {
      db: new Proxy(database.handle.db, {
        get(target, property, receiver) {
          if (property === 'execute' && broken) return () => Promise.reject(new Error('koneksi terputus'));
          return Reflect.get(target, property, receiver) as unknown;
        },
      }),
    };
    const counter = createQuotaCounter({ database: flaky, now: () => at, onError: () => {} });
    await expect(counter.admit(client, 'semua', 1)).rejects.toMatchObject({ code: 'UNAVAILABLE', status: 503 });
    await logged([{ clientId: client, graph: 'semua', outcome: 'ok', at }]);
    broken = false;
    expect(await counter.admit(client, 'semua', 1)).toMatchObject({ admitted: false, used: 1 });
  });
});
